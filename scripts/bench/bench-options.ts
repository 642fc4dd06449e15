/** What one `npm run bench` measures and for how long: the full profile, or `--quick` / BENCH_QUICK=1. */
export interface BenchOptions {
  quick: boolean;
  /** Hire requests for the product and for the raw pipeline (BENCH_HIRES). */
  hires: number;
  /** Seconds of each HTTP load run (BENCH_SECONDS). */
  seconds: number;
  /** Connection counts of the saturation runs. */
  connections: number[];
  getRate: number;
  postRate: number;
  lagRate: number;
  lagSeconds: number;
  /** Requests in flight of the request/reply runs (each BENCH_SECONDS long). */
  rpcConcurrency: number[];
  /** People created through the gateway before the runs; hires pair them with companies. */
  people: number;
  /** Set when the bench uses a running stack instead of starting one. */
  gatewayUrl?: string;
  kafkaBrokers?: string;
}

/** Reads the flags and BENCH_* variables; every figure has a default. */
export function benchOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const num = (name: string, full: number, short: number) =>
    Number(env[name] ?? (quick ? short : full));
  return {
    quick,
    hires: num('BENCH_HIRES', 20_000, 3_000),
    seconds: num('BENCH_SECONDS', 15, 4),
    connections: quick ? [32] : [32, 64],
    getRate: num('BENCH_GET_RATE', 1_000, 1_000),
    postRate: num('BENCH_POST_RATE', 200, 200),
    lagRate: num('BENCH_LAG_RATE', 500, 500),
    lagSeconds: num('BENCH_LAG_SECONDS', 10, 3),
    rpcConcurrency: [1, 64],
    people: num('BENCH_PEOPLE', 1_000, 300),
    gatewayUrl: env.GATEWAY_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
  };
}
