/**
 * The garbage collector (background cascading deletion): an object whose
 * owners are all gone is deleted; owner references to missing owners are
 * dropped when another owner remains.
 *
 * @see k8s.io/kubernetes/pkg/controller/garbagecollector
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';

export const GC_NAME = 'garbage-collector';

interface Ref {
  resource: string;
  namespace: string;
  name: string;
}

export function installGarbageCollector(sim: Simulation): void {
  const uids = new Set<string>();
  /** owner uid → dependents */
  const dependents = new Map<string, Map<string, Ref>>();
  const pending = new Map<string, Ref>();
  const refKey = (r: Ref) => `${r.resource}\u0000${r.namespace}\u0000${r.name}`;

  const index = (resource: string, obj: KubeObject, add: boolean) => {
    const ref: Ref = {
      resource,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name!,
    };
    for (const o of obj.metadata.ownerReferences ?? []) {
      let m = dependents.get(o.uid);
      if (add) {
        if (!m) dependents.set(o.uid, (m = new Map()));
        m.set(refKey(ref), ref);
      } else m?.delete(refKey(ref));
    }
  };

  for (const r of sim.store.resources()) {
    for (const o of sim.store.list(r)) {
      if (o.metadata.uid) uids.add(o.metadata.uid);
      index(r, o, true);
    }
  }
  const check = (ref: Ref) => {
    pending.set(refKey(ref), ref);
    sim.requeue(GC_NAME);
  };
  sim.store.watch((e) => {
    if (e.resource === 'events') return;
    if (e.old) index(e.resource, e.old, false);
    if (e.type === 'DELETED') {
      // Only a uid that no other stored object carries is gone (replace keeps the uid).
      const uid = e.object.metadata.uid;
      if (uid) {
        uids.delete(uid);
        for (const ref of dependents.get(uid)?.values() ?? []) check(ref);
      }
      return;
    }
    if (e.object.metadata.uid) uids.add(e.object.metadata.uid);
    index(e.resource, e.object, true);
    const refs = e.object.metadata.ownerReferences ?? [];
    if (refs.some((r) => !uids.has(r.uid)))
      check({
        resource: e.resource,
        namespace: e.object.metadata.namespace ?? '',
        name: e.object.metadata.name!,
      });
  });

  sim.addController({
    name: GC_NAME,
    watches: [],
    reconcile: () => {
      const work = [...pending.values()].sort((a, b) => (refKey(a) < refKey(b) ? -1 : 1));
      pending.clear();
      for (const ref of work) {
        const obj = sim.store.get(ref.resource, ref.namespace, ref.name);
        if (!obj) continue;
        const refs = obj.metadata.ownerReferences ?? [];
        if (refs.length === 0) continue;
        const alive = refs.filter((r) => uids.has(r.uid));
        if (alive.length === refs.length) continue;
        const def = kindByResourceKey(ref.resource);
        if (!def) continue;
        if (alive.length === 0) {
          if (!obj.metadata.deletionTimestamp)
            sim.api.delete(def, ref.namespace, ref.name, { propagationPolicy: 'Background' });
        } else {
          const next = cloneJson(obj);
          next.metadata.ownerReferences = alive;
          sim.api.update(next);
        }
      }
    },
  });
}

export const POD_GC = 'pod-garbage-collector';
/** How long PodGC waits before deleting pods of a vanished node. */
const ORPHAN_QUARANTINE_MS = 40_000;

/**
 * PodGC: pods bound to a node that no longer exists are marked Failed
 * (DisruptionTarget, DeletionByPodGC) and deleted after a 40 s quarantine.
 *
 * @see k8s.io/kubernetes/pkg/controller/podgc/gc_controller.go
 */
export function installPodGC(sim: Simulation): void {
  const nodes = new Set<string>();
  const pending = new Set<string>();
  const check = (name: string) => {
    if (pending.has(name)) return;
    pending.add(name);
    sim.clock.setTimeout(() => {
      pending.delete(name);
      nodes.add(name);
      sim.requeue(POD_GC);
    }, ORPHAN_QUARANTINE_MS);
  };
  sim.store.watch((e) => {
    if (e.resource === 'nodes' && e.type === 'DELETED') check(e.object.metadata.name!);
    else if (e.resource === 'pods' && e.type !== 'DELETED') {
      // A pod bound to a node that does not exist (a typo in spec.nodeName) is collected too.
      const n = (e.object.spec as { nodeName?: string }).nodeName;
      if (
        n &&
        (!e.old || (e.old.spec as { nodeName?: string }).nodeName !== n) &&
        !sim.store.get('nodes', '', n)
      )
        check(n);
    }
  });
  sim.addController({
    name: POD_GC,
    watches: [],
    reconcile: () => {
      if (nodes.size === 0) return;
      const gone = [...nodes].filter((n) => !sim.store.get('nodes', '', n));
      nodes.clear();
      if (gone.length === 0) return;
      const podDef = kindByResourceKey('pods')!;
      for (const p of sim.store.list('pods')) {
        const n = (p.spec as { nodeName?: string }).nodeName;
        if (!n || !gone.includes(n)) continue;
        const st = cloneJson(
          (p.status ?? {}) as { phase?: string; conditions?: { type: string }[] },
        );
        if (st.phase !== 'Succeeded' && st.phase !== 'Failed') {
          st.phase = 'Failed';
          st.conditions = [
            ...(st.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'DeletionByPodGC',
              message: 'PodGC: node no longer exists',
              lastProbeTime: null,
              lastTransitionTime: rfc3339(sim.now()),
            } as never,
          ];
          sim.api.updateStatus({ ...p, status: st });
        }
        sim.api.delete(podDef, p.metadata.namespace!, p.metadata.name!, { gracePeriodSeconds: 0 });
      }
    },
  });
}
