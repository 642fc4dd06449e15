/**
 * Polls `condition` every `intervalMs` until it is true or `timeoutMs` passed; resolves with the
 * milliseconds it took, or null at the deadline (the caller reports what is missing).
 */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<number | null> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    if (await condition()) return Date.now() - started;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
