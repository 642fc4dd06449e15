#!/usr/bin/env node
// Per-service TypeORM migrations: npm run migration -- <service> <show|run|revert|generate Name|create Name>
// show/run/revert/generate use the service's one DataSource (built into dist/) and its DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/<service>). generate/create write a .ts file into
// apps/<service>/src/database/migrations/; add its class at the end of the service's *_MIGRATIONS list.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [service, command, name] = process.argv.slice(2);
const services = ['people', 'companies', 'employment'];
const commands = ['show', 'run', 'revert', 'generate', 'create'];
if (
  !services.includes(service) ||
  !commands.includes(command) ||
  (['generate', 'create'].includes(command) && !name)
) {
  console.error(
    `usage: npm run migration -- <${services.join('|')}> <show|run|revert|generate Name|create Name>`,
  );
  process.exit(2);
}

const typeorm = join(root, 'node_modules', '.bin', 'typeorm');
const dataSource = join(root, 'dist', 'apps', service, 'src', 'database', 'data-source.js');
const target = join(root, 'apps', service, 'src', 'database', 'migrations', name ?? '');
const run = (args) => execFileSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit' });

if (command !== 'create') {
  console.log('[migration] building ...');
  run(['npm', 'run', '--silent', 'build']);
  if (!existsSync(dataSource)) throw new Error(`no DataSource at ${dataSource}`);
}
const args = {
  show: ['migration:show', '-d', dataSource],
  run: ['migration:run', '-d', dataSource],
  revert: ['migration:revert', '-d', dataSource],
  generate: ['migration:generate', '-d', dataSource, '--pretty', target],
  create: ['migration:create', target],
}[command];
run([typeorm, ...args]);
