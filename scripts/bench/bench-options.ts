/** What one `npm run bench` measures and for how long: the full profile, or `--quick` / BENCH_QUICK=1. */
export interface BenchOptions {
  quick: boolean;
  /** `--curve`: latency against offered load instead of the table. */
  curve: boolean;
  /** `--diagnose`: the product alone at steady rates, with each app's loop delay, GC and phases. */
  diagnose: boolean;
  /** `--only observability`: start the stack and run that row alone (the others are skipped). */
  only?: 'observability';
  /** `--help`: print BENCH_USAGE and stop. */
  help: boolean;
  /** Rounds of each side per row, alternated product, baseline, product, ... (BENCH_ROUNDS). */
  rounds: number;
  /** Hire requests per round, for the product and for each raw pipeline (BENCH_HIRES). */
  hires: number;
  /** Seconds of each round of each HTTP and request/reply row (BENCH_SECONDS). */
  seconds: number;
  /** Connection counts of the saturation runs. */
  connections: number[];
  getRate: number;
  postRate: number;
  lagRate: number;
  /** Seconds of each round of the event-lag row (BENCH_LAG_SECONDS). */
  lagSeconds: number;
  /** Requests in flight of the request/reply runs. */
  rpcConcurrency: number[];
  /** People created through the gateway before the runs; hires pair them with companies. */
  people: number;
  /** Seconds of each step of the curve (BENCH_CURVE_SECONDS). */
  curveSeconds: number;
  /** Offered rate is multiplied by this from one step of the curve to the next. */
  curveFactor: number;
  /** Set when the bench uses a running stack instead of starting one. */
  gatewayUrl?: string;
  kafkaBrokers?: string;
}

const FLAGS = ['--quick', '--curve', '--diagnose', '--help', '-h'];
/** The rows `--only` can name. */
const ONLY_ROWS = ['observability'] as const;

export const BENCH_USAGE = `npm run bench [-- --quick] [-- --curve] [-- --diagnose] [-- --only observability] [-- --help]

  (no flag)  every row, product and raw baseline alternated in rounds; CPU per operation first
  --quick    a short smoke run of the same (also BENCH_QUICK=1)
  --curve    latency (p50, p99) against offered rate for GET /people/:id and POST /employees,
             product and baseline, stepped up to saturation; writes an SVG per endpoint
             (BENCH_CURVE_DIR, default docs/benchmarks) and prints the points; with --quick: fewer steps
  --diagnose the product alone at the steady rates (POST /employees, GET, POST /people) and one
             burst of Kafka hires, 3 x BENCH_SECONDS each: per app, event-loop delay, GC pauses and
             the phases the apps time (group-commit waits, fetch delays, request round trips, outbox)
  --only observability
             the row of what metrics, logs and traces cost, alone (the stack is still started)
  --help     this text

Variables (full / --quick): BENCH_ROUNDS 3 / 3, BENCH_SECONDS 5 / 2, BENCH_HIRES 7000 / 1000,
BENCH_PEOPLE 1000 / 300, BENCH_GET_RATE 1000, BENCH_POST_RATE 200, BENCH_LAG_RATE 500,
BENCH_LAG_SECONDS 5 / 2, BENCH_CURVE_SECONDS 5 / 2, BENCH_CURVE_DIR, BENCH_NOTE (a line
printed on the curves, e.g. what else ran); GATEWAY_URL and KAFKA_BROKERS for a running stack.`;

/** Reads the flags and BENCH_* variables; every figure has a default; a bad one throws, naming it. */
export function benchOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  if (onlyAt >= 0 && !ONLY_ROWS.includes(only as (typeof ONLY_ROWS)[number])) {
    throw new Error(`--only takes one of: ${ONLY_ROWS.join(', ')}; got "${only ?? ''}"`);
  }
  const flags = onlyAt >= 0 ? argv.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : argv;
  const unknown = flags.filter((a) => !FLAGS.includes(a));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}\n\n${BENCH_USAGE}`);
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const num = (name: string, full: number, short: number) => {
    const value = Number(env[name] ?? (quick ? short : full));
    if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${env[name]}"`);
    return value;
  };
  const rounds = num('BENCH_ROUNDS', 3, 3);
  if (!Number.isInteger(rounds) || rounds < 3) {
    throw new Error(
      `BENCH_ROUNDS must be a whole number of at least 3 (a median and its range), got ${rounds}`,
    );
  }
  return {
    quick,
    only: only as BenchOptions['only'],
    curve: argv.includes('--curve'),
    diagnose: argv.includes('--diagnose'),
    help: argv.includes('--help') || argv.includes('-h'),
    rounds,
    hires: Math.round(num('BENCH_HIRES', 7_000, 1_000)),
    seconds: num('BENCH_SECONDS', 5, 2),
    connections: quick ? [32] : [32, 64],
    getRate: num('BENCH_GET_RATE', 1_000, 1_000),
    postRate: num('BENCH_POST_RATE', 200, 200),
    lagRate: num('BENCH_LAG_RATE', 500, 500),
    lagSeconds: num('BENCH_LAG_SECONDS', 5, 2),
    rpcConcurrency: [1, 64],
    people: Math.round(num('BENCH_PEOPLE', 1_000, 300)),
    curveSeconds: num('BENCH_CURVE_SECONDS', 5, 2),
    curveFactor: quick ? 2 : 1.5,
    gatewayUrl: env.GATEWAY_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
  };
}
