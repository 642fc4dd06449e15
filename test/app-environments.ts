import { loadCompaniesConfig } from '../apps/companies/src/config/companies.config.js';
import { loadEmploymentConfig } from '../apps/employment/src/config/employment.config.js';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway.config.js';
import { loadPeopleConfig } from '../apps/people/src/config/people.config.js';

/** Each app's own configuration loader, for checking the environments deployments give it. */
export const CONFIG_LOADERS = {
  gateway: loadGatewayConfig,
  people: loadPeopleConfig,
  companies: loadCompaniesConfig,
  employment: loadEmploymentConfig,
} as const;
export type ConfiguredApp = keyof typeof CONFIG_LOADERS;

/** Read by the Dockerfile's CMD, not by the app's own configuration. */
const IMAGE_VARIABLES = ['APP'];

/**
 * Loads `environment` with `app`'s configuration (throwing as the app would at start) and names the
 * variables it sets that the app does not read: a misspelt name is set for nothing.
 */
export function loadAppEnvironment(
  app: ConfiguredApp,
  environment: Record<string, string>,
): { config: Record<string, unknown>; unknown: string[] } {
  const config = CONFIG_LOADERS[app](environment) as Record<string, unknown>;
  const unknown = Object.keys(environment).filter(
    (name) => !(name in config) && !IMAGE_VARIABLES.includes(name),
  );
  return { config, unknown };
}
