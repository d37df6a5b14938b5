import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { eventsFor, mustCreate, testCluster } from './test-support.js';

const pvc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
});
const podWith = (claim: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db', namespace: 'default' },
  spec: { containers: [{ name: 'db', image: 'postgres:16' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] },
});
const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;
const nodeOf = (p: KubeObject | undefined) => (p?.spec as { nodeName?: string } | undefined)?.nodeName;

describe('persistent volumes', () => {
  it('keeps a claim without a class Pending until a matching volume appears; its pod waits', () => {
    const { sim } = testCluster();
    mustCreate(sim, pvc('data'));
    mustCreate(sim, podWith('data'));
    expect(phase(sim.store.get('persistentvolumeclaims', 'default', 'data'))).toBe('Pending');
    expect(eventsFor(sim, 'default', 'data')).toEqual(['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
    expect(eventsFor(sim, 'default', 'db')).toEqual([
      'FailedScheduling: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
    sim.advanceBy(60_000);
    expect(eventsFor(sim, 'default', 'data')).toEqual(['FailedBinding: no persistent volumes available for this claim and no storage class is set (x5)']);
    mustCreate(sim, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-small' },
      spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '500Mi' }, hostPath: { path: '/data/small' } },
    });
    expect(phase(sim.store.get('persistentvolumes', '', 'pv-small'))).toBe('Available');
    mustCreate(sim, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-big' },
      spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '5Gi' }, hostPath: { path: '/data/big' }, persistentVolumeReclaimPolicy: 'Retain' },
    });
    sim.advanceBy(2000);
    const claim = sim.store.get('persistentvolumeclaims', 'default', 'data')!;
    expect(phase(claim)).toBe('Bound');
    expect((claim.spec as { volumeName: string }).volumeName).toBe('pv-big');
    expect(claim.status).toEqual({ accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '5Gi' }, phase: 'Bound' });
    expect(phase(sim.store.get('persistentvolumes', '', 'pv-big'))).toBe('Bound');
    expect(nodeOf(sim.store.get('pods', 'default', 'db'))).toBeDefined();
  });

  it('reports a missing StorageClass', () => {
    const { sim } = testCluster();
    mustCreate(sim, pvc('data', { storageClassName: 'ultra-fast-nvme' }));
    expect(eventsFor(sim, 'default', 'data')).toEqual(['ProvisioningFailed: storageclass.storage.k8s.io "ultra-fast-nvme" not found']);
  });

  it('waits for the first consumer, then provisions on the chosen node', () => {
    const { sim } = testCluster();
    mustCreate(sim, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path' },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    mustCreate(sim, pvc('data', { storageClassName: 'local-path' }));
    expect(eventsFor(sim, 'default', 'data')).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    mustCreate(sim, podWith('data'));
    const node = nodeOf(sim.store.get('pods', 'default', 'db'))!;
    expect(node).toMatch(/^node0[12]$/);
    const claim = sim.store.get('persistentvolumeclaims', 'default', 'data')!;
    expect(phase(claim)).toBe('Bound');
    expect(claim.metadata.annotations!['volume.kubernetes.io/selected-node']).toBe(node);
    const pv = sim.store.get('persistentvolumes', '', `pvc-${claim.metadata.uid}`)!;
    expect((pv.spec as { storageClassName: string }).storageClassName).toBe('local-path');
    const ev = eventsFor(sim, 'default', 'data');
    expect(ev.slice(1)).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume pvc-${claim.metadata.uid}`,
    ]);
  });

  it('creates the claim of a generic ephemeral volume for its pod', () => {
    const { sim } = testCluster();
    mustCreate(sim, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
    mustCreate(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: {
        containers: [{ name: 'c', image: 'busybox:1.36' }],
        volumes: [{ name: 'tmp', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } } } }],
      },
    });
    sim.advanceBy(1000);
    const claim = sim.store.get('persistentvolumeclaims', 'default', 'scratch-tmp')!;
    expect(claim.metadata.ownerReferences![0]).toMatchObject({ kind: 'Pod', name: 'scratch' });
    expect(phase(claim)).toBe('Bound');
    expect(nodeOf(sim.store.get('pods', 'default', 'scratch'))).toBeDefined();
  });
});
