import { describe, expect, it } from '@jest/globals';
import { cruise, type IModule } from 'dependency-cruiser';
import { repoRoot } from '#devstack';

// dependency-cruiser resolves every import (type-only ones too, and #aliases to their sources) of
// the repository's TypeScript; its no-circular rule finds cycles between files. The folder graph
// built from the same modules finds cycles between folders: an app's feature folders
// (apps/x/src/<folder>, its root files as one more), each lib as a whole, scripts and test.
// Specs (unit, integration, e2e) are left out of the folder graph: a spec may use any test tool
// without making its folder depend on it.

async function cruiseRepo() {
  process.chdir(repoRoot());
  const result = await cruise(['apps', 'libs', 'scripts', 'test'], {
    validate: true,
    ruleSet: {
      forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.cache)/' },
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result object');
  return result.output;
}

/** The folder a file counts in: apps/x/src/<folder> (or apps/x/src), apps/x/test, libs/x, scripts, test. */
export function folderOf(path: string): string {
  const app = /^apps\/[^/]+\/(src\/[^/]+(?=\/)|src|test)/.exec(path);
  if (app) return app[0];
  const lib = /^libs\/[^/]+/.exec(path);
  return lib ? lib[0] : path.split('/')[0];
}

/** Folder -> folders its files import (local files only, specs and a folder's own files left out). */
export function folderGraph(modules: IModule[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const module of modules) {
    if (/[.-]spec\.ts$/.test(module.source)) continue;
    const from = folderOf(module.source);
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || dependency.couldNotResolve) continue;
      if (dependency.resolved.includes('node_modules/')) continue;
      const to = folderOf(dependency.resolved);
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The strongly connected groups of more than one folder (Tarjan), each sorted: every one is a cycle. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import cycles', () => {
  it('finds a cycle between folders, and none in a chain', () => {
    const graph = (edges: string[][]) =>
      folderGraph(
        edges.map(([source, ...targets]) => ({
          source,
          dependencies: targets.map((resolved) => ({ resolved, coreModule: false })),
        })) as unknown as IModule[],
      );
    expect(
      cycles(
        graph([
          ['a/x.ts', 'b/y.ts'],
          ['b/y.ts', 'c/z.ts'],
          ['c/z.ts', 'a/w.ts'],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        graph([
          ['a/x.ts', 'b/y.ts', 'a/w.ts'],
          ['b/y.ts', 'c/z.ts'],
        ]),
      ),
    ).toEqual([]);
  });

  it('has none between files or between folders of apps, libs, scripts and tests', async () => {
    const output = await cruiseRepo();
    const unresolved = output.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} -> ${d.module}`),
    );
    expect(unresolved).toEqual([]);
    expect(output.modules.map((m) => m.source)).toContain('libs/core/src/index.ts');
    const fileCycles = output.summary.violations.map((v) =>
      [v.from, ...(v.cycle ?? []).map((step) => step.name)].join(' -> '),
    );
    expect(fileCycles).toEqual([]);
    expect(cycles(folderGraph(output.modules))).toEqual([]);
  }, 60_000);
});
