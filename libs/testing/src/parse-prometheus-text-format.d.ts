// Types of the parts of parse-prometheus-text-format (1.1.x, untyped) that the tests use.
declare module 'parse-prometheus-text-format' {
  export interface MetricFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    /** Counters and gauges: one sample per label set; histograms: only their unlabelled sample. */
    metrics: Array<{ labels?: Record<string, string>; value?: string }>;
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
