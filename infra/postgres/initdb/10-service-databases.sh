#!/bin/sh
# Runs once, when the postgres container initialises an empty volume (docker-entrypoint-initdb.d):
# one login role per service that owns its database, no superuser/createdb/createrole rights, and
# CONNECT revoked from PUBLIC on every database so a role reaches only its own. The same rules as
# `npm run db:setup` (libs/persistence/src/service-database-setup.ts) applies outside containers.
set -eu
for service in people companies employment; do
  password_var="$(echo "$service" | tr a-z A-Z)_DB_PASSWORD"
  eval "password=\${$password_var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL
