import { parser } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '#devstack';

/** A PromQL expression of the dashboard or the alert rules, and where it is. */
export interface PromqlExpression {
  where: string;
  expr: string;
}

export const OBSERVABILITY_DIR = 'deploy/observability';

/**
 * What Grafana puts in place of the dashboard's variables before Prometheus sees an expression
 * (a dashboard's expressions are PromQL only after this).
 */
const GRAFANA_VARIABLES: Record<string, string> = {
  $__rate_interval: '1m',
  $service: '.*',
};

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The alerting rules of deploy/observability/prometheus-rules.yaml. */
export function alertRules(): AlertRule[] {
  const file = readFileSync(join(repoRoot(), OBSERVABILITY_DIR, 'prometheus-rules.yaml'), 'utf8');
  const { groups } = parseYaml(file) as { groups: Array<{ rules: AlertRule[] }> };
  return groups.flatMap((group) => group.rules);
}

/** Every PromQL expression of the alert rules and of the Grafana dashboard (variables replaced). */
export function observabilityExpressions(): PromqlExpression[] {
  const rules = alertRules().map((rule) => ({
    where: `rule ${rule.alert ?? rule.record}`,
    expr: rule.expr,
  }));
  const dashboard = JSON.parse(
    readFileSync(join(repoRoot(), OBSERVABILITY_DIR, 'grafana-dashboard.json'), 'utf8'),
  ) as {
    panels: Array<{ title: string; targets?: Array<{ refId: string; expr: string }> }>;
    templating: { list: Array<{ name: string; definition?: string }> };
  };
  const panels = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      where: `panel "${panel.title}" ${target.refId}`,
      expr: interpolate(target.expr),
    })),
  );
  // label_values(<selector>, <label>) is Grafana's; the selector inside it is PromQL.
  const variables = dashboard.templating.list.flatMap((variable) => {
    const inner = /^label_values\((.+),\s*\w+\)$/.exec(variable.definition ?? '');
    return inner ? [{ where: `variable ${variable.name}`, expr: inner[1] }] : [];
  });
  return [...rules, ...panels, ...variables];
}

function interpolate(expr: string): string {
  return Object.entries(GRAFANA_VARIABLES).reduce(
    (text, [name, value]) => text.split(name).join(value),
    expr,
  );
}

/** The syntax errors Prometheus's own grammar finds in `expr` (offset and the text there). */
export function promqlSyntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`at ${node.from}: "${expr.slice(node.from, node.from + 20)}"`);
    },
  });
  return errors;
}

/** The metric names `expr` selects (vector and matrix selectors), from its syntax tree. */
export function promqlMetricNames(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        names.add(expr.slice(node.from, node.to));
      }
    },
  });
  return [...names];
}
