import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openPlatform, type Platform } from '../src/platform';
import { requestRateLimit } from '../src/http/rate-limit';
import { startPostgres, type Postgres } from './helpers/postgres';
import { removeDataDir, tempDataDir } from './helpers/server';

// Limits hold for a deployment, not per process: two platforms on one database stand for two API servers.

let postgres: Postgres;
const platforms: Platform[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  for (let i = 0; i < 2; i++) {
    const dir = tempDataDir();
    dirs.push(dir);
    platforms.push(await openPlatform(loadConfig({ DATABASE_URL: postgres.url, DATA_DIR: dir }), createLogger('silent', false)));
  }
}, 60_000);

afterAll(async () => {
  for (const platform of platforms) await platform.close(0);
  await postgres?.stop();
  dirs.forEach(removeDataDir);
});

describe('limits across processes', () => {
  it('counts a tenant’s requests per minute over every API server', async () => {
    const [a, b] = platforms.map((p) => requestRateLimit(8, p.rateLimiter));
    const outcomes: string[] = [];
    const send = async (limit: typeof a, key: string) => {
      try {
        await limit!(key);
        outcomes.push('served');
      } catch (err) {
        outcomes.push((err as { extensions?: { code?: string } }).extensions?.code ?? String(err));
      }
    };
    // 5 on one server and 5 on the other, interleaved: 8 are served, 2 refused.
    await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? a : b, 'tenant:acme')));
    expect(outcomes.filter((o) => o === 'served')).toHaveLength(8);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(2);
    // Another tenant has its own count.
    await send(a, 'tenant:other');
    expect(outcomes.at(-1)).toBe('served');
  });
});
