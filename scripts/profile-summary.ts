/**
 * `npm run profile:summary -- <profile or dir>... [--against <profile or dir>]... [--from-end <s>]
 * [--to-end <s>] [--top <n>]` (--against once per path): where Node CPU profiles (from
 * --cpu-prof, see docs/benchmarks.md) spent their samples, by package (or the project's own file)
 * and by function, optionally only between <from-end> and <to-end> seconds before each profile
 * ended (the bench prints when each of its rows ran). Several profiles are averaged (one per
 * process of one side). With --against, the two sides' averages are printed side by side in ms,
 * largest change first: what one setting costs against another, e.g. the observability row's
 * gateways with tracing on and off.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  meanSelfTime,
  selfTime,
  selfTimeChanges,
  type CpuProfile,
  type SelfTime,
  type Window,
} from './profile-self-time.js';
import { textTable } from './text-table.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    against: { type: 'string', multiple: true },
    'from-end': { type: 'string' },
    'to-end': { type: 'string' },
    top: { type: 'string', default: '20' },
  },
});
if (positionals.length === 0) {
  console.error(
    'usage: npm run profile:summary -- <profile or dir>... [--against <profile or dir>]... (once per path) [--from-end s] [--to-end s] [--top n]',
  );
  process.exit(2);
}
const top = Number(values.top);
const window: Window = {
  fromEnd: values['from-end'] === undefined ? undefined : Number(values['from-end']),
  toEnd: values['to-end'] === undefined ? undefined : Number(values['to-end']),
};

/** The profiles named (a directory: every .cpuprofile in it), their self times averaged. */
function side(paths: string[]): { files: string[]; time: SelfTime } {
  const files = paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.cpuprofile'))
          .map((name) => join(path, name))
      : [path],
  );
  if (files.length === 0) throw new Error(`no .cpuprofile in ${paths.join(', ')}`);
  const times = files.map((file) =>
    selfTime(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window),
  );
  return { files, time: meanSelfTime(times) };
}

const ms = (us: number) => (us / 1000).toFixed(1);
const main = side(positionals);

if (values.against) {
  const base = side(values.against);
  console.log(
    `${main.files.length} profile(s) against ${base.files.length}: ${ms(main.time.total)} ms of samples each against ${ms(base.time.total)} (averages)`,
  );
  const changes = (a: Map<string, number>, b: Map<string, number>, what: string) =>
    textTable(
      ['against ms', 'profiles ms', 'change ms', what],
      selfTimeChanges(a, b)
        .slice(0, top)
        .map((row) => [
          ms(row.a),
          ms(row.b),
          `${row.change >= 0 ? '+' : ''}${ms(row.change)}`,
          row.name,
        ]),
    );
  console.log(changes(base.time.byPlace, main.time.byPlace, 'package or own file (self time)'));
  console.log(changes(base.time.byFunction, main.time.byFunction, 'function (self time)'));
} else {
  const { total } = main.time;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => [`${((100 * us) / total).toFixed(1)} %`, name]);
  console.log(`${main.files.join(', ')}: ${(total / 1e6).toFixed(2)} s of samples (average)`);
  console.log(textTable(['share', 'package or own file (self time)'], rows(main.time.byPlace)));
  console.log(textTable(['share', 'function (self time)'], rows(main.time.byFunction)));
}
