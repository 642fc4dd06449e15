import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanLine } from '#observability';

export type { SpanLine };

/**
 * A folder of span files, one per app (TRACE_SPANS_FILE: each finished span as a JSON line), and
 * every span written to them so far.
 */
export class SpanFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'spans-'));

  /** The environment that makes `app` write its spans here. */
  envOf(app: string): Record<string, string> {
    return { TRACE_SPANS_FILE: join(this.dir, `${app}.jsonl`) };
  }

  /** Every span the apps wrote so far (a line cut short by a write in progress is left out). */
  spans(apps: readonly string[]): SpanLine[] {
    return apps.flatMap((app) => {
      const file = join(this.dir, `${app}.jsonl`);
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.endsWith('}'))
        .map((line) => JSON.parse(line) as SpanLine);
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
