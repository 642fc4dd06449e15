import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './repo-root.js';

export type AppName = 'people' | 'companies' | 'employment' | 'gateway';

export interface AppProcessOptions {
  app: AppName;
  /** Label in the output, e.g. "people-2". */
  label?: string;
  env: Record<string, string>;
  /** Where each output line goes; default: stdout with a [label] prefix. */
  output?: (line: string) => void;
}

/** One built app (dist/apps/<app>/src/main.js) running as a child process. */
export class AppProcess {
  readonly label: string;
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private exitCode: number | string | null = null;

  constructor(private readonly options: AppProcessOptions) {
    this.label = options.label ?? options.app;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The OS process id while started (for sampling its memory or attaching a profiler). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const main = join(repoRoot(), 'dist', 'apps', this.options.app, 'src', 'main.js');
    const args = [...appNodeArgs(), '--import', tracingEntry(), '--enable-source-maps', main];
    const child = spawn(process.execPath, args, {
      cwd: repoRoot(),
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const write =
      this.options.output ?? ((line: string) => process.stdout.write(`[${this.label}] ${line}\n`));
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(write);
      });
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? signal;
        resolve();
      }),
    );
    this.child = child;
  }

  /** Rejects if the process exits before `ready` settles; for failing fast at start-up. */
  async whileRunning<T>(ready: Promise<T>): Promise<T> {
    const exit = this.exited!.then(() => {
      throw new Error(`${this.label} exited (${this.exitCode}) before it was ready`);
    });
    return Promise.race([ready, exit]);
  }

  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** kill -9: no shutdown hooks run. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * OpenTelemetry's entry, loaded before the app (it must patch pg and http before they are
 * required): it starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT or TRACE_SPANS_FILE is set and
 * loads nothing else otherwise. The Dockerfile starts the apps the same way.
 */
export function tracingEntry(): string {
  return pathToFileURL(
    join(repoRoot(), 'dist', 'libs', 'observability', 'src', 'tracing', 'register.js'),
  ).href;
}

/**
 * V8's old-space limit for every app, in MB (the Dockerfile sets the same through NODE_OPTIONS). An
 * app holds 50–70 MB of live heap under load; left to V8's default (a quarter of the machine's
 * memory) the heap and the buffers it keeps alive grew to 245–308 MB of RSS in `npm run bench`'s
 * heaviest rows, with the limit they stay under 185 MB at the same throughput (docs/benchmarks.md).
 */
export const APP_OLD_SPACE_MB = 160;
/**
 * V8's young-generation semi-space cap. 16 MB is Node 20's default; Node 24 defaults to 64 MB, which
 * raises the heap limit of a 160 MB old space from 208 to 352 MB (measured): set it, same on both.
 */
export const APP_SEMI_SPACE_MB = 16;

/**
 * Node flags for an app: the heap limits, then APP_NODE_ARGS (extra flags for every app, e.g.
 * "--cpu-prof --cpu-prof-dir=.cache/prof"; a later --max-old-space-size there wins).
 */
export function appNodeArgs(extra = process.env.APP_NODE_ARGS ?? ''): string[] {
  return [
    `--max-old-space-size=${APP_OLD_SPACE_MB}`,
    `--max-semi-space-size=${APP_SEMI_SPACE_MB}`,
    ...extra.split(' ').filter(Boolean),
  ];
}
