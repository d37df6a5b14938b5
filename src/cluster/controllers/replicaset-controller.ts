/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods from the
 * template, adopts orphans the selector matches, releases pods it no longer
 * selects, and reports replicas / fullyLabeled / ready / available.
 *
 * @see k8s.io/kubernetes/pkg/controller/replicaset/replica_set.go
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import {
  labelSelectorMatches,
  matchesRequirements,
  selectorRequirements,
  type LabelSelector,
} from '../api/labels.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import type { PodIndex } from './util.js';
import {
  availableAt,
  canonicalJson,
  controllerRef,
  getCondition,
  isPodActive,
  isPodReady,
  onStore,
  ownerRefTo,
  podStatus,
  sameJson,
  splitKey,
  WorkQueue,
  type Condition,
} from './util.js';

export const CONTROLLER_NAME = 'replicaset-controller';

/** What differs between the ReplicaSet and ReplicationController controllers. */
interface Flavor {
  name: string;
  resource: string;
  kind: string;
  /** The selector as a metav1.LabelSelector (RCs carry a plain map). */
  selector(obj: KubeObject): LabelSelector | undefined;
}

const RS_FLAVOR: Flavor = {
  name: CONTROLLER_NAME,
  resource: 'replicasets.apps',
  kind: 'ReplicaSet',
  selector: (o) => (o.spec as RSSpec | undefined)?.selector,
};

