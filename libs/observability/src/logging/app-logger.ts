import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { currentLogContext } from './log-context.js';

/** Nest's level names, as LOG_LEVEL takes them, and pino's for each. */
export const PINO_LEVELS = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;
export type LogLevelName = keyof typeof PINO_LEVELS;

export interface AppLoggerOptions {
  service: string;
  level: LogLevelName;
  /** `json` (one object a line), `pretty` (readable), or unset: pretty only on a terminal. */
  format?: 'json' | 'pretty';
  /** Where lines go (tests); stdout otherwise. */
  destination?: NodeJS.WritableStream;
}

const REDACTED = '[redacted]';

/** Object paths that hold secrets, wherever a log call puts them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["idempotency-key"]',
  'authorization',
  'idempotencyKey',
  'password',
  '*.password',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'KAFKA_SASL_PASSWORD',
  '*.KAFKA_SASL_PASSWORD',
];

/** Secrets that end up inside message text: bearer tokens, URL passwords, idempotency keys. */
const SECRET_TEXT: Array<[RegExp, string]> = [
  [/(bearer\s+)[\w\-.~+/]+=*/gi, `$1${REDACTED}`],
  [/(\w+:\/\/[^:/@\s]+:)[^@\s]+@/g, `$1${REDACTED}@`],
  [/(idempotency[-_ ]?key["']?\s*[:=]\s*["']?)[^"',\s}]+/gi, `$1${REDACTED}`],
];

/** `text` with every secret SECRET_TEXT knows replaced. */
export function scrubSecrets(text: string): string {
  return SECRET_TEXT.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}

/**
 * The app's pino logger: one JSON object a line with `service`, and the correlation and trace ids
 * of the request at hand (from the log context); secrets redacted by path and scrubbed from text.
 */
export function createAppLogger(options: AppLoggerOptions): Logger {
  const usePretty =
    options.format === 'pretty' ||
    (options.format === undefined && !options.destination && process.stdout.isTTY === true);
  const config: LoggerOptions = {
    level: PINO_LEVELS[options.level],
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    // A request's own logger (Fastify's) has the ids bound already: they are not written twice.
    mixin: (_fields, _level, instance) => {
      const context = currentLogContext();
      if (!context || 'traceId' in instance.bindings()) return {};
      return { correlationId: context.correlationId, traceId: context.traceId };
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  const destination = usePretty
    ? pretty({ sync: true, destination: options.destination ?? 1, ignore: 'pid,hostname' })
    : (options.destination ?? pino.destination({ sync: true }));
  return pino(config, destination);
}
