import { loadConfig, serviceEnvSchema, type ServiceEnv } from '#config';

export type CompaniesConfig = ServiceEnv;

/** The companies service's validated environment (database `companies`, health on 3102 by default). */
export function loadCompaniesConfig(env: NodeJS.ProcessEnv = process.env): CompaniesConfig {
  return loadConfig(serviceEnvSchema('companies', 3102), env);
}
