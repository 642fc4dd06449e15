import { describe, expect, it } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appNodeArgs } from '#devstack';
import { ServiceHealthController } from '#service';
import { loadGatewayConfig } from '../../apps/gateway/src/config/gateway.config.js';
import { HealthController } from '../../apps/gateway/src/health/health.controller.js';
import { KAFKA_BOOTSTRAP } from '../../scripts/deploy/deploy-settings.js';
import { CONFIG_LOADERS, loadAppEnvironment, type ConfiguredApp } from '../app-environments.js';
import { OVERLAYS, ROOT, baseFiles, kustomizeAvailable, ofKind, one, render } from './manifests.js';

/**
 * The apps' Deployments checked against the apps: each container's environment is accepted by that
 * app's own configuration, probes ask paths the app serves on the port it listens on, every secret is
 * one an operator makes, one image for all, and only the gateway is reachable from outside.
 */
type App = ConfiguredApp;
const APPS = Object.keys(CONFIG_LOADERS) as App[];
const SERVICES = APPS.filter((a) => a !== 'gateway');
const base = Object.values(baseFiles()).flat();
const IMAGE = 'people-companies-employment';

const containerOf = (app: App) => one(base, 'Deployment', app).spec.template.spec.containers[0];
const routesOf = (controller: new (...args: never[]) => unknown) => {
  const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string;
  return Object.getOwnPropertyNames(controller.prototype)
    .map((name) => Reflect.getMetadata(PATH_METADATA, controller.prototype[name]) as unknown)
    .filter((path): path is string => typeof path === 'string')
    .map((path) => `/${prefix}${path === '/' ? '' : `/${path}`}`);
};

/** A stand-in value for each secret an operator provides, and what makes that secret. */
function secretValue(app: App, name: string, key: string): string {
  if (name === `${app}-db-app` && key === 'uri') {
    // CloudNativePG writes <cluster>-app with the owner's URI; the cluster must be this service's.
    const cluster = one(base, 'Cluster', `${app}-db`);
    expect(cluster.spec.bootstrap.initdb).toEqual({ database: app, owner: app });
    return `postgresql://${app}:secret@${app}-db-rw:5432/${app}`;
  }
  if (name === app && key === 'password') {
    one(base, 'KafkaUser', app); // Strimzi's User Operator writes the user's password here
    return 'secret';
  }
  throw new Error(`${app} reads secret ${name}/${key}, which nothing in deploy/ makes`);
}

function environmentOf(app: App): Record<string, string> {
  const env: Array<{ name: string; value?: string; valueFrom?: any }> = containerOf(app).env;
  return Object.fromEntries(
    env.map(({ name, value, valueFrom }) => {
      if (value !== undefined) return [name, value];
      const ref = valueFrom?.secretKeyRef;
      if (!ref) throw new Error(`${app} ${name}: only values and secretKeyRefs are expected`);
      return [name, secretValue(app, ref.name, ref.key)];
    }),
  );
}

