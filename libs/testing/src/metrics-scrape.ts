import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';

/** One app's `/metrics`, parsed as Prometheus text (parse-prometheus-text-format), and how long it took. */
export interface Scrape {
  families: Map<string, MetricFamily>;
  contentType: string | null;
  elapsedMs: number;
}

/** GETs `${baseUrl}/metrics` and parses it; throws on a status other than 200. */
export async function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  const elapsedMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  return { families, contentType: response.headers.get('content-type'), elapsedMs };
}

/** The value of the sample of `family` whose labels include `labels` (counters and gauges). */
export function sampleValue(
  family: MetricFamily | undefined,
  labels: Record<string, string>,
): number | undefined {
  const sample = family?.metrics.find((m) =>
    Object.entries(labels).every(([name, value]) => m.labels?.[name] === value),
  );
  return sample?.value === undefined ? undefined : Number(sample.value);
}
