import { describe, expect, it } from 'vitest';
import type { Simulation } from '../simulation.js';
import { createPod, cstatus, kubeletSim, pod, podEvents, sec } from './test-helpers.js';
import { registryKeyMatches } from './pull-secrets.js';

function sim(): Simulation {
  return kubeletSim({ images: { 'registry.example.com/team/app:1.0': { private: true } } });
}

function dockerConfig(registry: string): string {
  return JSON.stringify({ auths: { [registry]: { username: 'u', password: 'p', auth: 'dTpw' } } });
}

function secret(s: Simulation, name: string, type: string, registry = 'registry.example.com'): void {
  const r = s.api.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'default' },
    type,
    stringData: { '.dockerconfigjson': dockerConfig(registry) },
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
}

function serviceAccount(s: Simulation, name: string, pullSecret: string): void {
  const r = s.api.create({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: 'default' },
    imagePullSecrets: [{ name: pullSecret }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
}

const IMAGE = 'registry.example.com/team/app:1.0';
const denied = (s: Simulation, name: string) =>
  podEvents(s, name).some((e) => e.includes('pull access denied, repository does not exist or may require authorization'));

describe('image pull credentials', () => {
  it('a dockerconfigjson secret for the image registry lets the pull through', () => {
    const s = sim();
    secret(s, 'regcred', 'kubernetes.io/dockerconfigjson');
    createPod(s, 'p', { containers: [{ name: 'c', image: IMAGE }], imagePullSecrets: [{ name: 'regcred' }] });
    sec(s, 20);
    expect(cstatus(s, 'p').state.running).toBeDefined();
  });

  it('an Opaque secret, or one for another registry, still gives pull access denied', () => {
    const s = sim();
    secret(s, 'opaque', 'Opaque');
    secret(s, 'other', 'kubernetes.io/dockerconfigjson', 'https://index.docker.io/v1/');
    createPod(s, 'a', { containers: [{ name: 'c', image: IMAGE }], imagePullSecrets: [{ name: 'opaque' }] });
    createPod(s, 'b', { containers: [{ name: 'c', image: IMAGE }], imagePullSecrets: [{ name: 'other' }] });
    sec(s, 20);
    expect(denied(s, 'a')).toBe(true);
    expect(denied(s, 'b')).toBe(true);
  });

  it("the ServiceAccount's secrets are copied only into pods that list none", () => {
    const s = sim();
    secret(s, 'good', 'kubernetes.io/dockerconfigjson');
    secret(s, 'opaque', 'Opaque');
    serviceAccount(s, 'builder', 'good');
    createPod(s, 'own', {
      serviceAccountName: 'builder',
      containers: [{ name: 'c', image: IMAGE }],
      imagePullSecrets: [{ name: 'opaque' }],
    });
    createPod(s, 'inherit', { serviceAccountName: 'builder', containers: [{ name: 'c', image: IMAGE }] });
    sec(s, 20);
    expect((pod(s, 'own')!.spec as { imagePullSecrets: unknown }).imagePullSecrets).toEqual([{ name: 'opaque' }]);
    expect((pod(s, 'inherit')!.spec as { imagePullSecrets: unknown }).imagePullSecrets).toEqual([{ name: 'good' }]);
    expect(denied(s, 'own')).toBe(true);
    expect(cstatus(s, 'inherit').state.running).toBeDefined();
  });

  it('matches docker-config keys as the kubelet keyring does', () => {
    expect(registryKeyMatches('https://index.docker.io/v1/', 'docker.io', 'library/nginx')).toBe(true);
    expect(registryKeyMatches('registry.example.com', 'registry.example.com', 'team/app')).toBe(true);
    expect(registryKeyMatches('https://registry.example.com/team', 'registry.example.com', 'team/app')).toBe(true);
    expect(registryKeyMatches('registry.example.com/other', 'registry.example.com', 'team/app')).toBe(false);
    expect(registryKeyMatches('*.example.com', 'registry.example.com', 'team/app')).toBe(true);
    expect(registryKeyMatches('ghcr.io', 'registry.example.com', 'team/app')).toBe(false);
  });

  it('a pull secret missing from the namespace is warned about, and the pull goes out without it', () => {
    const s = sim();
    createPod(s, 'p', { containers: [{ name: 'c', image: IMAGE }], imagePullSecrets: [{ name: 'regcred' }] });
    sec(s, 5);
    const ev = podEvents(s, 'p');
    expect(ev[0]).toMatch(
      /^FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets \(regcred\); attempting to pull the image may not succeed\.( \(x\d+\))?$/,
    );
    expect(denied(s, 'p')).toBe(true);
  });

  it('an entry with an empty name is skipped, not reported (getPullSecretsForPod)', () => {
    const s = sim();
    // v1.32's validation only warns about an empty name (pkg/api/pod/warnings.go); put the entries in directly.
    for (const [name, secrets] of [['p', [{ name: '' }, { name: 'regcred' }]], ['q', [{ name: '' }]]] as const) {
      const p = s.store.get('pods', 'default', createPod(s, name, { containers: [{ name: 'c', image: IMAGE }] }).metadata.name!)!;
      s.store.replace('pods', { ...p, spec: { ...(p.spec as object), imagePullSecrets: secrets } });
    }
    sec(s, 5);
    expect(podEvents(s, 'p')[0]).toMatch(/^FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets \(regcred\);/);
    expect(podEvents(s, 'q').some((e) => e.startsWith('FailedToRetrieveImagePullSecret'))).toBe(false);
  });
});
