import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

const LOG_TAIL_LINES = 30;

/** The last `count` lines of a text file (read from its last 256 KiB); '' if it does not exist. */
export function tailLines(path: string, count: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count).join('\n');
  } finally {
    closeSync(fd);
  }
}

/**
 * The first ERROR/FATAL line of a Log4j log (read from its first 8 MiB) with the "Caused by:" lines
 * of its stack trace, e.g. "... failed to bind to 127.0.0.1:9092: Address already in use"; '' if none.
 */
export function firstError(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const length = Math.min(fstatSync(fd).size, 8 * 1024 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, 0);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    const start = lines.findIndex((line) => /^\[[^\]]+\] (ERROR|FATAL) /.test(line));
    if (start < 0) return '';
    const found = [lines[start]!];
    const thrown = lines[start + 1] ?? '';
    if (thrown && !/^[\s[]/.test(thrown)) found.push(thrown); // the exception's own message
    for (const line of lines.slice(start + 2)) {
      if (line.startsWith('[')) break; // the next log event
      if (line.startsWith('Caused by:')) found.push(line);
    }
    return found.join('\n');
  } finally {
    closeSync(fd);
  }
}

/**
 * An error saying `what`, with the first error and the last lines of the broker's server.log in
 * `logsDir` (and of its console.log when `withConsole`).
 */
export function errorWithLogs(what: string, logsDir: string, withConsole: boolean): Error {
  const serverLogPath = join(logsDir, 'server.log');
  const serverLog = tailLines(serverLogPath, LOG_TAIL_LINES) || '(empty)';
  const consoleLogPath = join(logsDir, 'console.log');
  const consoleLog = withConsole ? tailLines(consoleLogPath, LOG_TAIL_LINES) : '';
  const error = firstError(serverLogPath);
  return new Error(
    `${what}. Broker log: ${serverLogPath}\n` +
      (error ? `--- first error in server.log ---\n${error}\n` : '') +
      `--- last lines of server.log ---\n${serverLog}` +
      (consoleLog ? `\n--- last lines of ${consoleLogPath} ---\n${consoleLog}` : ''),
  );
}
