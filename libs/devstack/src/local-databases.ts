import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUpServiceDatabase, withDatabase } from '#persistence';
import { repoRoot } from './repo-root.js';

export const DATABASE_SERVICES = ['people', 'companies', 'employment'] as const;
export type DatabaseService = (typeof DATABASE_SERVICES)[number];

/** The superuser URL that sets databases up: DATABASE_ADMIN_URL, else the local trust-auth server. */
export function databaseAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Generated passwords of the local service roles, kept in .cache/db/passwords.json (git-ignored). */
function localPasswords(): Record<DatabaseService, string> {
  const dir = join(repoRoot(), '.cache', 'db');
  const file = join(dir, 'passwords.json');
  let saved: Partial<Record<DatabaseService, string>> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first run: made below
  }
  const all = Object.fromEntries(
    DATABASE_SERVICES.map((s) => [s, saved[s] ?? randomBytes(18).toString('base64url')]),
  ) as Record<DatabaseService, string>;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  return all;
}

/**
 * Each service's DATABASE_URL on the admin URL's server: `<SERVICE>_DATABASE_URL` when set, else role
 * and database named after the service with a generated password.
 */
export function serviceDatabaseUrls(
  env: NodeJS.ProcessEnv = process.env,
): Record<DatabaseService, string> {
  const passwords = localPasswords();
  return Object.fromEntries(
    DATABASE_SERVICES.map((s) => [
      s,
      env[`${s.toUpperCase()}_DATABASE_URL`] ??
        withDatabase(databaseAdminUrl(env), s, s, passwords[s]),
    ]),
  ) as Record<DatabaseService, string>;
}

/** Creates or updates every service's role and database; returns the URLs the services use. */
export async function setUpServiceDatabases(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<DatabaseService, string>> {
  const urls = serviceDatabaseUrls(env);
  for (const service of DATABASE_SERVICES) {
    await setUpServiceDatabase(databaseAdminUrl(env), urls[service]);
  }
  return urls;
}
