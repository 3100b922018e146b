import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema';
import { authFetch } from './helpers/graphql';
import { ROOT, startServer, type TestServer } from './helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('the GraphQL contract', () => {
  it('schema.graphql is what codegen writes from the code (run `npm run codegen` when this fails)', () => {
    const committed = readFileSync(join(ROOT, 'schema.graphql'), 'utf8');
    expect(committed.trim()).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });

  it('the running server has every type, field, argument and enum value of api.graphql, with the same types', async () => {
    const res = await authFetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const live = buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data);
    const contract = buildSchema(readFileSync(join(ROOT, 'test', 'fixtures', 'api.graphql'), 'utf8'));
    const gaps: string[] = [];
    for (const [name, type] of Object.entries(contract.getTypeMap())) {
      if (name.startsWith('__')) continue;
      const liveType = live.getType(name);
      if (!liveType) {
        gaps.push(`missing type ${name}`);
        continue;
      }
      if (isEnumType(type) && isEnumType(liveType)) {
        for (const v of type.getValues()) if (!liveType.getValue(v.name)) gaps.push(`missing ${name}.${v.name}`);
      }
      if (isObjectType(type) && isObjectType(liveType)) {
        for (const i of type.getInterfaces())
          if (!liveType.getInterfaces().some((x) => x.name === i.name)) gaps.push(`${name} must implement ${i.name}`);
      }
      if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      if (!(isObjectType(liveType) || isInterfaceType(liveType) || isInputObjectType(liveType))) continue;
      const liveFields = liveType.getFields();
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        const liveField = liveFields[fieldName];
        if (!liveField) {
          gaps.push(`missing field ${name}.${fieldName}`);
          continue;
        }
        if (String(liveField.type) !== String(field.type)) gaps.push(`${name}.${fieldName} is ${liveField.type}, not ${field.type}`);
        for (const arg of 'args' in field ? field.args : []) {
          const liveArg = 'args' in liveField ? liveField.args.find((a) => a.name === arg.name) : undefined;
          if (String(liveArg?.type) !== String(arg.type)) gaps.push(`argument ${name}.${fieldName}(${arg.name}) is ${liveArg?.type}`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('serves GraphiQL from the server itself, with no asset from a CDN', async () => {
    const res = await authFetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net|esm\.sh)/);
  });

  it('answers /health with 200 and the sandbox state', async () => {
    const res = await authFetch(new URL('/health', server.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
