/**
 * The DaemonSet controller: one pod per eligible node (node selector, node
 * affinity and NoSchedule/NoExecute taints against the template's
 * tolerations plus the ones the controller adds), pinned with required node
 * affinity on `metadata.name` and placed by the default scheduler; rolling
 * updates by ControllerRevision hash within maxUnavailable.
 *
 * @see k8s.io/kubernetes/pkg/controller/daemon/daemon_controller.go
 */
import { cloneJson, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { daemonPodAffinity, daemonTolerations } from '../bootstrap.js';
import {
  firstUntoleratedTaint,
  nodeTaints,
  podMatchesNodeAffinity,
  type Toleration,
} from '../scheduler/plugins.js';
import { computeHash } from './hash.js';
import {
  controllerRef,
  isPodAvailable,
  isPodReady,
  isTerminal,
  onStore,
  ownerRefTo,
  sameJson,
  scaledValue,
  splitKey,
  WorkQueue,
  type PodIndex,
  podProgressUnchanged,
} from './util.js';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
const REVISION_HASH = 'controller-revision-hash';
const TEMPLATE_GENERATION = 'pod-template-generation';

interface DSSpec {
  selector?: LabelSelector;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
  minReadySeconds?: number;
}

/** Whether a DaemonSet wants a pod on this node (NodeShouldRunDaemonPod). */
export function shouldRunOn(ds: KubeObject, node: KubeObject): boolean {
  const spec = (ds.spec ?? {}) as DSSpec;
  const tmplSpec = (spec.template?.spec ?? {}) as {
    tolerations?: Toleration[];
    hostNetwork?: boolean;
  };
  const probe: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'probe', namespace: ds.metadata.namespace },
    spec: { ...cloneJson(tmplSpec), affinity: mergeAffinity(tmplSpec, node.metadata.name!) },
  };
  if (!podMatchesNodeAffinity(probe, node)) return false;
  const tols = daemonTolerations(
    (tmplSpec.tolerations ?? []) as { key?: string }[],
    !!tmplSpec.hostNetwork,
  ) as Toleration[];
  return !firstUntoleratedTaint(nodeTaints(node), tols);
}

function mergeAffinity(
  tmplSpec: Record<string, unknown>,
  nodeName: string,
): Record<string, unknown> {
  const affinity = cloneJson((tmplSpec.affinity ?? {}) as Record<string, unknown>);
  const pinned = daemonPodAffinity(nodeName).nodeAffinity as Record<string, unknown>;
  const na = (affinity.nodeAffinity ?? {}) as Record<string, unknown>;
  const req = na.requiredDuringSchedulingIgnoredDuringExecution as
    { nodeSelectorTerms?: { matchExpressions?: unknown[]; matchFields?: unknown[] }[] } | undefined;
  const pinField = (
    pinned.requiredDuringSchedulingIgnoredDuringExecution as {
      nodeSelectorTerms: { matchFields: unknown[] }[];
    }
  ).nodeSelectorTerms[0].matchFields;
  if (req?.nodeSelectorTerms?.length) {
    // The controller replaces matchFields in every term with the node pin.
    na.requiredDuringSchedulingIgnoredDuringExecution = {
      nodeSelectorTerms: req.nodeSelectorTerms.map((t) => ({
        ...(t.matchExpressions ? { matchExpressions: t.matchExpressions } : {}),
        matchFields: pinField,
      })),
    };
  } else
    na.requiredDuringSchedulingIgnoredDuringExecution =
      pinned.requiredDuringSchedulingIgnoredDuringExecution;
  affinity.nodeAffinity = na;
  return affinity;
}

