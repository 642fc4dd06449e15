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

/** The rows of a table `resultsTable` printed, read back from `output`: name and result of each. */
export function parseResultsTable(output: string): Array<{ scenario: string; result: string }> {
  const lines = output.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| scenario |'));
  if (header < 0) return [];
  const rows: Array<{ scenario: string; result: string }> = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(' | ');
    rows.push({ scenario: cells[0].replace(/^\| /, ''), result: cells[7] });
  }
  return rows;
}
