import { loadConfig, serviceEnvSchema, type ServiceEnv } from '#config';

export type PeopleConfig = ServiceEnv;

/** The people service's validated environment (database `people`, health on 3101 by default). */
export function loadPeopleConfig(env: NodeJS.ProcessEnv = process.env): PeopleConfig {
  return loadConfig(serviceEnvSchema('people', 3101), env);
}
