/**
 * The disruption controller: keeps each PodDisruptionBudget's status
 * (expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed and the
 * DisruptionAllowed condition) that the eviction API checks before letting
 * `kubectl drain` evict a pod.
 *
 * @see k8s.io/kubernetes/pkg/controller/disruption/disruption.go
 */
import { rfc3339, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import type { Simulation } from '../simulation.js';
import {
  controllerRef,
  isPodActive,
  isPodReady,
  onStore,
  sameJson,
  scaledValue,
  splitKey,
  WorkQueue,
} from './util.js';

export const DISRUPTION_CONTROLLER = 'disruption-controller';

interface PDBSpec {
  selector?: LabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/** The scale of the controller that owns a pod (Deployment through its ReplicaSet). */
function controllerScale(
  sim: Simulation,
  pod: KubeObject,
): { uid: string; replicas: number } | undefined {
  const ref = controllerRef(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace ?? '';
  if (ref.kind === 'ReplicaSet') {
    const rs = sim.store.get('replicasets.apps', ns, ref.name);
    if (!rs) return undefined;
    const dref = controllerRef(rs);
    if (dref?.kind === 'Deployment') {
      const d = sim.store.get('deployments.apps', ns, dref.name);
      if (d)
        return { uid: d.metadata.uid!, replicas: (d.spec as { replicas?: number }).replicas ?? 1 };
    }
    return { uid: rs.metadata.uid!, replicas: (rs.spec as { replicas?: number }).replicas ?? 1 };
  }
  const res =
    ref.kind === 'StatefulSet'
      ? 'statefulsets.apps'
      : ref.kind === 'ReplicationController'
        ? 'replicationcontrollers'
        : undefined;
  if (!res) return undefined;
  const o = sim.store.get(res, ns, ref.name);
  return o
    ? { uid: o.metadata.uid!, replicas: (o.spec as { replicas?: number }).replicas ?? 1 }
    : undefined;
}

export function installDisruptionController(sim: Simulation): void {
  const queue = new WorkQueue(sim, DISRUPTION_CONTROLLER);
  const pdbsFor = (pod: KubeObject) =>
    sim.store
      .list('poddisruptionbudgets.policy', pod.metadata.namespace)
      .filter((b) =>
        labelSelectorMatches((b.spec as PDBSpec).selector ?? null, pod.metadata.labels),
      )
      .map((b) => `${b.metadata.namespace}/${b.metadata.name}`);
  onStore(
    sim,
    [
      'poddisruptionbudgets.policy',
      'pods',
      'deployments.apps',
      'statefulsets.apps',
      'replicasets.apps',
    ],
    (e) => {
      if (e.resource === 'poddisruptionbudgets.policy')
        queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      else if (e.resource === 'pods') {
        if (
          e.type === 'MODIFIED' &&
          e.old &&
          isPodReady(e.old) === isPodReady(e.object) &&
          e.old.metadata.deletionTimestamp === e.object.metadata.deletionTimestamp &&
          sameJson(e.old.metadata.labels, e.object.metadata.labels)
        )
          return;
        for (const k of pdbsFor(e.object)) queue.add(k);
        if (e.old) for (const k of pdbsFor(e.old)) queue.add(k);
      } else {
        // A scale change moves expectedPods of percentage budgets.
        for (const b of sim.store.list('poddisruptionbudgets.policy', e.object.metadata.namespace))
          queue.add(`${b.metadata.namespace}/${b.metadata.name}`);
      }
    },
  );
  sim.addController({
    name: DISRUPTION_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        sync(sim, key);
      });
    },
  });
}

function sync(sim: Simulation, key: string): void {
  const [ns, name] = splitKey(key);
  const pdb = sim.store.get('poddisruptionbudgets.policy', ns, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return;
  const spec = (pdb.spec ?? {}) as PDBSpec;
  const pods = sim.store
    .list('pods', ns)
    .filter(
      (p) =>
        labelSelectorMatches(spec.selector ?? null, p.metadata.labels) &&
        !p.metadata.deletionTimestamp,
    );
  if (pods.length === 0)
    sim.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', {
      component: DISRUPTION_CONTROLLER,
    });
  const healthy = pods.filter((p) => isPodActive(p) && isPodReady(p)).length;
  let expected = pods.length;
  let desired: number;
  const isPct = (v: unknown) => typeof v === 'string' && v.endsWith('%');
  if (spec.maxUnavailable !== undefined || isPct(spec.minAvailable)) {
    const scales = new Map<string, number>();
    for (const p of pods) {
      const s = controllerScale(sim, p);
      if (s) scales.set(s.uid, s.replicas);
    }
    expected = [...scales.values()].reduce((a, b) => a + b, 0);
    if (spec.maxUnavailable !== undefined)
      desired = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected, true, 0));
    else desired = scaledValue(spec.minAvailable, expected, true, 0);
  } else desired = scaledValue(spec.minAvailable ?? 1, expected, true, 1);
  const allowed = Math.max(0, healthy - desired);
  const old = (pdb.status ?? {}) as {
    conditions?: { status: string; lastTransitionTime: string }[];
  };
  const prevCond = old.conditions?.[0];
  const condStatus = allowed > 0 ? 'True' : 'False';
  const status = {
    conditions: [
      {
        lastTransitionTime:
          prevCond && prevCond.status === condStatus
            ? prevCond.lastTransitionTime
            : rfc3339(sim.now()),
        message: '',
        observedGeneration: pdb.metadata.generation ?? 1,
        reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        status: condStatus,
        type: 'DisruptionAllowed',
      },
    ],
    currentHealthy: healthy,
    desiredHealthy: desired,
    disruptionsAllowed: allowed,
    expectedPods: expected,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
  if (!sameJson(pdb.status ?? {}, status)) sim.api.updateStatus({ ...pdb, status });
}
