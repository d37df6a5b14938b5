import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { controllerRef, isPodReady } from './util.js';
import { deployment, eventsFor, mustCreate, mustUpdate, testCluster } from './test-support.js';
import type { Simulation } from '../simulation.js';
import { forbidden } from '../apiserver/status-errors.js';

function rsOf(sim: Simulation, name: string): KubeObject[] {
  const d = sim.store.get('deployments.apps', 'default', name)!;
  return sim.store.list('replicasets.apps', 'default').filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
}
function podsOf(sim: Simulation, name: string): KubeObject[] {
  return sim.store.list('pods', 'default').filter((p) => p.metadata.labels?.app === name);
}
const spec = (o: KubeObject) => o.spec as { replicas: number };
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, unknown> & { conditions?: { type: string; status: string; reason: string; message: string }[] };
const cond = (o: KubeObject, type: string) => status(o).conditions?.find((c) => c.type === type);
const setImage = (image: string) => (d: KubeObject) => {
  (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = image;
};

describe('deployment controller', () => {
  it('creates a ReplicaSet named by the pod-template-hash, scales it up and reports availability', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 3));
    const [rs] = rsOf(sim, 'web');
    expect(rs.metadata.name).toMatch(/^web-[4-9bcdf]{9,10}$/);
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect((rs.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    const pods = podsOf(sim, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(eventsFor(sim, 'default', 'web')).toEqual([`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
    expect(eventsFor(sim, 'default', rs.metadata.name!).filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3);
    let d = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(cond(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs.metadata.name}" is progressing.` });
    sim.advanceBy(5000);
    d = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(status(d)).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(status(d).unavailableReplicas).toBeUndefined();
    expect(cond(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(status(d).conditions!.map((c) => c.type)).toEqual(['Available', 'Progressing']);
    const rsNow = sim.store.get('replicasets.apps', 'default', rs.metadata.name!)!;
    expect(rsNow.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
  });

  it('the same template always hashes to the same ReplicaSet name', () => {
    const a = testCluster().sim;
    const b = testCluster({ seed: 7 }).sim;
    mustCreate(a, deployment('web', 1));
    mustCreate(b, deployment('web', 1));
    expect(rsOf(a, 'web')[0].metadata.name).toBe(rsOf(b, 'web')[0].metadata.name);
  });

  for (const [surge, unavailable, replicas] of [
    ['25%', '25%', 4],
    [1, 0, 3],
    [0, 1, 3],
    [2, 2, 5],
    ['50%', 0, 4],
    [0, '34%', 3],
  ] as const) {
    it(`rolls out within maxSurge=${surge} maxUnavailable=${unavailable} (${replicas} replicas)`, () => {
      const { sim } = testCluster({ readyAfterMs: 3000 });
      mustCreate(sim, deployment('web', replicas, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } }));
      sim.advanceBy(10_000);
      const pct = (v: number | string, up: boolean) => (typeof v === 'number' ? v : (up ? Math.ceil : Math.floor)((Number.parseInt(v, 10) * replicas) / 100));
      const maxS = pct(surge, true);
      let maxU = pct(unavailable, false);
      if (maxS === 0 && maxU === 0) maxU = 1;
      const violations: string[] = [];
      sim.store.watch(() => {
        const total = rsOf(sim, 'web').reduce((s, rs) => s + spec(rs).replicas, 0);
        if (total > replicas + maxS) violations.push(`t=${sim.now()} total replicas ${total}`);
        const ready = podsOf(sim, 'web').filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
        if (ready < replicas - maxU) violations.push(`t=${sim.now()} ready ${ready}`);
      });
      mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:1.28'));
      for (let i = 0; i < 120; i++) sim.advanceBy(1000);
      expect(violations).toEqual([]);
      const rss = rsOf(sim, 'web');
      expect(rss).toHaveLength(2);
      const [oldRS, newRS] = [...rss].sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
      expect(oldRS.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
      expect(newRS.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
      expect(spec(oldRS).replicas).toBe(0);
      expect(spec(newRS).replicas).toBe(replicas);
      const d = sim.store.get('deployments.apps', 'default', 'web')!;
      expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
      expect(status(d)).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas, observedGeneration: 2 });
      expect(cond(d, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
      const live = podsOf(sim, 'web');
      expect(live).toHaveLength(replicas);
      for (const p of live) expect(p.metadata.labels!['pod-template-hash']).toBe(newRS.metadata.labels!['pod-template-hash']);
      const scaling = eventsFor(sim, 'default', 'web').filter((e) => e.startsWith('ScalingReplicaSet'));
      expect(scaling.some((e) => new RegExp(`^ScalingReplicaSet: Scaled down replica set ${oldRS.metadata.name} from \\d+ to 0$`).test(e))).toBe(true);
      expect(scaling.some((e) => new RegExp(`^ScalingReplicaSet: Scaled up replica set ${newRS.metadata.name} from \\d+ to ${replicas}$`).test(e))).toBe(true);
    });
  }

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 2, { strategy: { type: 'Recreate' } }));
    sim.advanceBy(5000);
    mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:1.28'));
    expect(rsOf(sim, 'web')).toHaveLength(1);
    expect(spec(rsOf(sim, 'web')[0]).replicas).toBe(0);
    // old pods terminate within their 30 s grace period
    sim.advanceBy(29_000);
    expect(rsOf(sim, 'web')).toHaveLength(1);
    sim.advanceBy(2000);
    const rss = rsOf(sim, 'web');
    expect(rss).toHaveLength(2);
    const ev = eventsFor(sim, 'default', 'web');
    expect(ev[ev.length - 2]).toMatch(/^ScalingReplicaSet: Scaled down replica set web-\w+ from 2 to 0$/);
    expect(ev[ev.length - 1]).toMatch(/^ScalingReplicaSet: Scaled up replica set web-\w+ from 0 to 2$/);
  });

  it('keeps revisionHistoryLimit old ReplicaSets and copies change-cause', () => {
    const { sim } = testCluster({ readyAfterMs: 1000 });
    mustCreate(sim, deployment('web', 1, { revisionHistoryLimit: 1 }));
    for (const v of ['1.25', '1.26', '1.27.1']) {
      mustUpdate(sim, 'deployments.apps', 'default', 'web', (d) => {
        setImage(`nginx:${v}`)(d);
        d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl set image deployment/web app=nginx:${v}` };
      });
      sim.advanceBy(60_000);
    }
    const rss = rsOf(sim, 'web');
    expect(rss.map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
    const newest = rss.find((r) => r.metadata.annotations!['deployment.kubernetes.io/revision'] === '4')!;
    expect(newest.metadata.annotations!['kubernetes.io/change-cause']).toBe('kubectl set image deployment/web app=nginx:1.27.1');
  });

  it('rolling back to an old template reuses its ReplicaSet with a new revision', () => {
    const { sim } = testCluster({ readyAfterMs: 1000 });
    mustCreate(sim, deployment('web', 2));
    sim.advanceBy(10_000);
    const first = rsOf(sim, 'web')[0].metadata.name;
    mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:1.28'));
    sim.advanceBy(60_000);
    mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:1.27'));
    sim.advanceBy(60_000);
    const rs = sim.store.get('replicasets.apps', 'default', first!)!;
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(spec(rs).replicas).toBe(2);
  });

  it('reports ProgressDeadlineExceeded when the new pods never become ready', () => {
    const run = (step: number) => {
      const { sim } = testCluster({ ready: (p) => (p.spec as { containers: { image: string }[] }).containers[0].image !== 'nginx:broken' });
      mustCreate(sim, deployment('web', 3, { progressDeadlineSeconds: 60 }));
      sim.advanceBy(10_000);
      mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:broken'));
      for (let t = 0; t < 120_000; t += step) sim.advanceBy(step);
      return sim;
    };
    const sim = run(120_000);
    const d = sim.store.get('deployments.apps', 'default', 'web')!;
    const newRS = rsOf(sim, 'web').find((r) => r.metadata.annotations!['deployment.kubernetes.io/revision'] === '2')!;
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` });
    expect(cond(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    // 3 replicas: maxSurge 25% → 1, maxUnavailable 25% → 0, so one new pod and no old one removed.
    expect(status(d)).toMatchObject({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 });
    expect(eventsFor(sim, 'default', 'web').at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${newRS.metadata.name} from 0 to 1`);
    // A big jump gives the same cluster as many small steps.
    const small = run(1000);
    const dump = (s: Simulation) => JSON.stringify(['deployments.apps', 'replicasets.apps', 'pods'].map((r) => s.store.list(r, 'default')));
    expect(dump(small)).toBe(dump(sim));
  });

  it('a paused deployment does not roll out until resumed', () => {
    const { sim } = testCluster({ readyAfterMs: 1000 });
    mustCreate(sim, deployment('web', 2));
    sim.advanceBy(10_000);
    mustUpdate(sim, 'deployments.apps', 'default', 'web', (d) => ((d.spec as { paused: boolean }).paused = true));
    mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:1.28'));
    sim.advanceBy(30_000);
    expect(rsOf(sim, 'web')).toHaveLength(1);
    let d = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    mustUpdate(sim, 'deployments.apps', 'default', 'web', (x) => ((x.spec as { paused: boolean }).paused = false));
    d = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(rsOf(sim, 'web')).toHaveLength(2);
    sim.advanceBy(60_000);
    d = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(cond(d, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('scales proportionally during a rollout', () => {
    const { sim } = testCluster({ ready: (p) => (p.spec as { containers: { image: string }[] }).containers[0].image !== 'nginx:broken' });
    mustCreate(sim, deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    sim.advanceBy(10_000);
    mustUpdate(sim, 'deployments.apps', 'default', 'web', setImage('nginx:broken'));
    sim.advanceBy(10_000);
    const sizes = () => rsOf(sim, 'web').map((r) => [r.metadata.annotations!['deployment.kubernetes.io/revision'], spec(r).replicas]).sort();
    expect(sizes()).toEqual([['1', 8], ['2', 5]]);
    mustUpdate(sim, 'deployments.apps', 'default', 'web', (d) => ((d.spec as { replicas: number }).replicas = 20));
    // 13 → 23 allowed: +10 split 8:5 by size (8*23/13≈14, then the rest to the new RS)
    expect(sizes()).toEqual([['1', 14], ['2', 9]]);
  });

  it('mirrors a ReplicaSet creation failure as ReplicaFailure', () => {
    const { sim } = testCluster();
    let refuse = true;
    sim.api.admission.push({
      name: 'TestQuota',
      phase: 'validating',
      admit: (req) =>
        refuse && req.operation === 'CREATE' && req.def.kind === 'Pod'
          ? forbidden({ resource: 'pods', group: '' }, req.object.metadata.generateName ?? req.object.metadata.name ?? '', 'exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0')
          : undefined,
    });
    mustCreate(sim, deployment('web', 2));
    const rs = rsOf(sim, 'web')[0];
    const msg = `pods "${rs.metadata.name}-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0`;
    expect(cond(sim.store.get('replicasets.apps', 'default', rs.metadata.name!)!, 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: msg });
    const dep = sim.store.get('deployments.apps', 'default', 'web')!;
    expect(cond(dep, 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: msg });
    // The ReplicaSet retries with exponential back-off; every failure is an event.
    sim.advanceBy(60_000);
    const failed = eventsFor(sim, 'default', rs.metadata.name!).filter((e) => e.startsWith('FailedCreate'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(new RegExp(`^FailedCreate: Error creating: ${msg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(x\\d+\\)$`));
    refuse = false;
    // The fix is noticed at the next back-off retry, or at once when a quota changes.
    mustCreate(sim, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '10' } } });
    expect(podsOf(sim, 'web')).toHaveLength(2);
    sim.advanceBy(1000);
    expect(podsOf(sim, 'web')).toHaveLength(2);
    expect(cond(sim.store.get('deployments.apps', 'default', 'web')!, 'ReplicaFailure')).toBeUndefined();
  });

  it('deleting a Deployment garbage-collects its ReplicaSets and pods', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 2));
    sim.advanceBy(5000);
    sim.api.delete({ kind: 'Deployment', group: 'apps', resource: 'deployments', namespaced: true } as never, 'default', 'web');
    sim.settle();
    expect(sim.store.list('replicasets.apps', 'default')).toHaveLength(0);
    expect(podsOf(sim, 'web').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    sim.advanceBy(31_000);
    expect(podsOf(sim, 'web')).toHaveLength(0);
  });
});
