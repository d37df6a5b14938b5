/**
 * The garbage collector (background cascading deletion): an object whose
 * owners are all gone is deleted; owner references to missing owners are
 * dropped when another owner remains.
 *
 * @see k8s.io/kubernetes/pkg/controller/garbagecollector
 */
import { cloneJson, type KubeObject } from '../api/meta.js';
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
    const ref: Ref = { resource, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name! };
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
    if (refs.some((r) => !uids.has(r.uid))) check({ resource: e.resource, namespace: e.object.metadata.namespace ?? '', name: e.object.metadata.name! });
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
          if (!obj.metadata.deletionTimestamp) sim.api.delete(def, ref.namespace, ref.name, { propagationPolicy: 'Background' });
        } else {
          const next = cloneJson(obj);
          next.metadata.ownerReferences = alive;
          sim.api.update(next);
        }
      }
    },
  });
}
