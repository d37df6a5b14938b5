import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { eventsFor, mustCreate, testCluster } from './test-support.js';

const pvc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
});
const sc = (name: string, isDefault: boolean): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
  },
  provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer',
});
const className = (o: KubeObject | undefined) =>
  (o?.spec as { storageClassName?: string } | undefined)?.storageClassName;

describe('retroactive default StorageClass assignment', () => {
  it('a claim with no storageClassName gets the class marked default later; "" and a named class are left alone', () => {
    const { sim } = testCluster();
    mustCreate(sim, pvc('data'));
    mustCreate(sim, pvc('none', { storageClassName: '' }));
    mustCreate(sim, sc('slow', false));
    sim.settle();
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'data'))).toBeUndefined();
    mustCreate(sim, sc('standard', true));
    sim.settle();
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'data'))).toBe('standard');
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'none'))).toBe('');
    expect(eventsFor(sim, 'default', 'data').at(-1)).toBe(
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    );
  });

  it('a class already set on the claim cannot be changed; one never set can be set once', () => {
    const { sim } = testCluster();
    mustCreate(sim, pvc('named', { storageClassName: 'slow' }));
    mustCreate(sim, pvc('unset'));
    const named = sim.store.get('persistentvolumeclaims', 'default', 'named')!;
    const r1 = sim.api.update({ ...named, spec: { ...(named.spec as object), storageClassName: 'fast' } });
    expect(r1.ok).toBe(false);
    const unset = sim.store.get('persistentvolumeclaims', 'default', 'unset')!;
    const r2 = sim.api.update({ ...unset, spec: { ...(unset.spec as object), storageClassName: 'fast' } });
    expect(r2.ok).toBe(true);
  });

  it('DefaultStorageClass admission fills in the default class at creation; "" and the beta annotation opt out', () => {
    const { sim } = testCluster();
    mustCreate(sim, sc('old-default', true));
    sim.advanceBy(1000);
    mustCreate(sim, sc('standard', true));
    mustCreate(sim, pvc('data'));
    mustCreate(sim, pvc('none', { storageClassName: '' }));
    mustCreate(sim, { ...pvc('beta'), metadata: { name: 'beta', namespace: 'default', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } } });
    // The newest default wins.
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'data'))).toBe('standard');
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'none'))).toBe('');
    expect(className(sim.store.get('persistentvolumeclaims', 'default', 'beta'))).toBeUndefined();
  });
});
