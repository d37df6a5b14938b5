/**
 * Node lifecycle: a node whose kubelet stops renewing its Lease and posting
 * status goes Unknown after the grace period (NodeStatusUnknown, "Kubelet
 * stopped posting node status."); condition-based taints (not-ready,
 * unreachable, unschedulable, pressure) are kept in step; pods on an
 * unreachable node are marked not ready; and the taint-eviction controller
 * deletes pods that do not tolerate a NoExecute taint (after their
 * tolerationSeconds).
 *
 * The kubelet (src/cluster/kubelet) writes heartbeats; this controller only
 * reads them from the store. A node is watched for staleness only once its
 * kubelet has been seen heartbeating in this simulation.
 *
 * @see k8s.io/kubernetes/pkg/controller/nodelifecycle/node_lifecycle_controller.go
 * @see k8s.io/kubernetes/pkg/controller/tainteviction/taint_eviction.go
 */
import { cloneJson, parseTime, rfc3339, type KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { nodeTaints, tolerates, type Taint, type Toleration } from '../scheduler/plugins.js';
import {
  getCondition,
  isPodReady,
  isTerminal,
  onStore,
  podStatus,
  sameJson,
  WorkQueue,
  type Condition,
  type PodIndex,
} from './util.js';

export const NODE_LIFECYCLE = 'node-lifecycle-controller';
export const TAINT_EVICTION = 'taint-eviction-controller';
/** --node-monitor-grace-period (50 s since v1.32, 40 s before). */
export const NODE_MONITOR_GRACE_MS = 50_000;
/** --node-monitor-period */
export const NODE_MONITOR_PERIOD_MS = 5_000;

const UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';
const NODE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

export const TAINTS = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  unschedulable: 'node.kubernetes.io/unschedulable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

const MANAGED = new Set<string>(Object.values(TAINTS));

function heartbeatOf(sim: Simulation, node: KubeObject): number {
  const ready = getCondition(
    (node.status as { conditions?: Condition[] } | undefined)?.conditions,
    'Ready',
  );
  const hb = parseTime(ready?.lastHeartbeatTime) ?? 0;
  const lease = sim.store.get('leases.coordination.k8s.io', 'kube-node-lease', node.metadata.name!);
  const renew = parseTime((lease?.spec as { renewTime?: string } | undefined)?.renewTime) ?? 0;
  return Math.max(hb, renew);
}

/** The taints the node's conditions and spec call for (TaintNodeByCondition + NoExecute taints). */
function wantedTaints(node: KubeObject): { key: string; effect: string }[] {
  const conds = (node.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const out: { key: string; effect: string }[] = [];
  const ready = getCondition(conds, 'Ready');
  if (ready?.status === 'False')
    out.push(
      { key: TAINTS.notReady, effect: 'NoSchedule' },
      { key: TAINTS.notReady, effect: 'NoExecute' },
    );
  else if (ready?.status === 'Unknown')
    out.push(
      { key: TAINTS.unreachable, effect: 'NoSchedule' },
      { key: TAINTS.unreachable, effect: 'NoExecute' },
    );
  if (getCondition(conds, 'MemoryPressure')?.status === 'True')
    out.push({ key: TAINTS.memoryPressure, effect: 'NoSchedule' });
  if (getCondition(conds, 'DiskPressure')?.status === 'True')
    out.push({ key: TAINTS.diskPressure, effect: 'NoSchedule' });
  if (getCondition(conds, 'PIDPressure')?.status === 'True')
    out.push({ key: TAINTS.pidPressure, effect: 'NoSchedule' });
  if (getCondition(conds, 'NetworkUnavailable')?.status === 'True')
    out.push({ key: TAINTS.networkUnavailable, effect: 'NoSchedule' });
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
    out.push({ key: TAINTS.unschedulable, effect: 'NoSchedule' });
  return out;
}

export function installNodeLifecycleController(sim: Simulation, pods: PodIndex): void {
  const queue = new WorkQueue(sim, NODE_LIFECYCLE);
  const evictions = new WorkQueue(sim, TAINT_EVICTION);
  /** nodes whose kubelet has been seen posting in this simulation */
  const live = new Set<string>();
  let timer: { at: number; id: number } | undefined;

  const arm = () => {
    let next = Infinity;
    for (const name of live) {
      const node = sim.store.get('nodes', '', name);
      if (!node) continue;
      const ready = getCondition(
        (node.status as { conditions?: Condition[] } | undefined)?.conditions,
        'Ready',
      );
      if (ready?.status === 'Unknown') continue;
      next = Math.min(next, heartbeatOf(sim, node) + NODE_MONITOR_GRACE_MS);
    }
    if (next === Infinity) return;
    // The monitor runs every 5 s: staleness is noticed at the next tick after the grace period.
    const at = Math.max(
      sim.now(),
      Math.floor(next / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS + NODE_MONITOR_PERIOD_MS,
    );
    if (timer && timer.at === at) return;
    if (timer) sim.clock.clearTimeout(timer.id);
    const id = sim.clock.setTimeout(() => {
      timer = undefined;
      for (const n of live) queue.add(n);
    }, at - sim.now());
    timer = { at, id };
  };

  // NoExecute taints without timeAdded (what `kubectl taint` writes: neither
  // kubectl nor the API server stamps it) count from when the taint manager
  // first saw them, as its processPodOnNode counts from "now".
  const seenAt = new Map<string, number>();
  const noteTaints = (node: string, taints: readonly Taint[]) => {
    for (const t of taints) if (t.effect === 'NoExecute' && !t.timeAdded && !seenAt.has(`${node}|${t.key}`)) seenAt.set(`${node}|${t.key}`, sim.now());
  };
  const stamped = (node: string, taints: readonly Taint[]): Taint[] => {
    noteTaints(node, taints);
    return taints.map((t) => (t.effect === 'NoExecute' && !t.timeAdded ? { ...t, timeAdded: rfc3339(seenAt.get(`${node}|${t.key}`)!) } : t));
  };

  onStore(sim, ['nodes', 'leases.coordination.k8s.io', 'pods'], (e) => {
    if (e.resource === 'nodes') {
      if (e.type === 'DELETED') {
        live.delete(e.object.metadata.name!);
        return;
      }
      const oldReady = getCondition(
        (e.old?.status as { conditions?: Condition[] } | undefined)?.conditions,
        'Ready',
      );
      const newReady = getCondition(
        (e.object.status as { conditions?: Condition[] } | undefined)?.conditions,
        'Ready',
      );
      if (
        e.type === 'MODIFIED' &&
        newReady?.lastHeartbeatTime &&
        newReady.lastHeartbeatTime !== oldReady?.lastHeartbeatTime
      )
        live.add(e.object.metadata.name!);
      queue.add(e.object.metadata.name!);
      if (!sameJson(nodeTaints(e.old), nodeTaints(e.object))) {
        noteTaints(e.object.metadata.name!, nodeTaints(e.object));
        for (const p of pods.onNode(e.object.metadata.name!))
          evictions.add(`${p.metadata.namespace}/${p.metadata.name}`);
      }
    } else if (e.resource === 'leases.coordination.k8s.io') {
      if (e.object.metadata.namespace !== 'kube-node-lease') return;
      const o = (e.old?.spec as { renewTime?: string } | undefined)?.renewTime;
      const n = (e.object.spec as { renewTime?: string } | undefined)?.renewTime;
      if (e.type === 'MODIFIED' && n !== o) live.add(e.object.metadata.name!);
      queue.add(e.object.metadata.name!);
    } else if (e.type !== 'DELETED') {
      const n = (e.object.spec as { nodeName?: string }).nodeName;
      if (n && (!e.old || (e.old.spec as { nodeName?: string }).nodeName !== n))
        evictions.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    }
  });

  sim.addController({
    name: NODE_LIFECYCLE,
    watches: [],
    reconcile: () => {
      queue.each((name) => {
        const node = sim.store.get('nodes', '', name);
        if (!node) return;
        monitorNode(sim, node, live.has(name), pods);
      });
      arm();
    },
  });

  sim.addController({
    name: TAINT_EVICTION,
    watches: [],
    reconcile: () => {
      evictions.each((key) => {
        const i = key.indexOf('/');
        const pod = sim.store.get('pods', key.slice(0, i), key.slice(i + 1));
        if (!pod || pod.metadata.deletionTimestamp || isTerminal(pod)) return;
        const nodeName = (pod.spec as { nodeName?: string }).nodeName;
        const node = nodeName ? sim.store.get('nodes', '', nodeName) : undefined;
        if (!node) return;
        const due = evictionTime(pod, stamped(nodeName!, nodeTaints(node)));
        if (due === undefined) return;
        if (due > sim.now()) {
          evictions.addAfter(key, due - sim.now());
          return;
        }
        sim.events.record(
          pod,
          'Normal',
          'TaintManagerEviction',
          `Marking for deletion Pod ${key}`,
          { component: TAINT_EVICTION },
        );
        sim.api.delete(kindByResourceKey('pods')!, pod.metadata.namespace!, pod.metadata.name!);
      });
    },
  });
}

/**
 * When a pod must be evicted for the node's NoExecute taints: now when one is
 * not tolerated, after the shortest tolerationSeconds otherwise, never when
 * all are tolerated forever.
 */
export function evictionTime(pod: KubeObject, taints: readonly Taint[]): number | undefined {
  const tols = ((pod.spec as { tolerations?: Toleration[] }).tolerations ?? []) as Toleration[];
  let due: number | undefined;
  for (const t of taints) {
    if (t.effect !== 'NoExecute') continue;
    const matching = tols.filter((tol) => tolerates(tol, t));
    const added = parseTime(t.timeAdded) ?? 0;
    if (matching.length === 0) return added > 0 ? Math.min(due ?? Infinity, added) : 0;
    const secs = matching
      .map((m) => m.tolerationSeconds)
      .filter((s): s is number => typeof s === 'number');
    if (secs.length === 0) continue;
    const at = added + Math.max(0, Math.min(...secs)) * 1000;
    due = due === undefined ? at : Math.min(due, at);
  }
  return due;
}

function monitorNode(sim: Simulation, node: KubeObject, live: boolean, pods: PodIndex): void {
  const now = sim.now();
  let next = cloneJson(node);
  const status = (next.status ?? {}) as { conditions?: Condition[] };
  let statusChanged = false;
  if (live && now - heartbeatOf(sim, node) > NODE_MONITOR_GRACE_MS) {
    const t = rfc3339(now);
    const conds = status.conditions ?? [];
    for (const type of NODE_CONDITIONS) {
      const c = conds.find((x) => x.type === type);
      if (c && c.status === 'Unknown') continue;
      const updated: Condition = {
        type,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: UNKNOWN_MESSAGE,
        lastHeartbeatTime: c?.lastHeartbeatTime ?? t,
        lastTransitionTime: t,
      };
      if (c) Object.assign(c, orderNodeCondition(updated));
      else conds.push(orderNodeCondition(updated));
      statusChanged = true;
    }
    status.conditions = conds;
  }
  if (statusChanged) {
    const res = sim.api.updateStatus({ ...node, status });
    if (res.ok) next = cloneJson(res.value);
    sim.events.record(
      res.ok ? res.value : node,
      'Normal',
      'NodeNotReady',
      `Node ${node.metadata.name} status is now: NodeNotReady`,
      { component: 'node-controller' },
    );
    // MarkPodsNotReady: the pods' Ready condition goes False.
    for (const p of pods.onNode(node.metadata.name!)) {
      if (!isPodReady(p) || isTerminal(p)) continue;
      const st = cloneJson(podStatus(p));
      for (const c of st.conditions ?? [])
        if (c.type === 'Ready') {
          c.status = 'False';
          c.lastTransitionTime = rfc3339(now);
        }
      sim.api.updateStatus({ ...p, status: st });
      sim.events.record(p, 'Warning', 'NodeNotReady', 'Node is not ready', {
        component: 'node-controller',
      });
    }
  }
  // Taints follow the conditions.
  const current = nodeTaints(next);
  const wanted = wantedTaints(next);
  const keep = current.filter(
    (t) => !MANAGED.has(t.key) || wanted.some((w) => w.key === t.key && w.effect === t.effect),
  );
  const add = wanted
    .filter((w) => !current.some((t) => t.key === w.key && t.effect === w.effect))
    .map((w) => ({
      key: w.key,
      effect: w.effect,
      ...(w.effect === 'NoExecute' || w.key === TAINTS.unschedulable
        ? { timeAdded: rfc3339(now) }
        : {}),
    }));
  if (add.length === 0 && keep.length === current.length) return;
  const latest = cloneJson(sim.store.get('nodes', '', node.metadata.name!)!);
  const taints = [...keep, ...add];
  const spec = (latest.spec ?? {}) as { taints?: Taint[] };
  if (taints.length > 0) spec.taints = taints;
  else delete spec.taints;
  latest.spec = spec;
  sim.api.update(latest);
}

function orderNodeCondition(c: Condition): Condition {
  return {
    lastHeartbeatTime: c.lastHeartbeatTime,
    lastTransitionTime: c.lastTransitionTime,
    message: c.message,
    reason: c.reason,
    status: c.status,
    type: c.type,
  } as Condition;
}
