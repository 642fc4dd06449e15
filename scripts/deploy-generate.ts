/**
 * Writes deploy/'s generated manifests (KafkaTopics, KafkaUsers, ScaledObjects) from libs/contracts:
 * npm run deploy:generate [-- --check]   (--check: exit 1 naming the files that are out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { repoRoot } from '#devstack';
import { generatedFiles } from './deploy/kafka-manifests.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const stale: string[] = [];
for (const [path, text] of Object.entries(generatedFiles((doc) => stringify(doc)))) {
  const target = join(repoRoot(), path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  stale.push(path);
  if (!values.check) writeFileSync(target, text);
}
if (values.check && stale.length) {
  console.error(`out of date (run npm run deploy:generate): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(stale.length ? `wrote ${stale.join(', ')}` : 'deploy/ generated files are up to date');
