import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

/**
 * C1 only (`-XX:TieredStopAtLevel=1`), for a JVM whose life is short or whose load is light: a test
 * broker beside an idle stack started with 3.4–3.8 s of CPU instead of 5.0–5.3 s and idled at 78–93
 * instead of 141–161 ms of CPU a second (this machine, 2 cores, two runs each; docs/benchmarks.md).
 * C2's faster code pays only under sustained load: `npm start`, the bench and the fault suite keep it.
 */
export const QUICK_JIT = ['-XX:TieredStopAtLevel=1'];

/** JVM options of Kafka's own start scripts, the given heap options and the Log4j2 set-up. */
export function jvmArgs(
  logsDir: string,
  { heap, quickJit = false }: { heap: string[]; quickJit?: boolean },
): string[] {
  return [
    ...heap,
    ...(quickJit ? QUICK_JIT : []),
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(repoRoot(), 'infra', 'kafka', 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${logsDir}`,
  ];
}

/**
 * Command and arguments that run `java <args>`. On Linux it goes through util-linux `setpriv
 * --pdeathsig KILL` (it execs java, same pid), so the kernel kills the JVM when this Node process
 * dies in any way: a process 'exit' hook does not run on a fatal signal, nor inside Jest, whose
 * test files get a copy of `process` whose 'exit' listeners are never called.
 */
export function javaLaunch(args: string[]): [command: string, args: string[]] {
  const setpriv = deathSignalLauncher();
  return setpriv
    ? [setpriv, ['--pdeathsig', 'KILL', javaCommand(), ...args]]
    : [javaCommand(), args];
}

/** $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` from PATH. */
function javaCommand(): string {
  const home = process.env['JAVA_HOME'];
  const java = home ? join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : '';
  return java && existsSync(java) ? java : 'java';
}

let launcher: string | null | undefined;

/** The path of a setpriv that supports --pdeathsig, or null (not Linux, or too old). */
function deathSignalLauncher(): string | null {
  if (launcher === undefined) {
    const found =
      process.platform === 'linux'
        ? ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path))
        : undefined;
    const works =
      found !== undefined &&
      spawnSync(found, ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0;
    launcher = works ? found : null;
  }
  return launcher;
}
