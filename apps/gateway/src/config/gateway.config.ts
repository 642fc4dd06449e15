import { z } from 'zod';
import { KafkaEnvSchema, LogLevelSchema, loadConfig } from '#config';
import { AuthEnvSchema, requireAuthSettings } from '../auth/auth-env.schema.js';

const GatewayEnvSchema = KafkaEnvSchema.extend(LogLevelSchema.shape)
  .extend(AuthEnvSchema.shape)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
  })
  .superRefine(requireAuthSettings);

export type GatewayConfig = z.output<typeof GatewayEnvSchema>;

/** The gateway's validated environment. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayEnvSchema, env);
}