export function installDaemonSetController(sim: Simulation, pods: PodIndex): void {
  const queue = new WorkQueue(sim, DAEMONSET_CONTROLLER);
  const all = () =>
    sim.store.list('daemonsets.apps').map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
  onStore(sim, ['daemonsets.apps', 'pods', 'nodes'], (e) => {
    if (e.resource === 'daemonsets.apps')
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    else if (e.resource === 'nodes') {
      const o = e.old;
      const relevant =
        !o ||
        e.type !== 'MODIFIED' ||
        !sameJson(o.metadata.labels, e.object.metadata.labels) ||
        !sameJson(nodeTaints(o), nodeTaints(e.object));
      if (relevant) for (const k of all()) queue.add(k);
    } else {
      const ref = controllerRef(e.object);
      if (ref?.kind !== 'DaemonSet') return;
      if (e.type === 'MODIFIED' && e.old && podProgressUnchanged(e.old, e.object)) return;
      queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    }
  });
  sim.addController({
    name: DAEMONSET_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        sync(sim, pods, queue, key);
      });
    },
  });
}

function sync(sim: Simulation, index: PodIndex, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const ds = sim.store.get('daemonsets.apps', ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const spec = (ds.spec ?? {}) as DSSpec;
  const podDef = kindByResourceKey('pods')!;
  const hash = computeHash(spec.template);
  const generation = String(ds.metadata.generation ?? 1);
  ensureRevision(sim, ds, hash);
  const owned = index
    .ownedBy(ds.metadata.uid)
    .filter(
      (p) =>
        p.metadata.namespace === ns &&
        labelSelectorMatches(spec.selector ?? null, p.metadata.labels),
    );
  const byNode = new Map<string, KubeObject[]>();
  for (const p of owned) {
    if (p.metadata.deletionTimestamp) continue;
    const n = nodeOfDaemonPod(p);
    if (!n) continue;
    const l = byNode.get(n) ?? [];
    l.push(p);
    byNode.set(n, l);
  }
  const nodes = sim.store.list('nodes');
  let desired = 0;
  let misscheduled = 0;
  const now = sim.now();
  const minReady = spec.minReadySeconds ?? 0;
  const maxUnavail = scaledValue(
    spec.updateStrategy?.rollingUpdate?.maxUnavailable,
    nodes.length,
    true,
    1,
  );
  let unavailable = 0;
  const outdated: KubeObject[] = [];
  for (const node of nodes) {
    const want = shouldRunOn(ds, node);
    const list = byNode.get(node.metadata.name!) ?? [];
    if (want) {
      desired++;
      const live = list.filter((p) => !isTerminal(p));
      for (const p of list.filter(isTerminal)) {
        sim.events.record(
          ds,
          'Warning',
          'FailedDaemonPod',
          `Found failed daemon pod ${ns}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`,
          { component: DAEMONSET_CONTROLLER },
        );
        deletePod(sim, ds, podDef, p);
      }
      if (live.length === 0) createPod(sim, ds, spec, node.metadata.name!, hash, generation);
      else {
        for (const extra of live.slice(1)) deletePod(sim, ds, podDef, extra);
        const p = live[0];
        if (!isPodAvailable(p, minReady, now)) unavailable++;
        if (
          p.metadata.labels?.[REVISION_HASH] !== hash &&
          (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
        )
          outdated.push(p);
      }
    } else {
      if (list.length > 0) misscheduled++;
      for (const p of list) deletePod(sim, ds, podDef, p);
    }
  }
  // Rolling update: replace outdated pods, unavailable ones first, within maxUnavailable.
  outdated.sort(
    (a, b) => Number(isPodAvailable(a, minReady, now)) - Number(isPodAvailable(b, minReady, now)),
  );
  for (const p of outdated) {
    const avail = isPodAvailable(p, minReady, now);
    if (avail && unavailable >= Math.max(1, maxUnavail)) break;
    deletePod(sim, ds, podDef, p);
    if (avail) unavailable++;
  }
  // Status.
  const current = index
    .ownedBy(ds.metadata.uid)
    .filter((p) => p.metadata.namespace === ns && !p.metadata.deletionTimestamp && !isTerminal(p));
  const scheduled = current.filter((p) => (p.spec as { nodeName?: string }).nodeName);
  const status: Record<string, number> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: desired,
    numberAvailable: scheduled.filter((p) => isPodAvailable(p, minReady, now)).length,
    numberMisscheduled: misscheduled,
    numberReady: scheduled.filter(isPodReady).length,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[REVISION_HASH] === hash)
      .length,
  };
  const unavail = desired - status.numberAvailable;
  if (unavail > 0) status.numberUnavailable = unavail;
  if (status.numberAvailable === 0) delete status.numberAvailable;
  if (status.numberReady === 0 && desired === 0) delete status.numberReady;
  if (!sameJson(ds.status ?? {}, status)) sim.api.updateStatus({ ...ds, status });
  if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0))
    queue.addAfter(key, minReady * 1000);
  // A pod that could not be created (quota, admission) is tried again.
  if (current.length < desired) queue.addAfter(key, 10_000);
}

