/**
 * deploy/k8s: every manifest is valid against the Kubernetes schema (kubernetes-models), and the
 * objects fit together and with the image (port, /health, non-root, read-only root filesystem).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const dir = path.resolve(import.meta.dirname, '..', '..', '..', 'deploy', 'k8s');
const PORT = 8080; // nginx.conf's listen, the Dockerfile's EXPOSE

const MODELS = {
  Deployment,
  Service,
  HorizontalPodAutoscaler,
  Ingress,
  NetworkPolicy,
  PodDisruptionBudget,
} as const;
type Kind = keyof typeof MODELS;

interface Doc {
  file: string;
  kind: string;
  apiVersion: string;
  body: Record<string, unknown>;
}

function load(): Doc[] {
  const docs: Doc[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      const body = doc.toJS() as Record<string, unknown>;
      docs.push({ file, kind: String(body.kind), apiVersion: String(body.apiVersion), body });
    }
  }
  return docs;
}

const docs = load();
function only<K extends Kind>(kind: K): InstanceType<(typeof MODELS)[K]> {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return new MODELS[kind](found[0]?.body as never) as InstanceType<(typeof MODELS)[K]>;
}

describe('deploy/k8s', () => {
  it('every object is valid against its schema', () => {
    const objects = docs.filter((d) => d.kind !== 'Kustomization');
    expect(objects.map((d) => d.kind).sort()).toEqual(
      [
        'Deployment',
        'HorizontalPodAutoscaler',
        'Ingress',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
      ].sort(),
    );
    for (const doc of objects) {
      const model = new MODELS[doc.kind as Kind](doc.body as never);
      expect(() => model.validate(), `${doc.file}: ${doc.kind}`).not.toThrow();
    }
  });

  it('the schema check does catch a broken object', () => {
    const broken = new Deployment({ metadata: { name: 'x' }, spec: { replicas: 'two' } } as never);
    expect(() => broken.validate()).toThrow();
  });

  it('the kustomization lists every manifest', () => {
    const kustomization = docs.find((d) => d.kind === 'Kustomization');
    const listed = (kustomization?.body.resources as string[] | undefined) ?? [];
    const files = docs.filter((d) => d.kind !== 'Kustomization').map((d) => d.file);
    expect([...listed].sort()).toEqual([...new Set(files)].sort());
  });

  it('the Deployment: 2 replicas, probes on /health, resources, non-root, read-only', () => {
    const deployment = only('Deployment');
    const spec = deployment.spec;
    expect(spec?.replicas).toBe(2);
    const pod = spec?.template.spec;
    expect(spec?.selector.matchLabels).toEqual(spec?.template.metadata?.labels);
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.securityContext?.runAsUser).toBe(101); // the nginx-unprivileged user

    const containers = pod?.containers ?? [];
    expect(containers).toHaveLength(1);
    const [web] = containers;
    expect(web?.image).not.toMatch(/:latest$/);
    expect(web?.ports?.map((p) => p.containerPort)).toEqual([PORT]);
    for (const probe of [web?.readinessProbe, web?.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe('/health');
      expect([PORT, 'http']).toContain(probe?.httpGet?.port);
    }
    expect(web?.resources?.requests?.cpu).toBeDefined();
    expect(web?.resources?.requests?.memory).toBeDefined();
    expect(web?.resources?.limits?.cpu).toBeDefined();
    expect(web?.resources?.limits?.memory).toBeDefined();
    expect(web?.securityContext?.runAsNonRoot).toBe(true);
    expect(web?.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(web?.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(web?.securityContext?.capabilities?.drop).toEqual(['ALL']);

    // nginx.conf writes its pid file and temp files under /tmp: it must be writable.
    const tmp = web?.volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(tmp, '/tmp mounted').toBeDefined();
    expect(pod?.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('the Service reaches the Deployment pods on their http port', () => {
    const deployment = only('Deployment');
    const service = only('Service');
    const labels = deployment.spec?.template.metadata?.labels ?? {};
    for (const [key, value] of Object.entries(service.spec?.selector ?? {})) {
      expect(labels[key], key).toBe(value);
    }
    const names = deployment.spec?.template.spec?.containers[0]?.ports?.map((p) => p.name);
    for (const port of service.spec?.ports ?? []) {
      expect([PORT, ...(names ?? [])]).toContain(port.targetPort);
    }
  });

  it('the HorizontalPodAutoscaler: 2 to 10 replicas at 70% CPU, on the Deployment', () => {
    const hpa = only('HorizontalPodAutoscaler');
    const deployment = only('Deployment');
    expect(hpa.spec?.scaleTargetRef).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata?.name,
    });
    expect(hpa.spec?.minReplicas).toBe(2);
    expect(hpa.spec?.maxReplicas).toBe(10);
    expect(hpa.spec?.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
  });

  it('the Ingress sends / to the Service, over TLS', () => {
    const ingress = only('Ingress');
    const service = only('Service');
    const backend = ingress.spec?.rules?.[0]?.http?.paths[0]?.backend.service;
    expect(backend?.name).toBe(service.metadata?.name);
    expect(service.spec?.ports?.map((p) => p.name)).toContain(backend?.port?.name);
    expect(ingress.spec?.tls?.length).toBeGreaterThan(0);
  });

  it('the NetworkPolicy lets in only the http port and lets nothing out', () => {
    const policy = only('NetworkPolicy');
    const labels = only('Deployment').spec?.template.metadata?.labels ?? {};
    expect(policy.spec?.podSelector.matchLabels).toEqual(labels);
    expect([...(policy.spec?.policyTypes ?? [])].sort()).toEqual(['Egress', 'Ingress']);
    expect(policy.spec?.ingress).toEqual([{ ports: [{ port: PORT, protocol: 'TCP' }] }]);
    expect(policy.spec?.egress).toEqual([]);
  });

  it('the PodDisruptionBudget keeps one of the Deployment pods up', () => {
    const pdb = only('PodDisruptionBudget');
    const deployment = only('Deployment');
    expect(pdb.spec?.selector?.matchLabels).toEqual(deployment.spec?.selector.matchLabels);
    expect(pdb.spec?.minAvailable).toBe(1);
    expect(pdb.spec?.minAvailable).toBeLessThan(deployment.spec?.replicas ?? 0);
  });
});
