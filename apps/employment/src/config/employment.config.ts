import { z } from 'zod';
import { loadConfig, serviceEnvSchema, type ServiceEnv } from '#config';

const EmploymentEnvSchema = serviceEnvSchema('employment', 3103).safeExtend({
  // Shorter than the gateway's, so a slow dependency shows as DEPENDENCY_UNAVAILABLE, not a gateway timeout.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(2000),
});

export type EmploymentConfig = ServiceEnv;

/** The employment service's validated environment (database `employment`, health on 3103 by default). */
export function loadEmploymentConfig(env: NodeJS.ProcessEnv = process.env): EmploymentConfig {
  return loadConfig(EmploymentEnvSchema, env);
}
