import { z } from 'zod';
import { KafkaEnvSchema, LogLevelSchema, databaseEnvSchema, loadConfig } from '#config';

const PeopleEnvSchema = KafkaEnvSchema.extend(databaseEnvSchema('people').shape)
  .extend(LogLevelSchema.shape)
  .extend({ PORT: z.coerce.number().int().min(0).max(65535).default(3101) });

export type PeopleConfig = z.output<typeof PeopleEnvSchema>;

/** The people service's validated environment. */
export function loadPeopleConfig(env: NodeJS.ProcessEnv = process.env): PeopleConfig {
  return loadConfig(PeopleEnvSchema, env);
}
