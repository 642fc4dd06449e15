import { randomUUID } from 'node:crypto';
import type { BenchOptions } from './bench-options.js';
import { runLoad, type LoadResult } from './bench-http.js';
import type { CpuMeter, CpuUse } from './cpu-meter.js';
import { nthHire, type SeedData } from './seed-data.js';

/** One HTTP load case, run the same way against the product and the bare server. */
export interface HttpCase {
  name: string;
  product: LoadResult;
  baseline: LoadResult;
  /** CPU per request of the product's run, by process. */
  productCpu: CpuUse;
}

interface Target {
  url: string;
  /** The i-th POST /employees body: a distinct hire that succeeds on this target. */
  hire: (i: number) => unknown;
}

/** GET /people/:id and POST /employees at saturation and at fixed rates, product then bare server. */
export async function httpLoadBench(
  options: BenchOptions,
  gatewayUrl: string,
  bareUrl: string,
  seed: SeedData,
  meter: CpuMeter,
  say: (line: string) => void,
): Promise<HttpCase[]> {
  const personId = seed.people[0].id;
  let posted = 0; // the product's hires must stay distinct across runs
  const product: Target = {
    url: gatewayUrl,
    hire: () => nthHire(seed, seed.postCompanies, posted++, 1_000_000),
  };
  // The bare server checks nothing, so a fresh company id per hire keeps its unique indexes happy.
  const bare: Target = {
    url: bareUrl,
    hire: (i) => ({
      personId: seed.people[i % seed.people.length].id,
      companyId: randomUUID(),
      cardId: i,
    }),
  };
  const { seconds } = options;
  const cases: Array<{ name: string; run: (t: Target) => Promise<LoadResult> }> = [
    ...options.connections.map((c) => ({
      name: `GET /people/:id, ${c} connections`,
      run: (t: Target) =>
        runLoad({ url: `${t.url}/people/${personId}`, method: 'GET', connections: c, seconds }),
    })),
    {
      name: `GET /people/:id at ${options.getRate}/s`,
      run: (t: Target) =>
        runLoad({
          url: `${t.url}/people/${personId}`,
          method: 'GET',
          connections: 64,
          seconds,
          rate: options.getRate,
        }),
    },
    ...options.connections.map((c) => ({
      name: `POST /employees, ${c} connections`,
      run: (t: Target) =>
        runLoad({
          url: `${t.url}/employees`,
          method: 'POST',
          connections: c,
          seconds,
          body: t.hire,
        }),
    })),
    {
      name: `POST /employees at ${options.postRate}/s`,
      run: (t: Target) =>
        runLoad({
          url: `${t.url}/employees`,
          method: 'POST',
          connections: 64,
          seconds,
          rate: options.postRate,
          body: t.hire,
        }),
    },
  ];
  const results: HttpCase[] = [];
  for (const c of cases) {
    say(`http: ${c.name}, ${seconds} s, product`);
    const { result: p, use } = await meter.measure(
      c.name,
      () => c.run(product),
      (r) => r.total,
    );
    say(`http: ${c.name}, ${seconds} s, bare server`);
    const b = await c.run(bare);
    results.push({ name: c.name, product: p, baseline: b, productCpu: use });
  }
  return results;
}

/** Upper bound of POST /employees the product may get (for making enough companies up front). */
export function maxProductPosts(options: BenchOptions): number {
  return options.seconds * (options.connections.length * 3_000 + options.postRate * 2);
}
