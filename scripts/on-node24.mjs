#!/usr/bin/env node
// Runs a Node script, or jest, on Node 24, the production runtime, whatever Node runs npm. Node 24
// comes from the npm package node-<platform>-<arch>@24, installed on first use into .cache/node24
// (about 190 MB on disk: not a devDependency, so `npm ci` and the image build skip it). The apps a
// script starts (bench, faults, end-to-end specs) run on the same Node: they are spawned with
// process.execPath.
// Usage: node scripts/on-node24.mjs jest [<jest arguments>]      (npm run test:node24; default: the unit project)
//        node scripts/on-node24.mjs <script.js> [<arguments>]     (npm run bench:node24 runs dist/scripts/bench.js)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAJOR = 24;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(repoRoot, '.cache', `node${MAJOR}`);
const platform = process.platform === 'win32' ? 'win' : process.platform;
const pkg = `node-${platform}-${process.arch}`;
const node = join(prefix, 'node_modules', pkg, 'bin', platform === 'win' ? 'node.exe' : 'node');

const run = (command, args, options = {}) =>
  spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
const versionOf = () =>
  existsSync(node) ? spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';

if (!versionOf().startsWith(`v${MAJOR}.`)) {
  console.log(`node${MAJOR}: installing ${pkg}@${MAJOR} into ${prefix}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = run(npm, [
    'install',
    '--prefix',
    prefix,
    '--no-audit',
    '--no-fund',
    '--no-save',
    `${pkg}@${MAJOR}`,
  ]);
  if (installed.status !== 0 || !versionOf().startsWith(`v${MAJOR}.`)) {
    console.error(
      `node${MAJOR}: could not install ${pkg}@${MAJOR} (is there one for this platform?)`,
    );
    process.exit(1);
  }
}

const [what, ...rest] = process.argv.slice(2);
if (!what) {
  console.error(
    'usage: node scripts/on-node24.mjs jest [<jest arguments>] | <script.js> [<arguments>]',
  );
  process.exit(2);
}
const args =
  what === 'jest'
    ? [
        '--experimental-vm-modules',
        join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
        ...(rest.length ? rest : ['--selectProjects', 'unit']),
      ]
    : [what, ...rest];
console.log(`node${MAJOR}: ${[what, ...rest].join(' ')} on Node ${versionOf()}`);
const result = run(node, args, { env: { ...process.env, NODE_OPTIONS: '' } });
process.exit(result.status ?? 1);
