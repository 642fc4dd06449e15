import autocannon from 'autocannon';
import { http, testToken, type HttpResult } from '#testing';
import { runPaced } from './paced-load.js';
import type { LoadResult, LoadSpec } from './load-types.js';

let token: string | undefined;

/** Mints the bench's read+write token with the local key (the gateways the bench starts trust it). */
export async function prepareBenchAuth(): Promise<void> {
  token = process.env.BENCH_TOKEN ?? (await testToken());
}

/** Headers every HTTP call of the bench sends: its bearer token (BENCH_TOKEN for a stack of your own). */
export function benchHeaders(): Record<string, string> {
  if (!token) throw new Error('prepareBenchAuth() first');
  return { authorization: `Bearer ${token}` };
}

/** One JSON call through the bench's headers (plus `headers`). */
export function benchHttp(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return http(method, url, body, { ...benchHeaders(), ...headers });
}

export type { LoadResult, LoadSpec } from './load-types.js';

/**
 * Runs one load and returns requests/s over the run, latency and errors: autocannon at saturation,
 * the evenly paced open loop of runPaced at a fixed rate.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const headers = { ...benchHeaders(), 'content-type': 'application/json' };
  if (spec.rate) return runPaced({ ...spec, rate: spec.rate }, headers);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    requests: [
      spec.body
        ? {
            method: spec.method,
            headers,
            setupRequest: (request) => ({ ...request, body: JSON.stringify(spec.body!(next++)) }),
          }
        : { method: spec.method, headers },
    ],
  });
  const answered = result['2xx'] + result.non2xx;
  return {
    // Only 2xx answers count as served: a 4xx or 5xx is an error, on either side of a row.
    reqPerSec: result['2xx'] / (result.duration || spec.seconds),
    latency: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      p999: result.latency.p99_9,
    },
    errors: result.non2xx + result.errors + result.timeouts,
    total: answered + result.errors + result.timeouts,
  };
}
