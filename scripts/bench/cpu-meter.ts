import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time in ms used so far by each part of the system under test (`broker:<pid>`, `postgres:<pid>`). */
export type CpuTimes = Map<string, number>;

/** CPU used by an operation of one row: ms per operation by process, and the operations counted. */
export interface CpuUse {
  row: string;
  operations: number;
  msPerOperation: Map<string, number>;
}

/**
 * CPU time of each app (by pid), the Kafka broker, PostgreSQL's server processes and the bench
 * itself (the load generator), read from /proc: what a row of the table cost the machine, per
 * operation. On a 2-core machine that is what bounds every figure.
 */
export class CpuMeter {
  constructor(private readonly apps: Partial<Record<string, number>>) {}

  /** CPU ms so far of each app, and of each broker and PostgreSQL process by pid. */
  read(): CpuTimes {
    const times: CpuTimes = new Map();
    for (const [app, pid] of Object.entries(this.apps)) {
      const ms = pid === undefined ? undefined : cpuMs(pid);
      if (ms !== undefined) times.set(app, ms);
    }
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const name = processName(Number(entry));
      const ms = name ? cpuMs(Number(entry)) : undefined;
      if (ms !== undefined) times.set(`${name}:${entry}`, ms);
    }
    const own = process.cpuUsage();
    times.set('bench', (own.user + own.system) / 1000);
    return times;
  }

  /** What `work` cost per operation (`operations` of the result), by process. */
  async measure<T>(row: string, work: () => Promise<T>, operations: (result: T) => number) {
    const before = this.read();
    const result = await work();
    const after = this.read();
    const count = operations(result);
    // Per process: a PostgreSQL backend that started during the row counts from zero; the CPU of one
    // that ended during it is lost (an undercount, never a negative figure).
    const used = new Map<string, number>();
    for (const [key, ms] of after) {
      const name = key.split(':')[0];
      used.set(name, (used.get(name) ?? 0) + ms - (before.get(key) ?? 0));
    }
    const msPerOperation = new Map<string, number>();
    for (const [name, ms] of used) if (count > 0) msPerOperation.set(name, ms / count);
    return { result, use: { row, operations: count, msPerOperation } satisfies CpuUse };
  }
}

function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined; // gone
  }
}

function processName(pid: number): 'broker' | 'postgres' | undefined {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm === 'postgres') return 'postgres';
    if (comm !== 'java') return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') ? 'broker' : undefined;
  } catch {
    return undefined;
  }
}