/** The secret volume mounted at the directory of `file` in the app's container. */
function secretMountedFor(app: App, file: string): string {
  const pod = one(base, 'Deployment', app).spec.template.spec;
  const mount = containerOf(app).volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`));
  const volume = pod.volumes.find((v: any) => v.name === mount?.name);
  const item = volume?.secret?.items?.find((i: any) => `${mount.mountPath}/${i.path}` === file);
  if (!item) throw new Error(`${app}: nothing mounts ${file}`);
  return `${volume.secret.secretName}/${item.key}`;
}

describe('deploy/ apps against the code', () => {
  it.each(APPS)('%s: its own configuration accepts its environment, nothing unknown', (app) => {
    const environment = environmentOf(app);
    const { config, unknown } = loadAppEnvironment(app, environment);
    expect(unknown).toEqual([]);
    expect(environment.APP).toBe(app);
    expect(config).toMatchObject({
      KAFKA_BROKERS: [KAFKA_BOOTSTRAP],
      KAFKA_SSL: true,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: app,
      HOST: '0.0.0.0',
    });
    expect(secretMountedFor(app, environment.KAFKA_SSL_CA_FILE)).toBe(
      'pce-kafka-cluster-ca-cert/ca.crt',
    );
    if (app === 'gateway') {
      expect(secretMountedFor(app, environment.JWT_PUBLIC_KEY_FILE)).toBe(
        'gateway-jwt/jwt-public.pem',
      );
      expect(config.AUTH_DISABLED).toBe(false);
    }
  });

  it('the secrets stand-ins would be refused if wrong: a gateway without a key source fails its config', () => {
    const environment = { ...environmentOf('gateway') };
    delete environment.JWT_PUBLIC_KEY_FILE;
    expect(() => loadGatewayConfig(environment)).toThrow(/JWT_PUBLIC_KEY/);
  });

  it.each(APPS)(
    '%s: probes ask /health/live and /health/ready on the port the app listens on',
    (app) => {
      const container = containerOf(app);
      const port = (CONFIG_LOADERS[app](environmentOf(app)) as { PORT: number }).PORT;
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      const served = routesOf(app === 'gateway' ? HealthController : ServiceHealthController);
      const probes = {
        startupProbe: '/health/live',
        livenessProbe: '/health/live',
        readinessProbe: '/health/ready',
      };
      for (const [probe, path] of Object.entries(probes)) {
        expect(container[probe].httpGet).toEqual({ path, port: 'http' });
        expect(served).toContain(path);
      }
      expect(served).toContain('/health');
      expect(container.resources.requests).toEqual(
        expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
      );
      expect(container.resources.limits.memory).toBeDefined();
    },
  );

  it('Services and PodDisruptionBudgets select each app, on its port, at most one pod down', () => {
    for (const app of APPS) {
      const labels = one(base, 'Deployment', app).spec.template.metadata.labels;
      const service = one(base, 'Service', app);
      expect(labels).toMatchObject(service.spec.selector);
      expect(service.spec.ports).toEqual([
        { name: 'http', port: containerOf(app).ports[0].containerPort, targetPort: 'http' },
      ]);
      const pdb = one(base, 'PodDisruptionBudget', app);
      expect(pdb.spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: service.spec.selector },
      });
    }
  });

  it('one image for all apps, from the Dockerfile that runs Node 24 and exposes every app port', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24(\.\d+)*-/m);
    // The heap limits the tests run the apps with (Node 24 needs the semi-space one).
    expect(/NODE_OPTIONS="([^"]+)"/.exec(dockerfile)?.[1]).toBe(appNodeArgs('').join(' '));
    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1].split(' ').map(Number);
    for (const app of APPS) {
      expect(containerOf(app).image).toBe(IMAGE);
      expect(exposed).toContain(containerOf(app).ports[0].containerPort);
    }
  });

  (kustomizeAvailable ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))(
    'overlay %s: the same tagged image for every app, and only the gateway exposed',
    (overlay) => {
      const rendered = render(overlay);
      const images = ofKind(rendered, 'Deployment').map(
        (d) => d.spec.template.spec.containers[0].image,
      );
      expect(images).toHaveLength(APPS.length);
      expect(new Set(images).size).toBe(1);
      expect(images[0]).toMatch(new RegExp(`^${IMAGE}:[\\w.-]+$`));
      for (const service of ofKind(rendered, 'Service')) {
        if (service.metadata.name !== 'gateway')
          expect(service.spec.type ?? 'ClusterIP').toBe('ClusterIP');
      }
    },
  );

  (kustomizeAvailable ? it : it.skip)(
    'overlays: local is small and ephemeral, production keeps data and runs everything twice',
    () => {
      const local = render('local');
      const production = render('production');
      const volumes = (m: typeof local) => ofKind(m, 'KafkaNodePool')[0].spec.storage.volumes;
      expect(volumes(local)).toEqual([
        { id: 0, type: 'ephemeral', sizeLimit: '2Gi', kraftMetadata: 'shared' },
      ]);
      expect(volumes(production)).toEqual([
        expect.objectContaining({ type: 'persistent-claim', size: '200Gi', deleteClaim: false }),
      ]);
      for (const cluster of ofKind(production, 'Cluster')) expect(cluster.spec.instances).toBe(3);
      for (const scaled of ofKind(production, 'ScaledObject')) {
        expect(scaled.spec.minReplicaCount).toBe(2);
      }
      for (const scaled of ofKind(local, 'ScaledObject'))
        expect(scaled.spec.maxReplicaCount).toBe(2);
      expect(one(production, 'Service', 'gateway').spec.type).toBe('LoadBalancer');
    },
  );

  it('network policies: ingress denied by default, from outside only to the gateway port', () => {
    const policies = ofKind(base, 'NetworkPolicy');
    const deny = one(base, 'NetworkPolicy', 'default-deny-ingress');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const open = policies.filter((p) => (p.spec.ingress ?? []).some((rule: any) => !rule.from));
    expect(open.map((p) => p.spec.podSelector)).toEqual([
      { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
    ]);
    expect(open[0].spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 3000 }] }]);
    // No policy lets anything reach a service's pods: they take no traffic but the kubelet's probes.
    for (const app of SERVICES) {
      const selecting = policies.filter(
        (p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === app,
      );
      expect(selecting).toEqual([]);
    }
  });
});
