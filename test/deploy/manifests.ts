import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '#devstack';

/** A Kubernetes object as YAML gives it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  [key: string]: any;
}

export const ROOT = repoRoot();
export const OVERLAYS = ['local', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** Every document of a multi-document YAML text; throws on a YAML error. */
export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS() as Manifest | null;
    return value ? [value] : [];
  });
}

/** The base's manifest files (not kustomization.yaml), repository-relative path to its objects. */
export function baseFiles(): Record<string, Manifest[]> {
  const dir = join(ROOT, 'deploy/base');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'))
    .sort();
  return Object.fromEntries(
    files.map((f) => {
      const path = relative(ROOT, join(dir, f));
      return [path, parseManifests(readFileSync(join(ROOT, path), 'utf8'), path)];
    }),
  );
}

/** kubectl's built-in kustomize, when kubectl is on PATH: nothing else here renders overlays. */
export const kustomizeAvailable = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** An overlay rendered by `kubectl kustomize`, as objects. */
export function render(overlay: Overlay): Manifest[] {
  const text = execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy/overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseManifests(text, `overlay ${overlay}`);
}

/** The objects of `kind` (and of `name`, when given). */
export function ofKind(manifests: Manifest[], kind: string, name?: string): Manifest[] {
  return manifests.filter(
    (m) => m.kind === kind && (name === undefined || m.metadata.name === name),
  );
}

/** Exactly one object of `kind` named `name`. */
export function one(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = ofKind(manifests, kind, name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} named ${name}`);
  return found[0];
}
