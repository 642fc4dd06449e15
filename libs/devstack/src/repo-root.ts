import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The "name" in the root package.json that marks the repository root. */
export const REPO_PACKAGE_NAME = 'people-companies-employment';

/** Nearest folder at or above `start` whose package.json is the repository's own; undefined if none. */
function findUp(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (name === REPO_PACKAGE_NAME) return dir;
      } catch {
        // an unreadable or invalid package.json is not the root: keep walking up
      }
    }
    if (dir === parse(dir).root) return undefined;
    dir = dirname(dir);
  }
}

let cached: string | undefined;

/** Absolute path of the repository root (works from libs/devstack/src and from dist/libs/devstack/src). */
export function repoRoot(): string {
  cached ??=
    findUp(dirname(fileURLToPath(import.meta.url))) ??
    findUp(process.cwd()) ??
    (() => {
      throw new Error(
        `Cannot find the repository root (package.json named "${REPO_PACKAGE_NAME}")`,
      );
    })();
  return cached;
}
