import { Agent, request } from 'node:http';
import { atRate } from './load-loops.js';
import { percentile } from './stats.js';
import type { LoadResult, LoadSpec } from './load-types.js';

/**
 * An open loop at `spec.rate` requests/s, spread evenly (a request every 1000/rate ms, paced in
 * 2 ms steps) over `spec.connections` keep-alive connections. autocannon's own rate limit sends each
 * connection's quota for a second back to back at the start of the second, so at 1,000/s it measured
 * bursts of 1,000 requests (the bare server's p99 was 50–110 ms at 1,000 GET/s).
 * Latency runs from when a request was due, so time queued for a free connection counts.
 */
export async function runPaced(
  spec: Required<Pick<LoadSpec, 'rate'>> & LoadSpec,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  try {
    const { issued } = await atRate(spec.rate, spec.seconds, async () => {
      const due = performance.now();
      const body = spec.body ? JSON.stringify(spec.body(next++)) : undefined;
      const status = await send(agent, spec, headers, body).catch(() => 0);
      latencies.push(performance.now() - due);
      if (status < 200 || status > 299) errors++;
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      reqPerSec: (issued - errors) / seconds,
      latency: {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        p999: percentile(latencies, 99.9),
      },
      errors,
      total: issued,
    };
  } finally {
    agent.destroy();
  }
}

/** One request; resolves with its status once the whole answer was read (10 s at most). */
function send(
  agent: Agent,
  spec: LoadSpec,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      spec.url,
      { method: spec.method, agent, headers, timeout: 10_000 },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
