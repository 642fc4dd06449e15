import type { ScenarioResult } from './scenario-result.js';

const seconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;

/** The suite's table as Markdown, then each scenario's broken invariants and notes. */
export function resultsTable(results: ScenarioResult[]): string {
  const rows = results.map((r) =>
    [
      r.scenario,
      r.sent,
      r.outcomes,
      r.lost,
      r.duplicated,
      r.stuck,
      seconds(r.recoverMs),
      r.violations.length ? 'FAIL' : 'pass',
      seconds(r.ms),
    ].join(' | '),
  );
  const details = results.flatMap((r) => [
    ...r.violations.map((v) => `- ${r.scenario}: FAIL: ${v}`),
    ...r.notes.map((n) => `- ${r.scenario}: ${n}`),
  ]);
  return [
    '| scenario | requests/messages sent | outcomes | lost | duplicated | stuck | time to recover | result | scenario time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows.map((r) => `| ${r} |`),
    '',
    ...details,
  ].join('\n');
}
