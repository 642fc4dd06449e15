import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#devstack';
import {
  alertRules,
  observabilityExpressions,
  promqlMetricNames,
  promqlSyntaxErrors,
} from '#testing';

// The dashboard's and the alert rules' PromQL, read with Prometheus's own grammar
// (@prometheus-io/lezer-promql). That each metric they name is served: test/metrics.e2e-spec.ts.
const expressions = observabilityExpressions();

describe('dashboard and alert rules', () => {
  it('finds the expressions of every alert, panel and variable', () => {
    expect(expressions.filter((e) => e.where.startsWith('rule')).length).toBe(alertRules().length);
    expect(expressions.filter((e) => e.where.startsWith('panel')).length).toBeGreaterThan(20);
    expect(expressions.some((e) => e.where === 'variable service')).toBe(true);
  });

  it.each(expressions.map((e) => [e.where, e.expr]))('%s parses as PromQL', (_where, expr) => {
    expect(promqlSyntaxErrors(expr)).toEqual([]);
    expect(promqlMetricNames(expr).length).toBeGreaterThan(0);
  });

  it('tells a broken expression and the metrics an expression names', () => {
    expect(promqlSyntaxErrors('sum(rate(x_total[5m])')).not.toEqual([]);
    expect(promqlSyntaxErrors('rate(x_total[5m] > 1')).not.toEqual([]);
    expect(
      promqlMetricNames('sum by (le) (rate(a_bucket{le="1"}[5m])) / on() group_left max(b) > 0'),
    ).toEqual(['a_bucket', 'b']);
  });

  it('gives every alert a summary, a severity and a runbook section in docs/operations.md', () => {
    const runbook = readFileSync(join(repoRoot(), 'docs/operations.md'), 'utf8');
    const headings = new Set(
      runbook.split('\n').flatMap((line) => (line.startsWith('#### ') ? [line.slice(5)] : [])),
    );
    for (const rule of alertRules()) {
      expect([rule.alert, rule.annotations?.summary?.length ?? 0]).not.toContain(0);
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.runbook_url).toBe(`docs/operations.md#${rule.alert!.toLowerCase()}`);
      expect([rule.alert, headings.has(rule.alert!)]).toEqual([rule.alert, true]);
    }
  });
});
