import { describe, expect, it } from '@jest/globals';
import { K8sSchemas } from './k8s-schemas.js';
import {
  OVERLAYS,
  baseFiles,
  kustomizeAvailable,
  one,
  render,
  type Manifest,
} from './manifests.js';

/**
 * deploy/ checked without a cluster: every object against the JSON schema of its kind (Kubernetes'
 * OpenAPI for core kinds, the operators' CRD schemas for KEDA, Strimzi and CloudNativePG, all vendored
 * in infra/k8s-schemas), in the base and in each overlay rendered by kubectl's kustomize.
 */
const schemas = new K8sSchemas();
const files = baseFiles();
const base = Object.values(files).flat();
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('deploy/ manifests against their kinds’ schemas', () => {
  it.each(Object.keys(files))('%s: every object is valid and well named', (path) => {
    expect(files[path].length).toBeGreaterThan(0);
    for (const manifest of files[path]) {
      const what = `${manifest.kind}/${manifest.metadata?.name}`;
      expect([what, schemas.errorsOf(manifest)]).toEqual([what, 'No errors']);
      expect(manifest.metadata.name).toMatch(DNS_SUBDOMAIN);
      expect(manifest.metadata.name.length).toBeLessThanOrEqual(253);
    }
  });

  (kustomizeAvailable ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))(
    'overlay %s renders (kubectl kustomize) to objects that are all valid, in one namespace',
    (overlay) => {
      const rendered = render(overlay);
      expect(rendered.length).toBe(base.length);
      for (const manifest of rendered) {
        const what = `${manifest.kind}/${manifest.metadata.name}`;
        expect([what, schemas.errorsOf(manifest)]).toEqual([what, 'No errors']);
        if (manifest.kind !== 'Namespace')
          expect([what, manifest.metadata.namespace]).toEqual([what, 'pce']);
      }
    },
  );

  describe('the schemas refuse what a cluster would refuse', () => {
    const deployment = one(base, 'Deployment', 'people');
    const scaled = one(base, 'ScaledObject', 'people');
    const user = one(base, 'KafkaUser', 'people');
    const withSpec = (m: Manifest, spec: unknown): Manifest => ({ ...m, spec });

    it('a misspelt field of a core kind (strict, like kubeconform -strict)', () => {
      expect(schemas.errorsOf(withSpec(deployment, { ...deployment.spec, replica: 2 }))).toMatch(
        /additional properties/,
      );
      const [container] = deployment.spec.template.spec.containers;
      const badProbe = { ...container, readinessProbe: { httpGet: { path: '/health/ready' } } };
      const template = { ...deployment.spec.template, spec: { containers: [badProbe] } };
      expect(schemas.errorsOf(withSpec(deployment, { ...deployment.spec, template }))).toMatch(
        /must have required property 'port'/,
      );
    });

    it('a KEDA trigger metadata value that is not a string, and a Strimzi ACL operation that does not exist', () => {
      const [trigger] = scaled.spec.triggers;
      const numeric = { ...trigger, metadata: { ...trigger.metadata, lagThreshold: 50 } };
      expect(schemas.errorsOf(withSpec(scaled, { ...scaled.spec, triggers: [numeric] }))).toMatch(
        /must be string/,
      );
      const acls = [{ ...user.spec.authorization.acls[0], operations: ['Reed'] }];
      const authorization = { type: 'simple', acls };
      expect(schemas.errorsOf(withSpec(user, { ...user.spec, authorization }))).toMatch(
        /must be equal to one of the allowed values/,
      );
    });

    it('a kind no vendored schema covers', () => {
      expect(() => schemas.validatorFor({ apiVersion: 'autoscaling/v9', kind: 'Nope' })).toThrow(
        /no vendored schema for autoscaling\/v9 Nope/,
      );
    });
  });
});
