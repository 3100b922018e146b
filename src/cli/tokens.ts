import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureAdminToken } from '../auth/adminToken';
import { ApiTokenService } from '../auth/apiTokens';
import { DEFAULT_TENANT, ROLES, type Role } from '../auth/principal';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { sqliteStore } from '../db/sqliteStore';
import type { ApiTokenRow } from '../db/schema';
import { errorMessage, InputError } from '../errors';

const USAGE = `Manages API tokens in the server's database (DATA_DIR / DATABASE_FILE, as the server reads them).

  npm run tokens -- create --name <who> [--tenant <id>] [--role READER|MEMBER|ADMIN] [--expires <ISO date | 30d | 12h>]
      prints the new token's secret on stdout (shown only this once)
  npm run tokens -- list [--tenant <id>] [--all-tenants] [--revoked]
  npm run tokens -- revoke <token id>
  npm run tokens -- graphiql
  npm run tokens -- dashboard
      creates the first administrator token if none is usable (as the server does at start), and prints
      a GraphiQL (or dashboard) link that signs in with the one in DATA_DIR/admin-token`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      expires: { type: 'string' },
      'all-tenants': { type: 'boolean' },
      revoked: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const database = openDatabase(config.databaseFile);
  try {
    const tokens = new ApiTokenService(sqliteStore(database.db));
    switch (command) {
      case 'create': {
        if (!values.name) throw new InputError('create needs --name');
        const role = (values.role ?? 'MEMBER').toUpperCase();
        if (!ROLES.includes(role as Role)) throw new InputError(`--role must be one of ${ROLES.join(', ')}; got ${values.role}`);
        const { token, secret } = await tokens.create({
          tenantId: values.tenant ?? DEFAULT_TENANT,
          name: values.name,
          role: role as Role,
          expiresAt: values.expires ? expiry(values.expires) : null,
        });
        console.error(`created ${token.id}: ${token.role} of tenant "${token.tenantId}"${token.expiresAt ? `, until ${token.expiresAt.toISOString()}` : ''}`);
        console.log(secret);
        return 0;
      }
      case 'list': {
        const rows = await tokens.list(values['all-tenants'] ? null : (values.tenant ?? DEFAULT_TENANT), values.revoked ?? false);
        for (const row of rows) console.log(describe(row));
        if (!rows.length) console.error('no tokens');
        return 0;
      }
      case 'revoke': {
        if (rest.length !== 1) throw new InputError('revoke takes one token id (tok_…)');
        console.log(describe(await tokens.revoke(rest[0]!)));
        return 0;
      }
      case 'graphiql':
      case 'dashboard': {
        const page = `http://${hostForUrl(config.host)}:${config.port}${command === 'graphiql' ? '/graphql' : '/dashboard'}`;
        if (!config.auth.enabled) {
          console.log(`${page}  (AUTH=off: no token needed)`);
          return 0;
        }
        await ensureAdminToken(tokens, config.auth.adminTokenFile);
        const token = readFileSync(config.auth.adminTokenFile, 'utf8').trim();
        console.log(`${page}#token=${token}`);
        return 0;
      }
      default:
        throw new InputError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    }
  } finally {
    database.close();
  }
}

function describe(row: ApiTokenRow): string {
  const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : row.expiresAt ? `expires ${row.expiresAt.toISOString()}` : 'active';
  return [row.id, row.tenantId, row.role, state, `last used ${row.lastUsedAt?.toISOString() ?? 'never'}`, row.name].join('\t');
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** An ISO date, or a duration from now: `30d`, `12h`, `90m`. */
function expiry(text: string): Date {
  const duration = /^(\d+)([dhm])$/.exec(text.trim());
  if (duration) return new Date(Date.now() + Number(duration[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[duration[2] as 'd' | 'h' | 'm']);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new InputError(`--expires must be an ISO date or a duration such as 30d, 12h or 90m; got ${JSON.stringify(text)}`);
  return date;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof InputError || err instanceof ConfigError || err instanceof TypeError)) throw err;
  console.error(errorMessage(err));
  process.exitCode = 2;
}
