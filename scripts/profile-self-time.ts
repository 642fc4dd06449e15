/** Self time of a Node CPU profile (`--cpu-prof`), by package or own file and by function. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of self time by package (or own file) and by function, and their total. */
export interface SelfTime {
  byPlace: Map<string, number>;
  byFunction: Map<string, number>;
  total: number;
}

/** Which part of the profile to read: between `fromEnd` and `toEnd` seconds before it ended. */
export interface Window {
  fromEnd?: number;
  toEnd?: number;
}

/** Where `profile` spent its samples inside `window` (the whole profile by default). */
export function selfTime(profile: CpuProfile, window: Window = {}): SelfTime {
  const from = profile.endTime - (window.fromEnd ?? Infinity) * 1e6;
  const to = profile.endTime - (window.toEnd ?? 0) * 1e6;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const result: SelfTime = { byPlace: new Map(), byFunction: new Map(), total: 0 };
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (at < from || at > to) return;
    const took = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    add(result.byPlace, placeOf(url) ?? functionName, took);
    add(result.byFunction, fn, took);
    result.total += took;
  });
  return result;
}

/** The mean of several profiles' self times (one side of a comparison, one profile per process). */
export function meanSelfTime(times: SelfTime[]): SelfTime {
  const mean: SelfTime = { byPlace: new Map(), byFunction: new Map(), total: 0 };
  for (const t of times) {
    for (const [k, v] of t.byPlace) add(mean.byPlace, k, v / times.length);
    for (const [k, v] of t.byFunction) add(mean.byFunction, k, v / times.length);
    mean.total += t.total / times.length;
  }
  return mean;
}

/** `b` minus `a` for every key of either, largest change (either sign) first. */
export function selfTimeChanges(
  a: Map<string, number>,
  b: Map<string, number>,
): Array<{ name: string; a: number; b: number; change: number }> {
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((name) => ({ name, a: a.get(name) ?? 0, b: b.get(name) ?? 0 }))
    .map((row) => ({ ...row, change: row.b - row.a }))
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change));
}

/** The package a script belongs to, `node:<module>`, or the project's own directory. */
export function placeOf(url: string): string | undefined {
  if (!url) return undefined;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /\/dist\/((?:apps|libs)\/[^/]+\/src\/[^/]+)/.exec(url);
  return own ? own[1] : url;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
