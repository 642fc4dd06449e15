import type { Logger } from 'pino';

/**
 * Writes Node's process warnings through the app's logger, as JSON lines like every other, instead
 * of Node's plain text on stderr (which a log pipeline cannot parse). The first warning of each
 * name is logged at warn, its repeats at debug: on Node 24 kafkajs 2.2.4 sets a negative timeout in
 * its request queue (kafkajs#1751; Node runs it after 1 ms, as Node 20 did silently), and that
 * warning comes again with every connection. Returns a function that puts Node's own output back.
 */
export function logProcessWarnings(logger: Logger): () => void {
  const nodeOwn = process.listeners('warning');
  process.removeAllListeners('warning');
  const seen = new Set<string>();
  const onWarning = (warning: Error & { code?: string }) => {
    const first = !seen.has(warning.name);
    seen.add(warning.name);
    const fields = { warning: warning.name, code: warning.code, stack: warning.stack };
    if (first) logger.warn(fields, warning.message);
    else logger.debug(fields, warning.message);
  };
  process.on('warning', onWarning);
  return () => {
    process.off('warning', onWarning);
    for (const listener of nodeOwn) process.on('warning', listener);
  };
}
