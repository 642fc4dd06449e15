import type { HttpCall, HttpLoad } from './http-load.js';
import { pollUntil } from './poll-until.js';

/**
 * Waits for the first HTTP 201 (of `route`, default any) answered at or after `since` (the broker
 * or database back); resolves with how many ms after `since` it was answered, or null if none came
 * within `timeoutMs`.
 */
export async function firstWriteAfter(
  load: HttpLoad,
  since: number,
  timeoutMs: number,
  route?: HttpCall['route'],
): Promise<number | null> {
  const answeredAt = () =>
    load.calls
      .filter((c) => c.status === 201 && c.at + c.ms >= since && (!route || c.route === route))
      .map((c) => c.at + c.ms - since);
  const waited = await pollUntil(() => answeredAt().length > 0, timeoutMs, 100);
  return waited === null ? null : Math.min(...answeredAt());
}
