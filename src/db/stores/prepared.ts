import { and, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, DbOrTx } from '../client';

/**
 * A query drizzle builds and better-sqlite3 prepares once per connection, on its first use. Otherwise
 * drizzle builds and prepares every query anew (~0.1–0.3 ms each), and the hot ones (a run, its
 * investigations, a token, a dataset by id) run several times for every investigation.
 */
export function preparedOnce<T>(make: (db: Db) => T): (db: DbOrTx) => T {
  const made = new WeakMap<object, T>();
  return (db) => {
    let query = made.get(db);
    if (!query) {
      query = make(db as Db);
      made.set(db, query);
    }
    return query;
  };
}

type Statement = { run(values: Record<string, unknown>): { changes: number } };

/**
 * Statements prepared once per connection and per shape of the values they write: which columns are set,
 * and which of them to null. A null is written as is, while a placeholder's value goes through its
 * column's encoder, which would turn a JSON null into 'null' and fail on a null date.
 */
function byShape(make: (db: Db, columns: Record<string, unknown>, shape: string) => Statement) {
  const made = new WeakMap<object, Map<string, Statement>>();
  return (db: DbOrTx, values: Record<string, unknown>, extraShape = '', extraValues: Record<string, unknown> = {}): number => {
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    const shape = `${keys.map((k) => (values[k] === null ? `${k}=null` : k)).join(',')}|${extraShape}`;
    let statements = made.get(db);
    if (!statements) made.set(db, (statements = new Map()));
    let statement = statements.get(shape);
    if (!statement) {
      statement = make(db as Db, Object.fromEntries(keys.map((k) => [k, values[k] === null ? null : sql.placeholder(k)])), extraShape);
      statements.set(shape, statement);
    }
    const given: Record<string, unknown> = { ...extraValues };
    for (const k of keys) if (values[k] !== null) given[k] = values[k];
    return statement.run(given).changes;
  };
}

/**
 * `UPDATE table SET <the patch's columns> WHERE id = ? [AND condition]`, prepared per shape; the condition
 * is named by its key and may hold placeholders, given in its values. Returns the rows changed.
 */
export function updateById<TTable extends SQLiteTable & { id: SQLiteColumn }>(table: TTable) {
  const conditions = new Map<string, SQL>();
  const update = byShape((db, set, shape) => {
    const byId = sql`${table.id} = ${sql.placeholder(ID)}`;
    const condition = conditions.get(shape);
    return db
      .update(table)
      .set(set as never)
      .where(condition ? and(byId, condition) : byId)
      .prepare();
  });
  return (db: DbOrTx, id: string, patch: Record<string, unknown>, condition?: { key: string; where: SQL; values?: Record<string, unknown> }): number => {
    if (condition) conditions.set(condition.key, condition.where);
    return update(db, patch, condition?.key ?? '', { ...condition?.values, [ID]: id });
  };
}

/** `INSERT INTO table <the row's columns>`, prepared per shape. */
export function insertRow<TTable extends SQLiteTable>(table: TTable) {
  const insert = byShape((db, values) => db.insert(table).values(values as never).prepare());
  return (db: DbOrTx, row: Record<string, unknown>) => void insert(db, row);
}

/** The placeholder of the row's id (no column is named so). */
const ID = '$id';
