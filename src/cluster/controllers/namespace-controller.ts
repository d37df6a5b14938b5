/**
 * The namespace controller (deleting a namespace deletes its content, then
 * the namespace) and the per-namespace defaults: the `default`
 * ServiceAccount (serviceaccount-controller) and the `kube-root-ca.crt`
 * ConfigMap (root-ca-cert-publisher).
 *
 * @see k8s.io/kubernetes/pkg/controller/namespace/deletion/namespaced_resources_deleter.go
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import { allKinds, kindByResourceKey, resourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { ROOT_CA_CRT, ROOT_CA_DESCRIPTION } from '../bootstrap.js';
import { onStore, sameJson, WorkQueue } from './util.js';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
export const SERVICE_ACCOUNT_CONTROLLER = 'service-account-controller';

function terminating(ns: KubeObject | undefined): boolean {
  return (
    !!ns &&
    (!!ns.metadata.deletionTimestamp ||
      (ns.status as { phase?: string } | undefined)?.phase === 'Terminating')
  );
}

export function installNamespaceController(sim: Simulation): void {
  const queue = new WorkQueue(sim, NAMESPACE_CONTROLLER);
  sim.store.watch((e) => {
    if (e.resource === 'namespaces') {
      if (terminating(e.object)) queue.add(e.object.metadata.name!);
    } else if (e.type === 'DELETED' && e.object.metadata.namespace) {
      if (terminating(sim.store.get('namespaces', '', e.object.metadata.namespace)))
        queue.add(e.object.metadata.namespace);
    }
  });
  sim.addController({
    name: NAMESPACE_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((name) => {
        syncNamespace(sim, name);
      });
    },
  });
}

function syncNamespace(sim: Simulation, name: string): void {
  const ns = sim.store.get('namespaces', '', name);
  if (!ns || !terminating(ns)) return;
  const remaining = new Map<string, number>();
  for (const def of allKinds()) {
    if (!def.namespaced) continue;
    const key = resourceKey(def);
    for (const obj of sim.store.list(key, name)) {
      if (key === 'events') {
        sim.store.remove(key, name, obj.metadata.name!);
        continue;
      }
      if (!obj.metadata.deletionTimestamp) sim.api.delete(def, name, obj.metadata.name!);
      if (sim.store.get(key, name, obj.metadata.name!))
        remaining.set(key, (remaining.get(key) ?? 0) + 1);
    }
  }
  const now = rfc3339(sim.now());
  const cond = (type: string, status: string, reason: string, message: string) => ({
    lastTransitionTime: now,
    message,
    reason,
    status,
    type,
  });
  const conditions = [
    cond(
      'NamespaceDeletionDiscoveryFailure',
      'False',
      'ResourcesDiscovered',
      'All resources successfully discovered',
    ),
    cond(
      'NamespaceDeletionGroupVersionParsingFailure',
      'False',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    ),
    cond(
      'NamespaceDeletionContentFailure',
      'False',
      'ContentDeleted',
      'All content successfully deleted, may be waiting on finalization',
    ),
    remaining.size > 0
      ? cond(
          'NamespaceContentRemaining',
          'True',
          'SomeResourcesRemain',
          `Some resources are remaining: ${[...remaining]
            .sort()
            .map(([k, n]) => `${k}. has ${n} resource instances`)
            .join(', ')}`,
        )
      : cond(
          'NamespaceContentRemaining',
          'False',
          'ContentRemoved',
          'All content successfully removed',
        ),
    cond(
      'NamespaceFinalizersRemaining',
      'False',
      'ContentHasNoFinalizers',
      'All content-preserving finalizers finished',
    ),
  ];
  const def = kindByResourceKey('namespaces')!;
  if (remaining.size === 0) {
    sim.api.finalize(def, '', name);
    return;
  }
  const st = (ns.status ?? {}) as {
    conditions?: {
      type: string;
      status: string;
      reason: string;
      message: string;
      lastTransitionTime: string;
    }[];
  };
  const old = st.conditions ?? [];
  const merged = conditions.map((c) => {
    const o = old.find((x) => x.type === c.type);
    return o && o.status === c.status && o.reason === c.reason && o.message === c.message ? o : c;
  });
  if (!sameJson(old, merged))
    sim.api.updateStatus({
      ...ns,
      status: { ...cloneJson(st), phase: 'Terminating', conditions: merged },
    });
}

export function installServiceAccountController(sim: Simulation): void {
  const queue = new WorkQueue(sim, SERVICE_ACCOUNT_CONTROLLER);
  onStore(sim, ['namespaces', 'serviceaccounts', 'configmaps'], (e) => {
    if (e.resource === 'namespaces') {
      if (e.type !== 'DELETED') queue.add(e.object.metadata.name!);
    } else if (
      e.object.metadata.name === (e.resource === 'serviceaccounts' ? 'default' : 'kube-root-ca.crt')
    ) {
      if (e.type !== 'ADDED') queue.add(e.object.metadata.namespace!);
    }
  });
  sim.addController({
    name: SERVICE_ACCOUNT_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((name) => {
        const ns = sim.store.get('namespaces', '', name);
        if (!ns || terminating(ns)) return;
        if (!sim.store.get('serviceaccounts', name, 'default')) {
          sim.api.create({
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace: name },
          });
        }
        const cm = sim.store.get('configmaps', name, 'kube-root-ca.crt');
        const want = { 'ca.crt': ROOT_CA_CRT };
        if (!cm) {
          sim.api.create({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              name: 'kube-root-ca.crt',
              namespace: name,
              annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION },
            },
            data: want,
          });
        } else if (!sameJson(cm.data, want)) {
          const next = cloneJson(cm);
          next.data = want;
          sim.api.update(next);
        }
      });
    },
  });
}
