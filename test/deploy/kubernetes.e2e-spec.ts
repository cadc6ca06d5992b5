import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '@app/config';
import { loadServiceConfig } from '../../apps/upload-api/src/providers';
import { readExampleSwitchedOn, remapSecretFiles, secretFilesNamed, unknownVariables } from './support/env-files';
import { schemaErrors, unknownFieldErrors } from './support/k8s-models';
import { type K8sObject, kustomizeBuild } from './support/kustomize';
import { repoPath } from './support/repo-paths';
import { testKey } from '@app/testing';

type Manifest = K8sObject & Record<string, any>;

const OVERLAY = repoPath('deploy/kubernetes/overlays/production');
const SECRET_NAME = 'upload-bff-secrets';
const SECRET_MOUNT = '/run/secrets/upload-bff';
// From BENCHMARKS.md: resident memory at rest (compare.cjs's idle RSS: 202 MB in the run of 2026-12-07), and the
// peak with a 128 MB heap cap under create load.
const IDLE_RSS_MIB = 205;
const HEAP_CAPPED_PEAK_MIB = 220;

/** What the operator puts in each key of the Secret, for the overlay with every setting on (values of the right form). */
const SECRET_SAMPLES: Record<string, string> = {
  'redis-url': 'rediss://upload-bff:secret-from-the-test@redis.internal:6379',
  'cache-encryption-key': testKey(9),
  'redis-password': 'a8Kq2ZrV7sLm4NwP9xYt3Bc6',
  'tencentcloud-secret-id': 'fake-tencent-secret-id-for-the-test',
  'tencentcloud-secret-key': 'Zr7Tq2Xw9Lm4Bc8Nv3Hj6Ks1Pd5Fg0Ya',
  'alibaba-vod-callback-auth-key': 'Vk3mQ8rT2wX7zB4nL9pD6sH1',
  'alibaba-ims-callback-auth-key': 'Ik5nR2tW8yC3vM7qF1xJ4gP6',
  'tencentcloud-vod-event-token': 'f4c1e9a27b3d8056c2e4a9f1b7d3c8e0a6b2d4f9e1c3a7b5',
  'webhook-secret': `whsec_${Buffer.alloc(32, 5).toString('base64')}`,
  'webhook-previous-secrets': `whsec_${Buffer.alloc(32, 6).toString('base64')}`,
};

