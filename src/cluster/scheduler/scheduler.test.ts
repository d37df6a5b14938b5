import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { deployment, eventsFor, mustCreate, mustUpdate, testCluster } from '../controllers/test-support.js';
import { explainScheduling, lastSchedulingAttempt } from './scheduler.js';
import { podRequests } from './resources.js';

const TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function pod(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...((spec.container as object) ?? {}) }], ...Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'container')) },
  };
}
const mem = (m: string) => ({ container: { resources: { requests: { memory: m } } } });
const nodeOf = (p: KubeObject | undefined) => (p?.spec as { nodeName?: string } | undefined)?.nodeName;

describe('scheduler', () => {
  it('binds a pod to a worker with a Scheduled event and condition', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('web'));
    const p = sim.store.get('pods', 'default', 'web')!;
    expect(['node01', 'node02']).toContain(nodeOf(p));
    expect(eventsFor(sim, 'default', 'web')).toEqual([`Scheduled: Successfully assigned default/web to ${nodeOf(p)}`]);
    const c = (p.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'PodScheduled');
    expect(c).toMatchObject({ type: 'PodScheduled', status: 'True' });
    const attempt = lastSchedulingAttempt(sim, 'default', 'web')!;
    expect(attempt.node).toBe(nodeOf(p));
    expect(attempt.nodes.controlplane).toEqual({ plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], unresolvable: true });
    expect(attempt.nodes.node01).toBeNull();
  });

  it('explains a pod that requests more memory than any node has', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('big', mem('5Gi')));
    // v1.32: a request above allocatable is still "Unschedulable", so preemption reports no victims.
    const msg = `0/3 nodes are available: ${TAINT}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    expect(eventsFor(sim, 'default', 'big')).toEqual([`FailedScheduling: ${msg}`]);
    expect(explainScheduling(sim, 'default', 'big')).toEqual([
      { node: 'controlplane', fits: false, plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      { node: 'node01', fits: false, plugin: 'NodeResourcesFit', reasons: ['Insufficient memory'], detail: 'memory: requests 5120Mi, 3996Mi free of 3996Mi allocatable' },
      { node: 'node02', fits: false, plugin: 'NodeResourcesFit', reasons: ['Insufficient memory'], detail: 'memory: requests 5120Mi, 3996Mi free of 3996Mi allocatable' },
    ]);
    const c = (sim.store.get('pods', 'default', 'big')!.status as { conditions: unknown[]; phase: string });
    expect(c.phase).toBe('Pending');
    expect(c.conditions).toEqual([{ lastProbeTime: null, lastTransitionTime: '2026-01-15T09:00:00Z', message: msg, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }].map((x) => expect.objectContaining(x)));
  });

  it('counts resource shortfalls that preemption could address separately', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('fill', 2, {}, 'nginx:1.27'));
    mustUpdate(sim, 'deployments.apps', 'default', 'fill', (d) => {
      (d.spec as { template: { spec: { containers: { resources: unknown }[] } } }).template.spec.containers[0].resources = { requests: { memory: '2Gi' } };
    });
    sim.advanceBy(60_000);
    const filled = sim.store.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(filled.map(nodeOf).sort()).toEqual(['node01', 'node02']);
    mustCreate(sim, pod('third', mem('2Gi')));
    expect(eventsFor(sim, 'default', 'third')).toEqual([
      `FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    ]);
  });

  it('explains a nodeSelector no node matches, and schedules once a node is labelled', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('ssd', { nodeSelector: { disk: 'ssd' } }));
    expect(eventsFor(sim, 'default', 'ssd')).toEqual([
      `FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    ]);
    mustUpdate(sim, 'nodes', '', 'node02', (n) => (n.metadata.labels!.disk = 'ssd'));
    sim.advanceBy(1000);
    expect(nodeOf(sim.store.get('pods', 'default', 'ssd'))).toBe('node02');
  });

  it('explains cordoned nodes and schedules after uncordon', () => {
    const { sim } = testCluster();
    for (const n of ['node01', 'node02']) mustUpdate(sim, 'nodes', '', n, (x) => ((x.spec as { unschedulable?: boolean }).unschedulable = true));
    const node = sim.store.get('nodes', '', 'node01')!;
    expect((node.spec as { taints: unknown[] }).taints).toEqual([expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })]);
    mustCreate(sim, pod('web'));
    expect(eventsFor(sim, 'default', 'web')).toEqual([
      `FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    ]);
    mustUpdate(sim, 'nodes', '', 'node01', (x) => delete (x.spec as { unschedulable?: boolean }).unschedulable);
    sim.advanceBy(1000);
    expect(nodeOf(sim.store.get('pods', 'default', 'web'))).toBe('node01');
    expect((sim.store.get('nodes', '', 'node01')!.spec as { taints?: unknown[] }).taints).toBeUndefined();
  });

  it('retries an unschedulable pod every 5 minutes, aggregating the event', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('big', mem('5Gi')));
    sim.advanceBy(15 * 60_000);
    const ev = sim.store.list('events', 'default').filter((e) => e.reason === 'FailedScheduling');
    expect(ev).toHaveLength(1);
    expect(ev[0].count).toBe(4);
    expect(ev[0].firstTimestamp).toBe('2026-01-15T09:00:00Z');
    expect(ev[0].lastTimestamp).toBe('2026-01-15T09:15:00Z');
  });

  it('reschedules a pending pod when resources are freed', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('a', mem('3Gi')));
    mustCreate(sim, pod('b', mem('3Gi')));
    mustCreate(sim, pod('c', mem('3Gi')));
    expect(nodeOf(sim.store.get('pods', 'default', 'c'))).toBeUndefined();
    sim.advanceBy(5000);
    sim.api.delete({ kind: 'Pod', group: '', resource: 'pods', namespaced: true } as never, 'default', 'a', { gracePeriodSeconds: 0 });
    sim.advanceBy(2000);
    expect(nodeOf(sim.store.get('pods', 'default', 'c'))).toBeDefined();
  });

  it('honours tolerations for the control-plane taint', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('cp', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(nodeOf(sim.store.get('pods', 'default', 'cp'))).toBe('controlplane');
  });

  it('enforces required pod anti-affinity per hostname', () => {
    const { sim } = testCluster();
    const anti = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] },
    };
    for (const n of ['db-0', 'db-1', 'db-2']) mustCreate(sim, pod(n, { affinity: anti }, { app: 'db' }));
    const nodes = ['db-0', 'db-1', 'db-2'].map((n) => nodeOf(sim.store.get('pods', 'default', n)));
    expect(nodes.filter(Boolean).sort()).toEqual(['node01', 'node02']);
    const pending = ['db-0', 'db-1', 'db-2'].find((n) => !nodeOf(sim.store.get('pods', 'default', n)))!;
    expect(eventsFor(sim, 'default', pending)).toEqual([
      `FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    ]);
  });

  it('requires pod affinity to land next to matching pods', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('cache'));
    const where = nodeOf(sim.store.get('pods', 'default', 'cache'));
    for (const n of ['w1', 'w2', 'w3']) {
      mustCreate(sim, pod(n, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }] } } }));
      expect(nodeOf(sim.store.get('pods', 'default', n))).toBe(where);
    }
  });

  it('prefers nodes next to pods named by preferred affinity, and away from preferred anti-affinity', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('cache', { nodeName: 'node02' }, { app: 'cache' }));
    const prefer = (kind: 'podAffinity' | 'podAntiAffinity') => ({
      affinity: { [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' } }] } },
    });
    for (const n of ['near-1', 'near-2']) {
      mustCreate(sim, pod(n, prefer('podAffinity')));
      expect(nodeOf(sim.store.get('pods', 'default', n))).toBe('node02');
    }
    mustCreate(sim, pod('far', prefer('podAntiAffinity')));
    expect(nodeOf(sim.store.get('pods', 'default', 'far'))).toBe('node01');
  });

  it('detects host port conflicts', () => {
    const { sim } = testCluster();
    const hp = { container: { ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] } };
    for (const n of ['h1', 'h2', 'h3']) mustCreate(sim, pod(n, hp));
    expect(eventsFor(sim, 'default', 'h3')).toEqual([
      `FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    ]);
  });

  it('enforces DoNotSchedule topology spread', () => {
    const { sim } = testCluster();
    const spread = (policy: string) => ({
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: policy, labelSelector: { matchLabels: { app: 's' } } }],
    });
    mustCreate(sim, pod('s0', { nodeName: 'node01' }, { app: 's' }));
    // Honor (default): only node01 is a domain, so the skew stays 1.
    mustCreate(sim, pod('s1', { ...spread('Honor'), nodeSelector: { 'kubernetes.io/hostname': 'node01' } }, { app: 's' }));
    expect(nodeOf(sim.store.get('pods', 'default', 's1'))).toBe('node01');
    // Ignore: node02 and the control plane count as empty domains.
    mustCreate(sim, pod('s2', { ...spread('Ignore'), nodeSelector: { 'kubernetes.io/hostname': 'node01' } }, { app: 's' }));
    expect(eventsFor(sim, 'default', 's2')).toEqual([
      `FailedScheduling: 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match pod topology spread constraints, ${TAINT}. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`,
    ]);
  });

  it('preempts lower-priority pods for a higher-priority one', () => {
    const { sim } = testCluster();
    mustCreate(sim, pod('low-1', { ...mem('3Gi'), nodeName: 'node01' }));
    mustCreate(sim, pod('low-2', { ...mem('3Gi'), nodeName: 'node02' }));
    sim.advanceBy(5000);
    mustCreate(sim, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    mustCreate(sim, pod('vip', { ...mem('2Gi'), priorityClassName: 'high', priority: 1000 }));
    const vip = sim.store.get('pods', 'default', 'vip')!;
    expect(eventsFor(sim, 'default', 'vip')).toEqual([`FailedScheduling: 0/3 nodes are available: ${TAINT}, 2 Insufficient memory.`]);
    const nominated = (vip.status as { nominatedNodeName?: string }).nominatedNodeName!;
    const victim = nominated === 'node01' ? 'low-1' : 'low-2';
    expect(eventsFor(sim, 'default', victim).at(-1)).toBe(`Preempted: Preempted by pod ${vip.metadata.uid} on node ${nominated}`);
    expect(sim.store.get('pods', 'default', victim)!.metadata.deletionTimestamp).toBeDefined();
    sim.advanceBy(31_000);
    expect(nodeOf(sim.store.get('pods', 'default', 'vip'))).toBe(nominated);
  });

  it('spreads replicas of a Deployment across workers', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 6));
    const counts: Record<string, number> = {};
    for (const p of sim.store.list('pods', 'default')) counts[nodeOf(p)!] = (counts[nodeOf(p)!] ?? 0) + 1;
    expect(counts).toEqual({ node01: 3, node02: 3 });
  });

  it('computes requests like kube-scheduler (init containers, sidecars, overhead)', () => {
    const r = podRequests({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: {
        initContainers: [
          { name: 'i1', resources: { requests: { cpu: '1', memory: '1Gi' } } },
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '200m', memory: '100Mi' } } },
          { name: 'i2', resources: { requests: { cpu: '500m' } } },
        ],
        containers: [{ name: 'a', resources: { requests: { cpu: '300m', memory: '200Mi' } } }],
        overhead: { cpu: '10m' },
      },
    });
    // app 300m + sidecar 200m = 500m; init max(1000, 200+500=700) = 1000 → 1000 + 10 overhead
    expect(r.cpu).toBe(1010);
    expect(r.memory).toBe(1024 * 1024 * 1024);
  });

  // Wall time is the benchmark's business (npm run bench); this checks the outcome at that scale.
  it('schedules 1,000 replicas on 100 nodes, spread evenly', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => ({ name: `node${String(i + 1).padStart(3, '0')}`, cpu: '8', memory: '32Gi' }));
    const { sim } = testCluster({ cluster: { nodes } });
    mustCreate(sim, deployment('big', 1000));
    sim.advanceBy(10_000);
    const pods = sim.store.list('pods', 'default');
    expect(pods).toHaveLength(1000);
    expect(pods.every((p) => nodeOf(p))).toBe(true);
    const per = new Map<string, number>();
    for (const p of pods) per.set(nodeOf(p)!, (per.get(nodeOf(p)!) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(11);
  });
});
