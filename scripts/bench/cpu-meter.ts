import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { SCRATCH_SERVER } from './scratch-database.js';

/**
 * Which broker and PostgreSQL processes count: the broker whose command line holds `brokerDir`, and
 * the server processes of the `databases()` (names) plus the shared background ones. Unset: every
 * broker and every PostgreSQL process on the machine (a running stack the bench did not start).
 */
export interface CpuScope {
  brokerDir?: string;
  databases?: () => string[];
}

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
  constructor(
    private readonly apps: Partial<Record<string, number>>,
    private readonly scope: CpuScope = {},
  ) {}

  /** The same broker and PostgreSQL scope for other processes (a baseline's). */
  withProcesses(apps: Partial<Record<string, number>>): CpuMeter {
    return new CpuMeter(apps, this.scope);
  }

  /** CPU ms so far of each app, and of each broker and PostgreSQL process by pid. */
  async read(): Promise<CpuTimes> {
    const times: CpuTimes = new Map();
    for (const [app, pid] of Object.entries(this.apps)) {
      const ms = pid === undefined ? undefined : cpuMs(pid);
      if (ms !== undefined) times.set(app, ms);
    }
    const postgres = await this.postgresPids();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const name = processName(Number(entry), this.scope.brokerDir);
      if (name === 'postgres' && postgres && !postgres.has(Number(entry))) continue;
      const ms = name ? cpuMs(Number(entry)) : undefined;
      if (ms !== undefined) times.set(`${name}:${entry}`, ms);
    }
    const own = process.cpuUsage();
    times.set('bench', (own.user + own.system) / 1000);
    return times;
  }

  private async postgresPids(): Promise<Set<number> | undefined> {
    return this.scope.databases ? postgresPidsOf(this.scope.databases()) : undefined;
  }

  /** What `work` cost per operation (`operations` of the result), by process. */
  async measure<T>(row: string, work: () => Promise<T>, operations: (result: T) => number) {
    const before = await this.read();
    const result = await work();
    const after = await this.read();
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

/**
 * PostgreSQL server processes of the databases in scope plus the shared background ones (WAL
 * writer, checkpointer, ...), so other users' sessions on a shared server are not counted; every
 * postgres process (undefined) when no databases are in scope.
 */
async function postgresPidsOf(databases: string[]): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: `${SCRATCH_SERVER}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT pid FROM pg_stat_activity WHERE datname IS NULL OR datname = ANY($1::text[])',
      [databases],
    );
    const pids = new Set(rows.map((r) => Number(r.pid)));
    const postmaster = statFields(Number(rows[0]?.pid))?.[1]; // every backend's parent
    if (postmaster) pids.add(Number(postmaster));
    return pids;
  } finally {
    await client.end();
  }
}

/** /proc/<pid>/stat's fields after the command name (which may hold spaces): state, ppid, ... */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

function cpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function processName(pid: number, brokerDir?: string): 'broker' | 'postgres' | undefined {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm === 'postgres') return 'postgres';
    if (comm !== 'java') return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const ours = !brokerDir || cmdline.includes(brokerDir);
    return cmdline.includes('kafka.Kafka') && ours ? 'broker' : undefined;
  } catch {
    return undefined;
  }
}

/** Several rounds of one row as one: each process's ms over all rounds' operations. */
export function combineCpu(uses: CpuUse[]): CpuUse {
  const operations = uses.reduce((sum, u) => sum + u.operations, 0);
  const totalMs = new Map<string, number>();
  for (const u of uses) {
    for (const [name, ms] of u.msPerOperation) {
      totalMs.set(name, (totalMs.get(name) ?? 0) + ms * u.operations);
    }
  }
  const msPerOperation = new Map([...totalMs].map(([name, ms]) => [name, ms / operations]));
  return { row: uses[0]?.row ?? '', operations, msPerOperation };
}
