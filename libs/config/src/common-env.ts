import { z } from 'zod';

const brokerList = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).min(1));

/** Kafka settings every app reads. */
export const KafkaEnvSchema = z
  .object({
    KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).optional(),
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_SSL: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** PEM file of the CA that signed the brokers' certificates, when not a public one. */
    KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3000),
  })
  .superRefine((env, ctx) => {
    if (!env.KAFKA_SASL_MECHANISM) return;
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'required with KAFKA_SASL_MECHANISM',
        });
      }
    }
  });
export type KafkaEnv = z.output<typeof KafkaEnvSchema>;

/** Settings of a service that owns a PostgreSQL database. */
export function databaseEnvSchema(defaultDatabase: string) {
  return z.object({
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
      .default(`postgres://${defaultDatabase}@127.0.0.1:5432/${defaultDatabase}`),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  });
}

export const LogLevelSchema = z.object({
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** One JSON object a line unless `pretty` (readable); unset, pretty only on a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /**
   * `false` stops the per-request histograms (HTTP server, request/reply client): /metrics still
   * answers with everything else. For measuring what metrics cost (`npm run bench`).
   */
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** Everything a database-owning service reads: Kafka, its database, log level and health port. */
export function serviceEnvSchema(defaultDatabase: string, defaultPort: number) {
  return KafkaEnvSchema.extend(databaseEnvSchema(defaultDatabase).shape)
    .extend(LogLevelSchema.shape)
    .extend({
      PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
      HOST: z.string().min(1).default('0.0.0.0'),
      /**
       * How often handled offsets are committed. What was handled since the last commit is handled
       * again after a crash (and answered from the request's record: nothing is applied twice).
       */
      OFFSET_COMMIT_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(100),
    });
}
export type ServiceEnv = z.output<ReturnType<typeof serviceEnvSchema>>;

const LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Nest logger levels at and above LOG_LEVEL. */
export function nestLogLevels(
  level: (typeof LEVELS)[number],
): Array<(typeof LEVELS)[number] | 'fatal'> {
  return ['fatal', ...LEVELS.slice(0, LEVELS.indexOf(level) + 1)];
}