/** The keys of the Secret that docs/deploy/kubernetes.md lists: the first column of its table. */
const guideSecretKeys = (): string[] =>
  readFileSync(repoPath('docs/deploy/kubernetes.md'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([a-z0-9-]+)`/g)].map(([, key]) => key));

/** Every directory under deploy/ that is a kustomization. */
function kustomizations(dir = repoPath('deploy')): string[] {
  const here = readdirSync(dir).includes('kustomization.yaml') ? [dir] : [];
  const below = readdirSync(dir)
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isDirectory());
  return [...here, ...below.flatMap((path) => kustomizations(path))];
}

const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};
const millicores = (quantity: string) => (quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/kubernetes (kustomize)', () => {
  const objects = kustomizeBuild(OVERLAY) as Manifest[];
  const find = (kind: string) => {
    const found = objects.filter((object) => object.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const deployment = find('Deployment');
  const podSpec = deployment.spec.template.spec;
  const podLabels: Record<string, string> = deployment.spec.template.metadata.labels;
  const container = podSpec.containers[0];
  const envOf = (name: string) => container.env.find((entry: { name: string }) => entry.name === name)?.value as string | undefined;

  it.each(kustomizations().map((dir) => [dir.slice(repoPath('').length)]))('%s builds from files that exist', (dir) => {
    expect(kustomizeBuild(repoPath(dir)).length).toBeGreaterThan(0);
  });

  it('holds the kinds the issue asks for, and no Secret (secrets are referenced, never inlined)', () => {
    const kinds = objects.map((object) => object.kind).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Deployment',
        'HorizontalPodAutoscaler',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'PrometheusRule',
        'Service',
        'ServiceMonitor',
      ]),
    );
    expect(kinds).not.toContain('Secret');
  });

  it('validates every object against the Kubernetes and Prometheus Operator JSON schemas', () => {
    const errors = objects.map((object) => [`${object.kind} ${object.metadata.name}`, schemaErrors(object)]);
    expect(errors.filter(([, error]) => error)).toEqual([]);
    expect(schemaErrors({ ...deployment, spec: { ...deployment.spec, revisionHistoryLimit: 'five' } })).toMatch(/revisionHistoryLimit/);
  });

  it('uses only fields the APIs know (a typo would be refused by kubectl apply)', () => {
    expect(unknownFieldErrors(objects)).toEqual([]);
    const typo = {
      ...deployment,
      spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { ...podSpec, terminationGracePeriod: 30 } } },
    };
    expect(unknownFieldErrors([typo]).join()).toMatch(/terminationGracePeriod/);
  });

  it('probes readiness on /readyz and liveness on /healthz, on the port the service listens on', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    const port = container.ports.find((entry: { name: string }) => entry.name === 'http');
    expect(String(port.containerPort)).toBe(envOf('PORT'));
    expect(envOf('HOST')).toBe('0.0.0.0');
  });

  it('terminates gracefully: preStop pause plus the drain fit in the grace period', () => {
    const drainSeconds = Number(envOf('SHUTDOWN_GRACE_MS')) / 1000;
    const pauseSeconds = container.lifecycle.preStop.sleep.seconds as number;
    expect(drainSeconds).toBeGreaterThan(0);
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(pauseSeconds + drainSeconds + 5);
  });

  it('runs non-root, without privilege escalation or capabilities, on a read-only root filesystem', () => {
    expect(podSpec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(podSpec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(podSpec.hostNetwork ?? false).toBe(false);
    expect(podSpec.automountServiceAccountToken).toBe(false);
    const writable = container.volumeMounts
      .filter((mount: { readOnly?: boolean }) => !mount.readOnly)
      .map((mount: { mountPath: string }) => mount.mountPath);
    expect(writable).toEqual(['/tmp']);
  });

  it('sizes resources from the benchmark and leaves the replica count to the autoscaler', () => {
    const { requests, limits } = container.resources;
    expect(mebibytes(requests.memory)).toBeGreaterThan(IDLE_RSS_MIB);
    expect(mebibytes(limits.memory)).toBeGreaterThanOrEqual(2 * HEAP_CAPPED_PEAK_MIB);
    expect(millicores(requests.cpu)).toBeGreaterThanOrEqual(100);
    expect(millicores(limits.cpu)).toBeGreaterThanOrEqual(1000);
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('spreads replicas over zones and nodes', () => {
    const constraints = podSpec.topologySpreadConstraints as {
      topologyKey: string;
      labelSelector: { matchLabels: Record<string, string> };
    }[];
    expect(constraints.map((constraint) => constraint.topologyKey).sort()).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    for (const constraint of constraints) expect(matches(constraint.labelSelector.matchLabels, podLabels)).toBe(true);
  });

  it('keeps at least one replica through disruptions and scales on CPU from two', () => {
    const pdb = find('PodDisruptionBudget');
    const hpa = find('HorizontalPodAutoscaler');
    expect(matches(pdb.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(pdb.spec.maxUnavailable).toBeLessThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics.map((metric: any) => metric.resource.name)).toEqual(['cpu']);
  });

  it('exposes the pods through a Service whose metrics port, the listener of METRICS_PORT, Prometheus scrapes', () => {
    const service = find('Service');
    const monitor = find('ServiceMonitor');
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    expect(service.spec.ports.map((port: any) => port.targetPort)).toEqual(['http', 'metrics']);
    const metricsPort = container.ports.find((entry: { name: string }) => entry.name === 'metrics');
    expect(String(metricsPort.containerPort)).toBe(envOf('METRICS_PORT'));
    expect(matches(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
    const scraped = service.spec.ports.find((port: any) => port.targetPort === 'metrics');
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: scraped.name, path: '/metrics' })]);
  });

  it('restricts traffic: ingress from the gateway and Prometheus, egress to DNS, Redis, HTTPS and the webhook receiver', () => {
    const policy = find('NetworkPolicy');
    expect(matches(policy.spec.podSelector.matchLabels, podLabels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const ingressFrom = policy.spec.ingress.map((rule: any) => rule.from[0].namespaceSelector.matchLabels);
    expect(ingressFrom).toEqual([{ 'upload-bff.io/access': 'gateway' }, { 'upload-bff.io/access': 'monitoring' }]);
    // The gateway reaches the API only; Prometheus the metrics listener only.
    expect(policy.spec.ingress.map((rule: any) => rule.ports)).toEqual([
      [{ port: 'http', protocol: 'TCP' }],
      [{ port: 'metrics', protocol: 'TCP' }],
    ]);
    const egressPorts = policy.spec.egress.flatMap((rule: any) => (rule.ports ?? []).map((port: any) => port.port));
    expect(egressPorts).toEqual(expect.arrayContaining([53, 6379, 26379, 443]));
    const https = policy.spec.egress.find((rule: any) => rule.ports?.[0]?.port === 443);
    expect(https.to[0].ipBlock.except).toEqual(expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']));
    const webhook = policy.spec.egress.find((rule: any) => rule.to?.[0]?.podSelector?.matchLabels?.['upload-bff.io/webhook-receiver']);
    expect(webhook).toBeDefined();
    // No rule opens everything: each names its destinations.
    for (const rule of policy.spec.egress) expect(rule.to?.length).toBeGreaterThan(0);
  });

  it('reaches the redis-ha chart of deploy/kubernetes/redis by the labels its pods carry', () => {
    const values = parse(readFileSync(repoPath('deploy/kubernetes/redis/redis-ha.values.yaml'), 'utf8')) as Record<string, any>;
    const redisRule = find('NetworkPolicy').spec.egress.find((rule: any) => rule.to?.[0]?.podSelector?.matchLabels?.app === 'redis-ha');
    expect(redisRule.to[0].podSelector.matchLabels.release).toBe(values.fullnameOverride);
    expect(values).toMatchObject({ auth: true, existingSecret: expect.any(String), sentinel: { auth: false } });
  });

  describe('the configuration the pods get', () => {
    let secretsDir: string;
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'upload-bff-config')!;
    const environment = () => ({
      ...Object.fromEntries(container.env.map((entry: { name: string; value: string }) => [entry.name, entry.value])),
      ...(configMap.data as Record<string, string>),
    });

    beforeAll(() => {
      secretsDir = mkdtempSync(join(tmpdir(), 'k8s-secrets-'));
      writeFileSync(join(secretsDir, 'redis-url'), 'rediss://upload-bff:secret-from-the-test@redis.internal:6379\n');
      writeFileSync(join(secretsDir, 'cache-encryption-key'), `${testKey(9)}\n`);
    });
    afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

    it('comes from the generated ConfigMap and the Secret upload-bff-secrets mounted as files', () => {
      expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
      const secretVolume = podSpec.volumes.find((volume: any) => volume.secret);
      expect(secretVolume.secret.secretName).toBe(SECRET_NAME);
      expect(container.volumeMounts).toContainEqual({ name: secretVolume.name, mountPath: SECRET_MOUNT, readOnly: true });
      expect(unknownVariables(environment())).toEqual([]);
      const secretFiles = Object.values(environment()).filter((value) => String(value).startsWith(SECRET_MOUNT));
      expect(secretFiles.length).toBeGreaterThan(0);
      const guide = readFileSync(repoPath('docs/deploy/kubernetes.md'), 'utf8');
      for (const file of secretFiles) expect(guide).toContain(String(file).slice(SECRET_MOUNT.length + 1));
    });

    it('loads in production once the operator names an auth key source, and fails loudly before', () => {
      const env = remapSecretFiles(environment(), SECRET_MOUNT, secretsDir);
      let error: unknown;
      try {
        loadServiceConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/AUTH_JWT_SECRET/);
      const jwks = { ...env, AUTH_JWKS_URL: 'https://id.internal.test/.well-known/jwks.json' };
      expect(() => loadServiceConfig(jwks)).toThrow(/AUTH_JWT_AUDIENCE[\s\S]*AUTH_JWT_ISSUER/);
      const config = loadServiceConfig({ ...jwks, AUTH_JWT_ISSUER: 'https://id.internal.test/', AUTH_JWT_AUDIENCE: 'upload-bff' });
      expect(config).toMatchObject({ isProduction: true, store: { kind: 'redis', mode: 'standalone' } });
      // /metrics on its own listener only, /docs off: neither on the port the gateway reaches.
      expect(config.metrics).toEqual({ enabled: true, listener: { port: 9464, host: '0.0.0.0' } });
      expect(config.docs.enabled).toBe(false);
    });

    it("loads in production with every setting of the overlay switched on, each secret a key the guide's table lists", () => {
      const overlay = readExampleSwitchedOn(join(OVERLAY, 'upload-bff.env'));
      const env = { ...environment(), ...overlay };
      expect(unknownVariables(env)).toEqual([]);
      const keys = secretFilesNamed(env, SECRET_MOUNT);
      expect(keys.filter((key) => !guideSecretKeys().includes(key))).toEqual([]);
      expect(keys.filter((key) => !(key in SECRET_SAMPLES))).toEqual([]);
      const local = mkdtempSync(join(tmpdir(), 'k8s-all-secrets-'));
      try {
        for (const key of keys) writeFileSync(join(local, key), `${SECRET_SAMPLES[key]}\n`);
        expect(loadServiceConfig(remapSecretFiles(env, SECRET_MOUNT, local))).toMatchObject({
          isProduction: true,
          providers: {
            aliyun: {
              credentials: { kind: 'defaultChain' },
              vod: {
                callbackUrl: overlay.ALIBABA_CLOUD_VOD_CALLBACK_URL,
                callbackAuthKeys: [SECRET_SAMPLES['alibaba-vod-callback-auth-key']],
              },
              ims: {
                callbackUrl: overlay.ALIBABA_CLOUD_IMS_CALLBACK_URL,
                callbackAuthKeys: [SECRET_SAMPLES['alibaba-ims-callback-auth-key']],
              },
            },
            tencent: { enabled: true, vod: { events: { mode: 'pull' } } },
          },
          webhooks: { url: overlay.WEBHOOK_URL, secrets: [SECRET_SAMPLES['webhook-secret'], SECRET_SAMPLES['webhook-previous-secrets']] },
        });
      } finally {
        rmSync(local, { recursive: true, force: true });
      }
    });
  });

  it('ships the Grafana dashboard as a ConfigMap for the Grafana sidecar', () => {
    const dashboards = objects.filter((object) => object.kind === 'ConfigMap' && object.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(1);
    const [json] = Object.values(dashboards[0].data as Record<string, string>);
    expect(JSON.parse(json).uid).toBe('upload-bff');
  });

  it('sets a tagged image and one namespace for everything', () => {
    expect(container.image).toMatch(/^[\w./-]+:(?!latest$)[\w.-]+$/);
    expect(new Set(objects.map((object) => object.metadata.namespace))).toEqual(new Set(['upload-bff']));
  });
});