function nodeOfDaemonPod(p: KubeObject): string | undefined {
  const n = (p.spec as { nodeName?: string }).nodeName;
  if (n) return n;
  const terms =
    (
      p.spec as {
        affinity?: {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: {
              nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[];
            };
          };
        };
      }
    ).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ??
    [];
  for (const t of terms)
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.values?.length === 1) return f.values[0];
  return undefined;
}

function createPod(
  sim: Simulation,
  ds: KubeObject,
  spec: DSSpec,
  nodeName: string,
  hash: string,
  generation: string,
): void {
  const tmpl = spec.template ?? {};
  const tmplSpec = cloneJson(tmpl.spec ?? {}) as Record<string, unknown> & {
    tolerations?: { key?: string }[];
    hostNetwork?: boolean;
  };
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: {
        ...(tmpl.metadata?.labels ?? {}),
        [REVISION_HASH]: hash,
        [TEMPLATE_GENERATION]: generation,
      },
      ...(tmpl.metadata?.annotations ? { annotations: cloneJson(tmpl.metadata.annotations) } : {}),
      ownerReferences: [ownerRefTo(ds)],
    },
    spec: {
      ...tmplSpec,
      affinity: mergeAffinity(tmplSpec, nodeName),
      tolerations: daemonTolerations(tmplSpec.tolerations ?? [], !!tmplSpec.hostNetwork),
    },
  };
  const res = sim.api.create(pod);
  if (res.ok)
    sim.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.value.metadata.name}`, {
      component: DAEMONSET_CONTROLLER,
    });
  else
    sim.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${res.error.message}`, {
      component: DAEMONSET_CONTROLLER,
    });
}

function deletePod(
  sim: Simulation,
  ds: KubeObject,
  def: NonNullable<ReturnType<typeof kindByResourceKey>>,
  p: KubeObject,
): void {
  if (p.metadata.deletionTimestamp) return;
  const res = sim.api.delete(def, p.metadata.namespace!, p.metadata.name!);
  if (res.ok)
    sim.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, {
      component: DAEMONSET_CONTROLLER,
    });
}

/** Keeps a ControllerRevision for the current template (what `rollout history ds` reads). */
function ensureRevision(sim: Simulation, ds: KubeObject, hash: string): void {
  const ns = ds.metadata.namespace!;
  const name = `${ds.metadata.name}-${hash}`;
  if (sim.store.get('controllerrevisions.apps', ns, name)) return;
  const revs = sim.store
    .list('controllerrevisions.apps', ns)
    .filter((r) => controllerRef(r)?.uid === ds.metadata.uid);
  const revision = revs.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0) + 1;
  const spec = (ds.spec ?? {}) as DSSpec;
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(spec.template?.metadata?.labels ?? {}), [REVISION_HASH]: hash },
      annotations: {
        'deprecated.daemonset.template.generation': String(ds.metadata.generation ?? 1),
      },
      ownerReferences: [ownerRefTo(ds)],
    },
    data: { spec: { template: { ...cloneJson(spec.template ?? {}), $patch: 'replace' } } },
    revision,
  });
}
