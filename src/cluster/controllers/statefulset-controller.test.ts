import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { eventsFor, mustCreate, mustUpdate, testCluster } from './test-support.js';

const sts = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'web',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    ...extra,
  },
});
const names = (sim: ReturnType<typeof testCluster>['sim']) =>
  sim.store
    .list('pods', 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

describe('statefulset controller', () => {
  it('creates pods one at a time in ordinal order with their claims', () => {
    const { sim } = testCluster({ readyAfterMs: 5000 });
    mustCreate(sim, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path' },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    mustCreate(
      sim,
      sts(3, { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } }] }),
    );
    expect(names(sim)).toEqual(['web-0']);
    sim.advanceBy(5000);
    expect(names(sim)).toEqual(['web-0', 'web-1']);
    sim.advanceBy(5000);
    expect(names(sim)).toEqual(['web-0', 'web-1', 'web-2']);
    sim.advanceBy(5000);
    const p0 = sim.store.get('pods', 'default', 'web-0')!;
    expect(p0.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web' });
    expect(p0.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect((sim.store.get('persistentvolumeclaims', 'default', 'www-web-0')!.status as { phase: string }).phase).toBe('Bound');
    expect(eventsFor(sim, 'default', 'web').slice(0, 2)).toEqual(['SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful']);
    const st = sim.store.get('statefulsets.apps', 'default', 'web')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(st.currentRevision).toBe(st.updateRevision);
  });

  it('scales down from the highest ordinal and rolls updates in reverse order', () => {
    const { sim } = testCluster({ readyAfterMs: 2000 });
    mustCreate(sim, sts(3));
    sim.advanceBy(10_000);
    mustUpdate(sim, 'statefulsets.apps', 'default', 'web', (x) => {
      (x.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'nginx:1.28';
    });
    expect(sim.store.get('pods', 'default', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    sim.advanceBy(120_000);
    const st = sim.store.get('statefulsets.apps', 'default', 'web')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ updatedReplicas: 3, readyReplicas: 3 });
    const deletes = eventsFor(sim, 'default', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual(['web-2', 'web-1', 'web-0'].map((n) => `SuccessfulDelete: delete Pod ${n} in StatefulSet web successful`));
    mustUpdate(sim, 'statefulsets.apps', 'default', 'web', (x) => ((x.spec as { replicas: number }).replicas = 1));
    expect(sim.store.get('pods', 'default', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(sim.store.get('pods', 'default', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    sim.advanceBy(120_000);
    expect(names(sim)).toEqual(['web-0']);
  });
});
