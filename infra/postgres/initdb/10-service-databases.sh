#!/bin/sh
# Run once by the postgres image when it initialises an empty volume (docker-entrypoint-initdb.d; it may
# source this file, so it sets no shell options): one login role per service that owns its database,
# no superuser/createdb/createrole rights, and CONNECT revoked from PUBLIC on every database so a role
# reaches only its own. `npm run db:setup` (libs/persistence/src/service-database-setup.ts) applies the
# same rules outside containers.
for service in people companies employment; do
  password_var="$(echo "$service" | tr a-z A-Z)_DB_PASSWORD"
  eval "password=\${$password_var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$service" -v password="$password" <<'SQL' || exit 1
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL' || exit 1
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL
