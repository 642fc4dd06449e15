/**
 * Creates (or updates) each service's PostgreSQL login role and the database it owns, as a superuser,
 * once: npm run db:setup. DATABASE_ADMIN_URL names the superuser (default: postgres on 127.0.0.1);
 * PEOPLE_DATABASE_URL, COMPANIES_DATABASE_URL and EMPLOYMENT_DATABASE_URL name each service's role,
 * password and database (default: role and database named after the service, password generated
 * into .cache/db/passwords.json). Prints each service's DATABASE_URL without its password.
 */
import { DATABASE_SERVICES, setUpServiceDatabases } from '#devstack';

const urls = await setUpServiceDatabases();
for (const service of DATABASE_SERVICES) {
  const url = new URL(urls[service]);
  if (url.password) url.password = '***';
  console.log(`${service}: ${url}`);
}
