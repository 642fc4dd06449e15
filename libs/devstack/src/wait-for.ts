/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError ? ` (last error: ${(lastError as Error).message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
}

/** Resolves once GET `url` answers 200. */
export function waitForHttpOk(url: string, timeoutMs = 30_000): Promise<true> {
  return waitFor(
    `${url} to answer 200`,
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      return response.ok ? true : undefined;
    },
    timeoutMs,
    200,
  );
}
