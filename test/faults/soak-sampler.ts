import type { Admin } from 'kafkajs';
import { sampleValue, scrapeMetrics, type TestStack } from '#testing';
import { groupsLag } from './consumer-lag.js';
import type { HttpCall } from './http-load.js';
import { unpublishedOutboxRows } from './stack-checks.js';

/** One look at the system during a soak: the HTTP calls since the last one, lag, backlog, memory. */
export interface SoakSample {
  /** Seconds since the soak began. */
  atS: number;
  /** 2xx answers a second over the window. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** Calls that ended in neither a 2xx nor an expected 409: 5xx, other 4xx, hangs, lost connections. */
  errors: number;
  /** Messages the services' consumer groups have not read yet. */
  lag: number;
  /** Outbox rows not yet published, every service. */
  outbox: number;
  /** Resident set and used heap of each app replica (MiB), by its label. */
  rssMb: Record<string, number>;
  heapMb: Record<string, number>;
}

const MIB = 1024 * 1024;

/** The call is what a well-behaved client expects: a 2xx, or the 409 of hiring someone twice. */
export function isExpectedAnswer(call: HttpCall): boolean {
  if (typeof call.status !== 'number') return false;
  return (
    (call.status >= 200 && call.status < 300) ||
    (call.status === 409 && call.route === 'POST /employees')
  );
}

/** The q-quantile (0..1) of sorted numbers; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Takes a sample every time it is asked, of the calls that ended since the previous one. */
export class SoakSampler {
  private seen = 0;
  private last = Date.now();
  readonly samples: SoakSample[] = [];

  constructor(
    private readonly stack: TestStack,
    private readonly admin: Admin,
    private readonly topics: ReadonlyMap<string, string[]>,
    private readonly calls: readonly HttpCall[],
    private readonly began: number,
  ) {}

  async sample(): Promise<SoakSample> {
    const now = Date.now();
    const window = this.calls.slice(this.seen);
    this.seen = this.calls.length;
    const seconds = Math.max(0.001, (now - this.last) / 1000);
    this.last = now;
    const latencies = window
      .filter(isExpectedAnswer)
      .map((c) => c.ms)
      .sort((a, b) => a - b);
    const rssMb: Record<string, number> = {};
    const heapMb: Record<string, number> = {};
    for (const app of ['gateway', 'people', 'companies', 'employment'] as const) {
      for (const replica of this.stack.live(app)) {
        const { families } = await scrapeMetrics(replica.url);
        const mib = (family: string) =>
          Math.round((sampleValue(families.get(family), {}) ?? 0) / MIB);
        rssMb[replica.process.label] = mib('process_resident_memory_bytes');
        heapMb[replica.process.label] = mib('nodejs_heap_size_used_bytes');
      }
    }
    const sample: SoakSample = {
      atS: Math.round((now - this.began) / 1000),
      rate: Math.round(window.filter((c) => c.status === 200 || c.status === 201).length / seconds),
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      errors: window.filter((c) => !isExpectedAnswer(c)).length,
      lag: await groupsLag(this.admin, this.topics),
      outbox: await unpublishedOutboxRows(this.stack),
      rssMb,
      heapMb,
    };
    this.samples.push(sample);
    return sample;
  }
}

/** `last` against `first` as a signed percentage (the drift of a figure over the soak). */
export function drift(first: number, last: number): number {
  return first === 0 ? 0 : Math.round(((last - first) / first) * 100);
}
