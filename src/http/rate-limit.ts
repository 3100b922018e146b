import { createGraphQLError } from 'graphql-yoga';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A counter of `points` per `durationS` seconds: in this process, or shared by a deployment's processes (src/platform.ts). */
export type RateLimiterFactory = (points: number, durationS: number) => RateLimiterAbstract;

/**
 * TENANT_REQUESTS_PER_MINUTE: GraphQL requests (and WebSocket operations) a tenant may send per minute,
 * counted in a fixed one-minute window; past it, 429 with Retry-After. Requests without a principal
 * (introspection) are counted per client address.
 */
export function requestRateLimit(perMinute: number, limiterFor: RateLimiterFactory) {
  const limiter = perMinute > 0 ? limiterFor(perMinute, 60) : null;
  return async (key: string) => {
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw createGraphQLError(`Too many requests: at most ${perMinute} a minute (TENANT_REQUESTS_PER_MINUTE); retry in ${retryAfter} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429, headers: { 'Retry-After': String(retryAfter) } } },
      });
    }
  };
}
