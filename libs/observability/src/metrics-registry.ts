import client, {
  Counter,
  Gauge,
  Histogram,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';

/** The process's one registry: what `/metrics` shows. */
export const metricsRegistry: client.Registry = client.register;

/**
 * Seconds buckets for request and call durations: OpenTelemetry's advice for
 * `http.server.request.duration`, from 5 ms to 10 s.
 */
export const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * A metric family is made once per process: a module loaded twice (tests, several Nest apps in one
 * process) gets the family already registered instead of prom-client's "already registered".
 */
function once<M extends Metric>(name: string, make: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? make();
}

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return once(config.name, () => new Counter({ ...config, registers: [metricsRegistry] }));
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return once(config.name, () => new Gauge({ ...config, registers: [metricsRegistry] }));
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return once(config.name, () => new Histogram({ ...config, registers: [metricsRegistry] }));
}

let requestMetricsOn = true;

/** Whether per-request histograms are recorded (METRICS_ENABLED; on unless turned off). */
export function requestMetricsEnabled(): boolean {
  return requestMetricsOn;
}

export function setRequestMetricsEnabled(on: boolean): void {
  requestMetricsOn = on;
}

let processMetricsStarted = false;

/**
 * Node's default process metrics (CPU, memory, event loop lag, GC, handles) and a `service` label
 * on every series, so a dashboard tells the apps apart whatever the scrape job is called.
 */
export function startProcessMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  client.collectDefaultMetrics({ register: metricsRegistry });
}

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
