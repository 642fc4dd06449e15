#!/usr/bin/env node
// Copies the jars of the Apache Kafka broker named in infra/kafka/pom.xml into .cache/kafka/libs
// with Maven (no Docker, no tarball). Does nothing when the jars there were fetched for the same pom.
// Usage: npm run kafka:fetch  [-- --force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const pomPath = join(repoRoot, 'infra', 'kafka', 'pom.xml');
const libsDir = join(repoRoot, '.cache', 'kafka', 'libs');
const markerName = '.pom-sha256';
const markerPath = join(libsDir, markerName);
// mvn copies into this folder first, which replaces libs/ only on success (old jars stay usable).
const partialDir = `${libsDir}.partial`;
const force = process.argv.includes('--force');

const pomHash = createHash('sha256').update(readFileSync(pomPath)).digest('hex');
const jarCount = (dir = libsDir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jar')).length : 0;
const storedHash = existsSync(markerPath) ? readFileSync(markerPath, 'utf8').trim() : '';

if (!force && storedHash === pomHash && jarCount() > 0) {
  console.log(
    `kafka:fetch: ${jarCount()} jars already in ${relative(repoRoot, libsDir)} for this pom, nothing to do`,
  );
  process.exit(0);
}

// A changed pom may drop or replace jars: copy into an empty folder so no stale version stays.
rmSync(partialDir, { recursive: true, force: true });
mkdirSync(partialDir, { recursive: true });

const args = [
  '-q',
  '-B',
  '-f',
  pomPath,
  'dependency:copy-dependencies',
  '-DincludeScope=runtime',
  `-DoutputDirectory=${partialDir}`,
];
console.log(`kafka:fetch: mvn ${args.join(' ')}`);
const started = Date.now();
const result = spawnSync('mvn', args, { cwd: repoRoot, stdio: 'inherit' });
const seconds = ((Date.now() - started) / 1000).toFixed(1);

if (result.error || result.status !== 0) {
  const why = result.error
    ? `could not run mvn (${result.error.message}); is Apache Maven installed and on PATH?`
    : `mvn exited with ${result.status ?? `signal ${result.signal}`} after ${seconds}s (see its output above)`;
  console.error(`kafka:fetch: FAILED: ${why}`);
  rmSync(partialDir, { recursive: true, force: true });
  process.exit(1);
}
if (jarCount(partialDir) === 0) {
  console.error(`kafka:fetch: FAILED: mvn succeeded but copied no jar into ${partialDir}`);
  rmSync(partialDir, { recursive: true, force: true });
  process.exit(1);
}

writeFileSync(join(partialDir, markerName), `${pomHash}\n`);
rmSync(libsDir, { recursive: true, force: true });
renameSync(partialDir, libsDir);
console.log(
  `kafka:fetch: copied ${jarCount()} jars into ${relative(repoRoot, libsDir)} in ${seconds}s`,
);
