import { z } from 'zod';
import { ISSUE_TYPES, issueTypeModule } from '../issueTypes/registry';
import { envelope } from '../issueTypes/resultSchema';
import { builder } from './builder';

/**
 * Investigation.result: the output typed by issue type. Each built-in type's GraphQL object is derived
 * from its module's result schema (zod), so validation and the API cannot drift apart: keys are camelCased,
 * integers are Int, records become lists of { key, value }, `.meta({ title })` names a shared object type.
 */
type Output = Record<string, unknown>;
const TYPE_NAME = Symbol('result type');
type Tagged = Output & { [TYPE_NAME]: string };

/** The part of Pothos' field builder used here: the field types are computed, so they are not known statically. */
type FieldBuilder = { field(options: { type: unknown; nullable: unknown; resolve: (o: Output) => unknown }): never };
type Shape = { type: unknown; nullable: boolean | { list: boolean; items: boolean }; convert: (value: unknown) => unknown };

const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const objectTypes = new Map<z.ZodType, unknown>();

function unwrap(schema: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let inner = schema;
  // Whatever the schema lets through as null or absent is a nullable field (z.unknown() included).
  let nullable = schema.safeParse(null).success || schema.safeParse(undefined).success;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
    nullable = true;
    inner = inner.def.innerType as z.ZodType;
  }
  return { inner, nullable };
}

function shapeOf(schema: z.ZodType, name: string): Shape {
  const { inner, nullable } = unwrap(schema);
  const same = (type: unknown): Shape => ({ type, nullable, convert: (v) => v });
  if (inner instanceof z.ZodNumber) return same(inner.isInt ? 'Int' : 'Float');
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return same('String');
  if (inner instanceof z.ZodBoolean) return same('Boolean');
  if (inner instanceof z.ZodObject) return same(objectType(inner, name));
  if (inner instanceof z.ZodArray) {
    const item = shapeOf(inner.element as z.ZodType, name);
    const items = item.nullable === true;
    return { type: [item.type], nullable: { list: nullable, items }, convert: (v) => (Array.isArray(v) ? v.map(item.convert) : v) };
  }
  if (inner instanceof z.ZodRecord) {
    const entry = z.object({ key: z.string(), value: inner.valueType as z.ZodType });
    const type = objectType(entry, `${name}Entry`);
    return {
      type: [type],
      nullable: { list: nullable, items: false },
      convert: (v) => (v && typeof v === 'object' ? Object.entries(v).map(([key, value]) => ({ key, value })) : v),
    };
  }
  return same('JSON');
}

function fieldsOf(t: FieldBuilder, schema: z.ZodObject, name: string) {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => {
      const shape = shapeOf(value as z.ZodType, `${name}${pascal(key)}`);
      return [camel(key), t.field({ type: shape.type, nullable: shape.nullable, resolve: (o) => shape.convert(o[key]) })];
    }),
  );
}

function objectType(schema: z.ZodObject, name: string) {
  const known = objectTypes.get(schema);
  if (known) return known;
  const title = z.globalRegistry.get(schema)?.title ?? name;
  const ref = builder.objectRef<Output>(title);
  objectTypes.set(schema, ref);
  ref.implement({ fields: (t) => fieldsOf(t as unknown as FieldBuilder, schema, title) });
  return ref;
}

export const InvestigationResultRef = builder.interfaceRef<Tagged>('InvestigationResult').implement({
  description: 'The envelope every result carries (docs/RESULTS.md), camelCased.',
  fields: (t) => fieldsOf(t as unknown as FieldBuilder, envelope, 'InvestigationResult'),
  resolveType: (value) => value[TYPE_NAME],
});

builder.objectRef<Tagged>('GenericResult').implement({
  description: 'A result of a type with no built-in definition: the envelope; the rest is in Investigation.output.',
  interfaces: [InvestigationResultRef],
  fields: () => ({}),
});

const resultTypeName = (type: string) => `${pascal(type)}Result`;

for (const module of ISSUE_TYPES) {
  const name = resultTypeName(module.type);
  builder.objectRef<Tagged>(name).implement({
    description: `A ${module.type} result: every key of its docs/RESULTS.md section, typed.`,
    interfaces: [InvestigationResultRef],
    fields: (t) => fieldsOf(t as unknown as FieldBuilder, module.result, name),
  });
}

/** An investigation's output as its typed result (null until it has one). */
export function typedResult(issueType: string, output: Output | null): Tagged | null {
  if (!output) return null;
  return { ...output, [TYPE_NAME]: issueTypeModule(issueType) ? resultTypeName(issueType) : 'GenericResult' };
}
