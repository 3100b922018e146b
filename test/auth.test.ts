import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { ROOT, startServer, type TestServer } from './helpers/server';

/** One GraphQL request with exactly the Authorization header given (none when null). */
async function as(server: TestServer, authorization: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return { status: res.status, wwwAuthenticate: res.headers.get('www-authenticate'), ...body };
}
const bearer = (token: string) => `Bearer ${token}`;

const VIEWER = '{ viewer { tenant role authMethod tokenId subject } }';
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { id tenant role name expiresAt revokedAt } } }`;
const CREATE_DATASET = 'mutation { createDataset(name: "t", csv: "a,b\\n1,2\\n") { id } }';

describe('authentication', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startServer();
    admin = server.adminToken!;
  });
  afterAll(() => server.stop());

  async function newToken(input: Record<string, unknown>) {
    const r = await as(server, bearer(admin), CREATE_TOKEN, { input });
    expect(r.errors).toBeUndefined();
    return r.data.createApiToken as { secret: string; token: { id: string; tenant: string; role: string } };
  }

  it('creates an admin token at the first start, readable only by the server user, and keeps it across restarts', async () => {
    const file = join(server.dataDir, 'admin-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(server.dataDir, 'investigator.db')).mode & 0o777).toBe(0o600);
    expect(admin).toMatch(/^iit_[0-9A-Z]{26}_[A-Za-z0-9_-]{43}$/);
    const r = await as(server, bearer(admin), VIEWER);
    expect(r.data.viewer).toMatchObject({ tenant: 'default', role: 'ADMIN', authMethod: 'TOKEN', tokenId: expect.stringMatching(/^tok_/) });

    const dataDir = join(server.dataDir, 'restarted');
    const first = await startServer({ DATA_DIR: dataDir });
    const created = first.adminToken;
    await first.stop();
    const second = await startServer({ DATA_DIR: dataDir });
    try {
      expect(second.adminToken).toBe(created);
      expect((await as(second, bearer(created!), VIEWER)).data.viewer.role).toBe('ADMIN');
    } finally {
      await second.stop();
    }
  });

  it('refuses a request without a token with 401, WWW-Authenticate and how to get one, naming no host path', async () => {
    const r = await as(server, null, '{ datasets(first: 1) { totalCount } }');
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toBe('Bearer');
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.message).toMatch(/Authorization: Bearer <token>.*admin-token/);
    expect(r.errors?.[0]?.message).not.toContain(server.dataDir);
    expect(JSON.stringify(r.errors)).not.toContain('"http"');
    for (const mutation of [CREATE_DATASET, 'mutation { cancelRun(id: "run_x") { id } }']) {
      expect((await as(server, null, mutation)).status).toBe(401);
    }
  });

  it('serves introspection without a token (the schema is public), and nothing else with it', async () => {
    const r = await as(server, null, '{ __schema { queryType { name } } __type(name: "Dataset") { name } }');
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } }, __type: { name: 'Dataset' } });
    const mixed = await as(server, null, '{ __typename datasets(first: 1) { totalCount } }');
    expect(mixed.status).toBe(401);
    const viaFragment = await as(server, null, 'query { ...F } fragment F on Query { __typename viewer { role } }');
    expect(viaFragment.status).toBe(401);
    // What a code generator or contract check does without a token: the whole schema, as the repository has it.
    const introspection = await as(server, null, getIntrospectionQuery({ specifiedByUrl: true, descriptions: true }));
    expect(introspection.status).toBe(200);
    const served = printSchema(lexicographicSortSchema(buildClientSchema(introspection.data)));
    const committed = printSchema(lexicographicSortSchema(buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'))));
    expect(served).toBe(committed);
  });

  it('refuses a credential that does not verify, even for introspection', async () => {
    const [, id] = /^iit_([0-9A-Z]{26})_/.exec(admin)!;
    const cases: Array<[string, RegExp]> = [
      ['Bearer nonsense', /neither an API token/],
      [`Bearer iit_${id}_${'A'.repeat(43)}`, /not valid/],
      ['Basic dXNlcjpwYXNz', /must be "Bearer <token>"/],
      ['Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJ4In0.', /no identity provider is configured/],
    ];
    for (const [header, message] of cases) {
      const r = await as(server, header, '{ __typename }');
      expect(r.status, header).toBe(401);
      expect(r.errors?.[0]?.message, header).toMatch(message);
    }
  });

  it('keeps only a hash of each secret: no token appears in the database files', async () => {
    const { secret } = await newToken({ name: 'hash check', tenant: 'acme' });
    // The secret is everything after the id: base64url may itself contain '_'.
    const secretOf = (token: string) => /^iit_[0-9A-Z]{26}_(.{43})$/.exec(token)![1]!;
    const secretPart = secretOf(secret);
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('investigator.db'));
    expect(files.length).toBeGreaterThan(0);
    // Read by another process: closing a file descriptor of the database in the server's own process would
    // drop SQLite's POSIX locks on it.
    const found = (needle: string, file: string) => spawnSync('grep', ['-F', '-q', '-a', needle, join(server.dataDir, file)]).status === 0;
    expect(found('hash check', files.find((f) => f.endsWith('-wal')) ?? files[0]!) || found('hash check', files[0]!)).toBe(true);
    for (const f of files) {
      expect(found(secretPart, f), f).toBe(false);
      expect(found(secretOf(admin), f), f).toBe(false);
    }
  });

  it('gives each role what it may do: READER reads, MEMBER also writes, ADMIN also manages tokens', async () => {
    const reader = (await newToken({ name: 'reader', tenant: 'acme', role: 'READER' })).secret;
    const member = (await newToken({ name: 'member', tenant: 'acme', role: 'MEMBER' })).secret;
    expect((await as(server, bearer(reader), VIEWER)).data.viewer).toEqual({ tenant: 'acme', role: 'READER', authMethod: 'TOKEN', tokenId: expect.any(String), subject: null });
    expect((await as(server, bearer(reader), '{ datasets(first: 5) { totalCount } }')).data.datasets.totalCount).toBe(0);
    const refused = await as(server, bearer(reader), CREATE_DATASET);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/Mutation.createDataset needs the MEMBER role; .* READER of tenant "acme"/);
    expect((await as(server, bearer(member), CREATE_DATASET)).data.createDataset.id).toMatch(/^ds_/);
    const notAdmin = await as(server, bearer(member), CREATE_TOKEN, { input: { name: 'x' } });
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as(server, bearer(member), '{ apiTokens { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("limits a tenant's administrator to its own tenant; the default tenant's administrators manage all", async () => {
    const acmeAdmin = (await newToken({ name: 'acme admin', tenant: 'acme', role: 'ADMIN' })).secret;
    const own = await as(server, bearer(acmeAdmin), CREATE_TOKEN, { input: { name: 'acme ci' } });
    expect(own.data.createApiToken.token).toMatchObject({ tenant: 'acme', role: 'MEMBER' });
    const other = await as(server, bearer(acmeAdmin), CREATE_TOKEN, { input: { name: 'x', tenant: 'globex' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await as(server, bearer(acmeAdmin), '{ apiTokens { tenant } }');
    expect(new Set(listed.data.apiTokens.map((t: { tenant: string }) => t.tenant))).toEqual(new Set(['acme']));
    const adminTokenId = (await as(server, bearer(admin), VIEWER)).data.viewer.tokenId;
    const revokeDefault = await as(server, bearer(acmeAdmin), 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: adminTokenId });
    expect(revokeDefault.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const all = await as(server, bearer(admin), '{ apiTokens(tenant: "acme") { tenant } }');
    expect(all.data.apiTokens.length).toBeGreaterThan(1);
  });

  it('refuses bad token input with errors naming the field', async () => {
    const bad = async (input: Record<string, unknown>) => (await as(server, bearer(admin), CREATE_TOKEN, { input })).errors?.[0];
    expect((await bad({ name: 'x', tenant: 'Not A Tenant' }))?.message).toMatch(/tenant must match/);
    expect((await bad({ name: '' }))?.message).toMatch(/name must have 1 to 200 characters/);
    expect((await bad({ name: 'x', expiresAt: '2001-01-01T00:00:00Z' }))?.message).toMatch(/expiresAt must be in the future/);
    expect((await bad({ name: 'x', role: 'ROOT' }))?.message).toMatch(/ROOT/);
  });

  it('stops a revoked token at once, and an expired one when it expires', async () => {
    const { secret, token } = await newToken({ name: 'short-lived', tenant: 'acme' });
    expect((await as(server, bearer(secret), VIEWER)).status).toBe(200);
    const revoked = await as(server, bearer(admin), 'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }', { id: token.id });
    expect(revoked.data.revokeApiToken.revokedAt).not.toBeNull();
    const after = await as(server, bearer(secret), VIEWER);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toMatch(/revoked/);

    const expiring = await newToken({ name: 'expiring', tenant: 'acme', expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await as(server, bearer(expiring.secret), VIEWER)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const expired = await as(server, bearer(expiring.secret), VIEWER);
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toMatch(/expired/);
  });

  it('manages tokens with a command on the same DATA_DIR while the server runs', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)('node', ['--import', 'tsx', 'src/cli/tokens.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir } });
    const { stdout: secret, stderr } = await cli('create', '--name', 'from the command', '--tenant', 'initech', '--role', 'reader');
    expect(stderr).toMatch(/created tok_\w+: READER of tenant "initech"/);
    expect((await as(server, bearer(secret.trim()), VIEWER)).data.viewer).toMatchObject({ tenant: 'initech', role: 'READER' });
    const { stdout: listed } = await cli('list', '--tenant', 'initech');
    const id = listed.split('\t')[0]!;
    expect(listed).toContain('from the command');
    await cli('revoke', id);
    expect((await as(server, bearer(secret.trim()), VIEWER)).status).toBe(401);
    const failed = await cli('create', '--name', 'x', '--role', 'root').catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/--role must be one of READER, MEMBER, ADMIN; got root/);
  });

  it('takes the token over graphql-ws connectionParams (as a header value, in headers, or as token) and over SSE headers', async () => {
    const subscribe = async (connectionParams: Record<string, unknown>) => {
      const client = createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
      try {
        for await (const r of client.iterate({ query: VIEWER })) return r;
      } finally {
        await client.dispose();
      }
    };
    for (const params of [{ Authorization: bearer(admin) }, { headers: { authorization: bearer(admin) } }, { token: admin }]) {
      expect((await subscribe(params))?.data, JSON.stringify(Object.keys(params))).toMatchObject({ viewer: { role: 'ADMIN' } });
    }
    const anonymous = await subscribe({});
    expect(anonymous?.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(anonymous?.errors)).not.toContain('"http"');
    const closed = await subscribe({ Authorization: 'Bearer nonsense' }).then(
      () => null,
      (e: { code?: number }) => e.code,
    );
    expect(closed).toBe(4403);

    const sse = createSseClient({ url: server.url, retryAttempts: 0, headers: { authorization: bearer(admin) } });
    try {
      for await (const r of sse.iterate({ query: VIEWER })) expect(r.data).toMatchObject({ viewer: { role: 'ADMIN' } });
    } finally {
      sse.dispose();
    }
  });
});

describe('JWTs of an identity provider', () => {
  let jwks: Server;
  let server: TestServer;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  const ISSUER = 'https://idp.example';
  const AUDIENCE = 'iterate';
  const CLAIMS = 'https://iterate.example/claims';

  beforeAll(async () => {
    const signing = await generateKeyPair('RS256');
    key = signing.privateKey;
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    const { publicKey: unrelated } = await generateKeyPair('RS256');
    const published = { keys: [{ ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'RS256' }, { ...(await exportJWK(unrelated)), kid: 'k0', alg: 'RS256' }] };
    jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published)));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    server = await startServer({
      AUTH_JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
      AUTH_JWT_TENANT_CLAIM: `/${CLAIMS.replaceAll('~', '~0').replaceAll('/', '~1')}/tenant`,
      AUTH_JWT_ROLE_CLAIM: `/${CLAIMS.replaceAll('~', '~0').replaceAll('/', '~1')}/roles`,
    });
  });
  afterAll(async () => {
    await server?.stop();
    jwks?.close();
  });

  const sign = (claims: Record<string, unknown>, options: { signer?: CryptoKey; kid?: string; audience?: string; expiresIn?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('user-42')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.signer ?? key);

  it('verifies a JWT against the JWKS and takes tenant and role from the configured claims', async () => {
    const token = await sign({ [CLAIMS]: { tenant: 'acme', roles: ['viewer', 'member'] } });
    const r = await as(server, bearer(token), VIEWER);
    expect(r.data.viewer).toEqual({ tenant: 'acme', role: 'MEMBER', authMethod: 'JWT', tokenId: null, subject: 'user-42' });
    expect((await as(server, bearer(token), CREATE_DATASET)).data.createDataset.id).toMatch(/^ds_/);
    const noRole = await sign({ [CLAIMS]: { tenant: 'acme' } });
    expect((await as(server, bearer(noRole), VIEWER)).data.viewer.role).toBe('READER');
  });

  it('refuses JWTs that are expired, for another audience, signed by another key, unsigned, or without a tenant', async () => {
    const claims = { [CLAIMS]: { tenant: 'acme', roles: 'admin' } };
    const cases: Array<[string, string, RegExp]> = [
      ['expired', await sign(claims, { expiresIn: '-1m' }), /expired/],
      ['audience', await sign(claims, { audience: 'someone-else' }), /"aud" claim/],
      ['other key', await sign(claims, { signer: otherKey }), /signature/],
      ['unknown kid', await sign(claims, { kid: 'nope' }), /no key of the identity provider/],
      ['no tenant', await sign({ [CLAIMS]: { roles: 'admin' } }), /no .*tenant claim/],
      ['bad tenant', await sign({ [CLAIMS]: { tenant: '../etc' } }), /not a valid tenant id/],
    ];
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: ISSUER, aud: AUDIENCE })).toString('base64url')}.`;
    cases.push(['alg none', unsigned, /not valid/]);
    for (const [name, token, message] of cases) {
      const r = await as(server, bearer(token), VIEWER);
      expect(r.status, name).toBe(401);
      expect(r.errors?.[0]?.message, name).toMatch(message);
    }
  });

  it('accepts a shared secret (HS256) instead of a JWKS', async () => {
    const secret = 'a shared secret of at least thirty-two characters';
    const hs = await startServer({ AUTH_JWT_SECRET: secret });
    try {
      const token = await new SignJWT({ tenant: 'acme', role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(new TextEncoder().encode(secret));
      expect((await as(hs, bearer(token), VIEWER)).data.viewer).toMatchObject({ tenant: 'acme', role: 'ADMIN', authMethod: 'JWT' });
      const forged = await new SignJWT({ tenant: 'acme', role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(`${secret}!`));
      expect((await as(hs, bearer(forged), VIEWER)).status).toBe(401);
    } finally {
      await hs.stop();
    }
  });
});

describe('AUTH=off', () => {
  it('is refused on any address but loopback', () => {
    expect(() => loadConfig({ AUTH: 'off', HOST: '0.0.0.0' })).toThrow(/AUTH=off is allowed only on a loopback HOST .*got HOST=0.0.0.0/);
    expect(() => loadConfig({ AUTH: 'off', HOST: '192.168.1.4' })).toThrow(/loopback/);
    expect(loadConfig({ AUTH: 'off', HOST: '::1' }).auth.enabled).toBe(false);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(40), AUTH_JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/not several/);
  });

  it('on loopback, acts as the default tenant’s administrator, writes no token and says so loudly', async () => {
    const server = await startServer({ AUTH: 'off' });
    try {
      expect((await as(server, null, VIEWER)).data.viewer).toEqual({ tenant: 'default', role: 'ADMIN', authMethod: 'NONE', tokenId: null, subject: null });
      expect(() => statSync(join(server.dataDir, 'admin-token'))).toThrow();
    } finally {
      await server.stop();
    }
  });
});
