import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppProcess, freePorts, localAuthEnv, waitForHttpOk } from '#devstack';
import { runLoad, type LoadResult } from './bench-http.js';
import { alternate, median, medianInterval, type MedianInterval } from './rounds.js';
import { OBSERVABILITY_TARGET, observabilityVerdict } from './observability-target.js';
import { textTable } from '../text-table.js';

const ON = { LOG_LEVEL: 'log', LOG_FORMAT: 'json', METRICS_ENABLED: 'true' };
/**
 * What each side's gateway runs with: every switch of metrics, logs and traces on (every request
 * traced, or one in ten: OpenTelemetry's ratio sampler), logs and metrics with tracing off (what
 * an operator runs without an OTLP endpoint), or every one off.
 */
const SIDES = {
  on: (otlp: string) => ({ ...ON, OTEL_EXPORTER_OTLP_ENDPOINT: otlp }),
  'on, 10 % traced': (otlp: string) => ({
    ...ON,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  }),
  'logs + metrics, tracing off': () => ({ ...ON }),
  off: () => ({ LOG_LEVEL: 'error', METRICS_ENABLED: 'false' }),
};
type Side = keyof typeof SIDES;

interface SideResult extends LoadResult {
  /** Gateway CPU per answered request, ms (from /proc). */
  cpuMs: number;
}

/**
 * What metrics, logs and traces cost: gateways beside the bench's stack, one per side (every
 * switch on, with every request or one in ten traced, and OTLP export to a receiver in this
 * process; logs and metrics only; every switch off), answer GET /people/:id at saturation in
 * alternated, rotated rounds. All ask the same people service (the bench's, at its own settings):
 * the row measures the gateway's side, where the HTTP request, its log context and its client span
 * are. Every round of every side starts a gateway of its own and warms it up first: with one
 * process per side for the whole row, the processes' own differences (JIT, their reply partition)
 * were as large as the few per cent being judged (a traced gateway once used less CPU per request
 * than the untraced one).
 */
export async function observabilityBench(
  options: { rounds: number; seconds: number; connections: number },
  brokers: string,
  personId: string,
  say: (line: string) => void,
) {
  const receiver = await otlpReceiver();
  const otlp = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
  const running = new Set<AppProcess>();
  const startGateway = async (side: Side) => {
    const [port] = await freePorts(1);
    const gateway = new AppProcess({
      app: 'gateway',
      label: `gateway-${side.replace(/\W+/g, '-')}`,
      env: {
        ...localAuthEnv(),
        RATE_LIMIT: '0',
        KAFKA_BROKERS: brokers,
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...SIDES[side](otlp),
      },
      output: () => {}, // the "on" side's lines are part of its cost, not of the bench's output
    });
    running.add(gateway);
    gateway.start();
    const url = `http://127.0.0.1:${port}`;
    await gateway.whileRunning(waitForHttpOk(`${url}/health`, 120_000));
    return { gateway, url };
  };
  const load = (url: string, seconds: number) =>
    runLoad({
      url: `${url}/people/${personId}`,
      method: 'GET',
      connections: options.connections,
      seconds,
    });
  try {
    const run = (side: Side) => async (): Promise<SideResult> => {
      const { gateway, url } = await startGateway(side);
      try {
        await load(url, WARM_UP_SECONDS); // JIT, connections, its reply partition's consumer
        const before = cpuMsOf(gateway.pid!);
        const result = await load(url, options.seconds);
        const answered = result.reqPerSec * options.seconds;
        return { ...result, cpuMs: (cpuMsOf(gateway.pid!) - before) / Math.max(answered, 1) };
      } finally {
        running.delete(gateway);
        await gateway.stop();
      }
    };
    const sides = Object.keys(SIDES) as Side[];
    const results = await alternate(
      options.rounds,
      Object.fromEntries(sides.map((side) => [side, run(side)])) as Record<
        Side,
        () => Promise<SideResult>
      >,
      (r, s) => say(`observability ${s}, round ${r + 1}/${options.rounds}`),
      true, // four sides: each round starts at the next one, so none always runs last
    );
    return { ...results, spansReceived: receiver.requests() };
  } finally {
    await Promise.all([...running].map((gateway) => gateway.stop()));
    receiver.server.close();
  }
}

/** Seconds of load a fresh gateway gets before its round is measured. */
const WARM_UP_SECONDS = 2;

/** The row as a table: each side's medians, and on against off. */
export function observabilityTable(
  name: string,
  results: Record<Side, SideResult[]> & { spansReceived: number },
): string {
  const m = (side: Side, pick: (r: SideResult) => number) => median(results[side].map(pick));
  const sides = Object.keys(SIDES) as Side[];
  const rows: Array<Array<string | number>> = sides.map((side) => [
    `${name}, observability ${side}`,
    m(side, (r) => r.reqPerSec).toFixed(0),
    m(side, (r) => r.latency.p50).toFixed(1),
    m(side, (r) => r.latency.p99).toFixed(1),
    m(side, (r) => r.cpuMs).toFixed(3),
    results[side].reduce((n, r) => n + r.errors, 0),
    '',
  ]);
  let level = 0;
  for (const side of sides.filter((s) => s !== 'off')) {
    /** `figure` of each round of this side against the same round of off, with its interval. */
    const againstOff = (figure: (r: SideResult, off: SideResult) => number) =>
      medianInterval(results[side].map((r, i) => figure(r, results.off[i])));
    const throughput = againstOff((r, off) => r.reqPerSec / off.reqPerSec);
    const p50 = againstOff((r, off) => r.latency.p50 - off.latency.p50);
    // The gateway's CPU per request, round against round: steadier than its throughput, which
    // also moves with whatever else the two cores ran during that round.
    const cpu = againstOff((r, off) => r.cpuMs / off.cpuMs);
    level = throughput.level;
    rows.push([
      `${side} vs off (median of the per-round figures)`,
      interval(throughput, change, ' %'),
      interval(p50, (v) => signed(v, 1)),
      '',
      `${signed(m(side, (r) => r.cpuMs) - m('off', (r) => r.cpuMs), 3)}, ${interval(cpu, change, ' %')}`,
      '',
      observabilityVerdict(throughput, p50),
    ]);
  }
  rows.push(['OTLP exports received', '', '', '', '', results.spansReceived, '']);
  return [
    textTable(
      ['row', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'errors', 'issue 14 target'],
      rows,
    ),
    `vs off: the median of the ${results.off.length} rounds' ratios to off (p50: differences; CPU: the medians' difference, then the ratios) and, in brackets,`,
    `the interval holding the true median with ${(100 * level).toFixed(1)} % confidence (order statistics).`,
    `Issue 14's target: at most ${100 * OBSERVABILITY_TARGET.maxThroughputLoss} % of throughput and +${OBSERVABILITY_TARGET.maxP50AddedMs} ms of p50; met or missed only when the whole interval says so.`,
  ].join('\n');
}

/** "median unit (low … high)", each number written by `format`. */
function interval(i: MedianInterval, format: (value: number) => string, unit = ''): string {
  return `${format(i.median)}${unit} (${format(i.low)} … ${format(i.high)})`;
}

/** A ratio as a signed change in %, the number alone: 0.932 → "-6.8". */
function change(ratio: number): string {
  return signed((ratio - 1) * 100, 1);
}

/** `value` with its sign, + included. */
function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** CPU time (user + system) of process `pid` so far, ms. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ 100
}

/** An OTLP/HTTP receiver that takes every export and keeps nothing but the count. */
async function otlpReceiver(): Promise<{ server: Server; requests: () => number }> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests: () => count };
}
