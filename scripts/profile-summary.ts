/**
 * `npm run profile:summary -- <file.cpuprofile> [--from-end <s>] [--to-end <s>] [--top <n>]`:
 * where a Node CPU profile (from --cpu-prof, see docs/benchmarks.md) spent its samples, by package
 * (or the project's own file) and by function, optionally only between <from-end> and <to-end>
 * seconds before the profile ended (the bench prints when each of its rows ran).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { textTable } from './text-table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'from-end': { type: 'string' },
    'to-end': { type: 'string' },
    top: { type: 'string', default: '20' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: npm run profile:summary -- <file.cpuprofile> [--from-end s] [--to-end s]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const top = Number(values.top);
const from = profile.endTime - Number(values['from-end'] ?? Infinity) * 1e6;
const to = profile.endTime - Number(values['to-end'] ?? 0) * 1e6;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i];
  if (at < from || at > to) return;
  const took = profile.timeDeltas[i + 1] ?? 0;
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  const place = placeOf(url) ?? functionName;
  const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  byPlace.set(place, (byPlace.get(place) ?? 0) + took);
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + took);
  total += took;
});

/** The package a script belongs to, `node:<module>`, or the project's own directory. */
function placeOf(url: string): string | undefined {
  if (!url) return undefined;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /\/dist\/((?:apps|libs)\/[^/]+\/src\/[^/]+)/.exec(url);
  return own ? own[1] : url;
}

const rows = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => [`${((100 * us) / total).toFixed(1)} %`, name]);
console.log(`${positionals[0]}: ${(total / 1e6).toFixed(2)} s of samples`);
console.log(textTable(['share', 'package or own file (self time)'], rows(byPlace)));
console.log(textTable(['share', 'function (self time)'], rows(byFunction)));
