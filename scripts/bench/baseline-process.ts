import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '#devstack';

/** A baseline script (dist/scripts/bench/<name>.js) running as its own OS process. */
export interface BaselineProcess {
  readonly pid: number;
  /** What the script printed on its `ready` line (e.g. its URL). */
  readonly info: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Starts a baseline script and resolves once it printed `ready {json}`; rejects if it exits first. */
export function startBaseline(name: string, env: Record<string, string>): Promise<BaselineProcess> {
  const script = join(repoRoot(), 'dist', 'scripts', 'bench', `${name}.js`);
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      live.delete(child);
      done();
    }),
  );
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /^ready (.*)$/m.exec(buffered);
      if (!match) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        pid: child.pid!,
        info: JSON.parse(match[1]),
        stop: () => stopChild(child, exited),
      });
    });
  });
}

/** Baseline processes still running; killed when the bench exits, however it exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Prints the line startBaseline() waits for. */
export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`ready ${JSON.stringify(info)}\n`);
}
