import { randomUUID } from 'node:crypto';
import type { BenchOptions } from './bench-options.js';
import { runLoad, type LoadResult } from './bench-http.js';
import { combineCpu, type CpuMeter, type CpuUse } from './cpu-meter.js';
import { alternate } from './rounds.js';
import { nthHire, type SeedData } from './seed-data.js';

/** One HTTP load case, run the same way against the product and the bare server, in rounds. */
export interface HttpCase {
  name: string;
  /** Each round's result, in round order (round i of both sides ran next to each other). */
  product: LoadResult[];
  baseline: LoadResult[];
  /** CPU per request over all rounds, by process. */
  productCpu: CpuUse;
  baselineCpu: CpuUse;
}

/** A side of the HTTP rows: the product's gateway or the bare server. */
export interface Target {
  url: string;
  /** The i-th POST /employees body: a distinct hire that succeeds on this target. */
  hire: (i: number) => unknown;
}

/** The product's gateway and the bare server as targets; the product's hires stay distinct. */
export function httpTargets(gatewayUrl: string, bareUrl: string, seed: SeedData) {
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
  return { product, bare };
}

/** GET /people/:id and POST /employees at saturation and at fixed rates, alternated rounds. */
export async function httpLoadBench(
  options: BenchOptions,
  targets: { product: Target; bare: Target },
  personId: string,
  meters: { product: CpuMeter; bare: CpuMeter },
  say: (line: string) => void,
): Promise<HttpCase[]> {
  const { product, bare } = targets;
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
    const side = (target: Target, meter: CpuMeter) => () =>
      meter.measure(
        c.name,
        () => c.run(target),
        (r) => r.total,
      );
    const rounds = await alternate(
      options.rounds,
      { product: side(product, meters.product), baseline: side(bare, meters.bare) },
      (round, s) => say(`http: ${c.name}, ${seconds} s, round ${round + 1}, ${s}`),
    );
    results.push({
      name: c.name,
      product: rounds.product.map((r) => r.result),
      baseline: rounds.baseline.map((r) => r.result),
      productCpu: combineCpu(rounds.product.map((r) => r.use)),
      baselineCpu: combineCpu(rounds.baseline.map((r) => r.use)),
    });
  }
  return results;
}

/** Upper bound of POST /employees the product may get (for making enough companies up front). */
export function maxProductPosts(options: BenchOptions): number {
  const perRound = options.seconds * (options.connections.length * 3_000 + options.postRate * 2);
  return perRound * options.rounds;
}