const RC_FLAVOR: Flavor = {
  name: 'replication-controller',
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  selector: (o) => {
    const spec = (o.spec ?? {}) as {
      selector?: Record<string, string>;
      template?: { metadata?: { labels?: Record<string, string> } };
    };
    const m =
      spec.selector && Object.keys(spec.selector).length > 0
        ? spec.selector
        : spec.template?.metadata?.labels;
    return m ? { matchLabels: m } : undefined;
  },
};
/** burstReplicas: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;

interface RSSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: {
    metadata?: {
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      finalizers?: string[];
    };
    spec?: unknown;
  };
}

export interface RSStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

/** Pod deletion preference (controller.ActivePodsWithRanks): the first pods sort first to go. */
export function deletionOrder(pods: KubeObject[], related: readonly KubeObject[]): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = (p.spec as { nodeName?: string }).nodeName;
    if (n && isPodActive(p)) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const phaseRank = (p: KubeObject) =>
    ({ Pending: 0, Unknown: 1, Running: 2 })[podStatus(p).phase ?? 'Pending'] ?? 0;
  const readySince = (p: KubeObject) =>
    Date.parse(getCondition(podStatus(p).conditions, 'Ready')?.lastTransitionTime ?? '') || 0;
  const restarts = (p: KubeObject) =>
    Math.max(0, ...(podStatus(p).containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const created = (p: KubeObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  return [...pods].sort((a, b) => {
    const na = (a.spec as { nodeName?: string }).nodeName;
    const nb = (b.spec as { nodeName?: string }).nodeName;
    if (!!na !== !!nb) return na ? 1 : -1;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    const ra = na ? (perNode.get(na) ?? 0) : 0;
    const rb = nb ? (perNode.get(nb) ?? 0) : 0;
    if (ra !== rb) return rb - ra;
    if (isPodReady(a) && isPodReady(b) && readySince(a) !== readySince(b))
      return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    if (created(a) !== created(b)) return created(b) - created(a);
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

interface PodFacts {
  active: boolean;
  ready: boolean;
  readySince: number;
  selected: boolean;
  fully: boolean;
  deleting: boolean;
}

/**
 * What the controller knows about one ReplicaSet's pods, kept up to date
 * from the watch so a sync costs O(changed pods), not O(pods): a Deployment
 * of 1,000 replicas is synced about once per pod state change.
 */
interface RSState {
  shape: string;
  facts: Map<string, PodFacts>;
  dirty: Set<string>;
}

export function installReplicaSetController(sim: Simulation, pods: PodIndex): void {
  installReplicaController(sim, pods, RS_FLAVOR);
}

/** The ReplicationController controller: the ReplicaSet logic over a map selector. */
export function installReplicationController(sim: Simulation, pods: PodIndex): void {
  installReplicaController(sim, pods, RC_FLAVOR);
}

function installReplicaController(sim: Simulation, pods: PodIndex, flavor: Flavor): void {
  const queue = new WorkQueue(sim, flavor.name);
  const failures = new Map<string, number>();
  const states = new Map<string, RSState>();
  const markDirty = (pod: KubeObject) => {
    const uid = controllerRef(pod)?.uid;
    if (uid) states.get(uid)?.dirty.add(pod.metadata.name!);
  };
  const rsKeysForPod = (pod: KubeObject): string[] => {
    const ns = pod.metadata.namespace ?? '';
    const ref = controllerRef(pod);
    if (ref) return ref.kind === flavor.kind ? [`${ns}/${ref.name}`] : [];
    return sim.store
      .list(flavor.resource, ns)
      .filter((rs) => labelSelectorMatches(flavor.selector(rs) ?? null, pod.metadata.labels))
      .map((rs) => `${ns}/${rs.metadata.name}`);
  };
  // Deliberate shortcut: a failing ReplicaSet is retried as soon as a quota or
  // limit range of its namespace changes, instead of waiting out a back-off
  // that can grow to 16 minutes (kube-controller-manager does not watch them).
  onStore(sim, ['resourcequotas', 'limitranges'], (e) => {
    if (e.type === 'MODIFIED' && e.old && sameJson(e.old.spec, e.object.spec)) return;
    for (const key of failures.keys()) if (key.startsWith(`${e.object.metadata.namespace}/`)) queue.add(key);
  });
  onStore(sim, [flavor.resource, 'pods'], (e) => {
    if (e.resource === flavor.resource) {
      if (e.type === 'DELETED') states.delete(e.object.metadata.uid!);
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      return;
    }
    if (e.type === 'MODIFIED' && e.old && !podChangeMatters(e.old, e.object)) return;
    markDirty(e.object);
    if (e.old) markDirty(e.old);
    // A large ReplicaSet folds status-only pod changes (readiness, phase) into
    // one sync per half second, as a busy controller's work queue would.
    const uid = controllerRef(e.object)?.uid;
    const big = uid !== undefined && (states.get(uid)?.facts.size ?? 0) > STATUS_BATCH_THRESHOLD;
    if (big && e.type === 'MODIFIED' && e.old && statusOnlyChange(e.old, e.object)) {
      const now = sim.now();
      for (const k of rsKeysForPod(e.object))
        queue.addAfter(k, STATUS_BATCH_MS - (now % STATUS_BATCH_MS));
      return;
    }
    for (const k of rsKeysForPod(e.object)) queue.add(k);
    if (e.old && !sameJson(controllerRef(e.old), controllerRef(e.object)))
      for (const k of rsKeysForPod(e.old)) queue.add(k);
  });
  sim.addController({
    name: flavor.name,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        const err = syncReplicaSet(sim, pods, key, queue, states, flavor);
        if (err) {
          const n = (failures.get(key) ?? 0) + 1;
          failures.set(key, n);
          queue.addAfter(key, Math.min(5 * 2 ** (n - 1), 1000_000));
        } else failures.delete(key);
      });
    },
  });
}

/** Above this many pods, status-only changes are batched (see STATUS_BATCH_MS). */
const STATUS_BATCH_THRESHOLD = 50;
const STATUS_BATCH_MS = 500;

function statusOnlyChange(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.deletionTimestamp === b.metadata.deletionTimestamp &&
    sameJson(a.metadata.labels, b.metadata.labels) &&
    sameJson(a.metadata.ownerReferences, b.metadata.ownerReferences) &&
    (a.spec as { nodeName?: string }).nodeName === (b.spec as { nodeName?: string }).nodeName &&
    podStatus(b).phase !== 'Failed' &&
    podStatus(b).phase !== 'Succeeded'
  );
}

function podChangeMatters(a: KubeObject, b: KubeObject): boolean {
  const sa = podStatus(a);
  const sb = podStatus(b);
  return (
    sa.phase !== sb.phase ||
    isPodReady(a) !== isPodReady(b) ||
    getCondition(sa.conditions, 'Ready')?.lastTransitionTime !==
      getCondition(sb.conditions, 'Ready')?.lastTransitionTime ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    !sameJson(a.metadata.labels, b.metadata.labels) ||
    !sameJson(a.metadata.ownerReferences, b.metadata.ownerReferences) ||
    (a.spec as { nodeName?: string }).nodeName !== (b.spec as { nodeName?: string }).nodeName
  );
}

/** Syncs one ReplicaSet; returns an error message when pod creation or deletion failed. */
function syncReplicaSet(
  sim: Simulation,
  index: PodIndex,
  key: string,
  queue: WorkQueue,
  states: Map<string, RSState>,
  flavor: Flavor,
): string | undefined {
  const [ns, name] = splitKey(key);
  const rs = sim.store.get(flavor.resource, ns, name);
  if (!rs) return undefined;
  const uid = rs.metadata.uid!;
  const spec = (rs.spec ?? {}) as RSSpec;
  const podDef = kindByResourceKey('pods')!;
  const selector = flavor.selector(rs);
  const reqs = selector ? selectorRequirements(selector) : undefined;
  const selects = (labels: Record<string, string> | undefined) =>
    reqs !== undefined && matchesRequirements(labels, reqs);
  const tmplLabels = Object.entries(spec.template?.metadata?.labels ?? {});
  const factsOf = (p: KubeObject): PodFacts => {
    const labels = p.metadata.labels;
    let fully = true;
    for (const [k, v] of tmplLabels)
      if (labels?.[k] !== v) {
        fully = false;
        break;
      }
    return {
      active: isPodActive(p),
      ready: isPodReady(p),
      readySince: availableAt(p, 0) ?? 0,
      selected: selects(labels),
      fully,
      deleting: !!p.metadata.deletionTimestamp,
    };
  };
  const shape = canonicalJson([selector, spec.template?.metadata?.labels]);
  let st = states.get(uid);
  const refresh = () => {
    if (!st || st.shape !== shape) {
      st = { shape, facts: new Map(), dirty: new Set() };
      states.set(uid, st);
      for (const p of index.ownedBy(uid))
        if (p.metadata.namespace === ns) st.facts.set(p.metadata.name!, factsOf(p));
      return;
    }
    for (const podName of st.dirty) {
      const p = sim.store.get('pods', ns, podName);
      if (p && controllerRef(p)?.uid === uid) st.facts.set(podName, factsOf(p));
      else st.facts.delete(podName);
    }
    st.dirty.clear();
  };
  refresh();
  // Claim: release owned pods the selector no longer matches, adopt matching orphans.
  if (!rs.metadata.deletionTimestamp) {
    for (const [podName, f] of st!.facts) {
      if (f.selected || f.deleting) continue;
      const p = sim.store.get('pods', ns, podName);
      if (!p) continue;
      const next = cloneJson(p);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
        (r) => r.uid !== uid,
      );
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      sim.api.update(next);
    }
    for (const p of index.orphansIn(ns)) {
      if (controllerRef(p) || p.metadata.deletionTimestamp || !isPodActive(p)) continue;
      if (!selects(p.metadata.labels)) continue;
      const next = cloneJson(p);
      next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(rs)];
      sim.api.update(next);
    }
    refresh();
  }
  let activeCount = 0;
  for (const f of st!.facts.values()) if (f.active) activeCount++;
  const want = spec.replicas ?? 1;
  let err: string | undefined;
  if (!rs.metadata.deletionTimestamp) {
    const diff = activeCount - want;
    if (diff < 0) {
      const toCreate = Math.min(-diff, BURST_REPLICAS);
      // slowStartBatch: 1, 2, 4, … stopping after a batch with an error.
      let batch = 1;
      let remaining = toCreate;
      while (remaining > 0 && !err) {
        const n = Math.min(batch, remaining);
        for (let i = 0; i < n; i++) {
          const res = sim.api.create(podFromTemplate(rs, spec));
          if (res.ok) {
            sim.events.record(
              rs,
              'Normal',
              'SuccessfulCreate',
              `Created pod: ${res.value.metadata.name}`,
              { component: flavor.name },
            );
          } else {
            err ??= res.error.message;
            sim.events.record(
              rs,
              'Warning',
              'FailedCreate',
              `Error creating: ${res.error.message}`,
              { component: flavor.name },
            );
          }
        }
        remaining -= n;
        batch *= 2;
      }
    } else if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const active = index
        .ownedBy(uid)
        .filter((p) => p.metadata.namespace === ns && isPodActive(p));
      const related = flavor.kind === 'ReplicaSet' ? relatedPods(sim, index, rs) : active;
      for (const p of deletionOrder(active, related).slice(0, n)) {
        const res = sim.api.delete(podDef, ns, p.metadata.name!);
        if (res.ok)
          sim.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, {
            component: flavor.name,
          });
        else if (res.error.reason !== 'NotFound') {
          err ??= res.error.message;
          sim.events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${res.error.message}`, {
            component: flavor.name,
          });
        }
      }
    }
    refresh();
  }
  // Status from the pods as they are now.
  const now = sim.now();
  const minReady = spec.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let fully = 0;
  let nextAvailable = Infinity;
  for (const f of st!.facts.values()) {
    if (!f.active) continue;
    replicas++;
    if (f.fully) fully++;
    if (f.ready) {
      ready++;
      const at = f.readySince + minReady * 1000;
      if (minReady <= 0 || at <= now) available++;
      else nextAvailable = Math.min(nextAvailable, at);
    }
  }
  const old = (rs.status ?? { replicas: 0 }) as RSStatus;
  const status: RSStatus = { ...cloneJson(old) };
  status.replicas = replicas;
  status.fullyLabeledReplicas = fully;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.observedGeneration = rs.metadata.generation ?? 1;
  let conds = [...(old.conditions ?? [])];
  const failure = getCondition(conds, 'ReplicaFailure');
  if (err && !failure) {
    const diff = replicas - want;
    conds.push({
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason: diff < 0 ? 'FailedCreate' : 'FailedDelete',
      message: err,
    });
  } else if (!err && failure) {
    conds = conds.filter((c) => c.type !== 'ReplicaFailure');
  }
  if (conds.length > 0) status.conditions = conds;
  else delete status.conditions;
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const)
    if (status[k] === 0) delete status[k];
  // Same construction order on both sides, so plain JSON compares them.
  if (JSON.stringify(old) !== JSON.stringify(status) && !sameJson(old, status))
    sim.api.updateStatus({ ...rs, status });
  if (nextAvailable !== Infinity) queue.addAfter(`${ns}/${name}`, nextAvailable - now);
  return err;
}

/** Pods of every ReplicaSet owned by the same Deployment (for deletion ranking). */
function relatedPods(sim: Simulation, index: PodIndex, rs: KubeObject): KubeObject[] {
  const owner = controllerRef(rs);
  if (!owner) return index.ownedBy(rs.metadata.uid);
  const out: KubeObject[] = [];
  for (const other of sim.store.list('replicasets.apps', rs.metadata.namespace)) {
    if (controllerRef(other)?.uid === owner.uid) out.push(...index.ownedBy(other.metadata.uid));
  }
  return out;
}

export function podFromTemplate(owner: KubeObject, spec: RSSpec): KubeObject {
  const t = spec.template ?? {};
  const meta: KubeObject['metadata'] = {
    generateName: `${owner.metadata.name}-`,
    namespace: owner.metadata.namespace,
    ownerReferences: [ownerRefTo(owner)],
  };
  if (t.metadata?.labels) meta.labels = cloneJson(t.metadata.labels);
  if (t.metadata?.annotations) meta.annotations = cloneJson(t.metadata.annotations);
  if (t.metadata?.finalizers) meta.finalizers = cloneJson(t.metadata.finalizers);
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: cloneJson(t.spec ?? {}) };
}
