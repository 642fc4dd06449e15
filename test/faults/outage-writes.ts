import type { HttpCall } from './http-load.js';

/** Time for a write committed just before the cut to leave through the outbox. */
export const IN_FLIGHT_MS = 1_000;

/**
 * What shows that employment's writes were not refused during its database outage `[down, up)`:
 * no POST /employees sent meanwhile answered 503, one sent and answered within it answered 201, or a
 * hire request's outcome produced over a second into it. Empty when the outage refused writes.
 */
export function outageWriteProblems(
  calls: readonly Pick<HttpCall, 'route' | 'status' | 'at' | 'ms'>[],
  outcomeTimes: readonly number[],
  down: number,
  up: number,
): string[] {
  const problems: string[] = [];
  const hires = calls.filter((c) => c.route === 'POST /employees' && c.at >= down && c.at < up);
  if (!hires.some((c) => c.status === 503))
    problems.push(
      `no POST /employees refused with 503 during the outage (${hires.length} sent: ${[...new Set(hires.map((c) => c.status))].join(',') || 'none'})`,
    );
  const accepted = hires.filter((c) => c.status === 201 && c.at + c.ms < up);
  if (accepted.length)
    problems.push(`${accepted.length} POST /employees answered 201 during the outage`);
  const decided = outcomeTimes.filter((t) => t >= down + IN_FLIGHT_MS && t < up);
  if (decided.length) problems.push(`${decided.length} hire requests decided during the outage`);
  return problems;
}
