import type { KubeObject } from '../../api/meta.js';
import type { ApiServer } from '../api-server.js';
import type { Controller, Simulation } from '../../simulation.js';

/**
 * What kube-controller-manager puts in every namespace within moments of
 * its creation: the `default` ServiceAccount (serviceaccounts-controller)
 * and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher). The
 * ServiceAccount admission plugin also waits for the default account of a
 * new namespace, so it can ask for it to be made at once.
 *
 * @see kubernetes/pkg/controller/serviceaccount/serviceaccounts_controller.go
 * @see kubernetes/pkg/controller/certificates/rootcacertpublisher/publisher.go
 */
export const NAMESPACE_CONTENT_CONTROLLER = 'serviceaccount-and-root-ca';

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Creates the default ServiceAccount of an active namespace if it is missing. */
export function ensureDefaultServiceAccount(api: ApiServer, namespace: string): KubeObject | undefined {
  const existing = api.store.get('serviceaccounts', namespace, 'default');
  if (existing) return existing;
  const ns = api.store.get('namespaces', '', namespace);
  if (!ns || ns.metadata.deletionTimestamp) return undefined;
  const r = api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  return r.ok ? r.value : undefined;
}

function ensureRootCA(api: ApiServer, namespace: string): void {
  if (api.store.get('configmaps', namespace, 'kube-root-ca.crt')) return;
  // Copy the cluster's CA bundle from a namespace that has it.
  const source = api.store.list('configmaps').find((c) => c.metadata.name === 'kube-root-ca.crt');
  if (!source) return;
  api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
    data: { ...((source.data as Record<string, string>) ?? {}) },
  });
}

export function namespaceContentController(): Controller {
  return {
    name: NAMESPACE_CONTENT_CONTROLLER,
    watches: ['namespaces', 'serviceaccounts', 'configmaps'],
    reconcile(sim: Simulation) {
      for (const ns of sim.store.list('namespaces')) {
        if (ns.metadata.deletionTimestamp) continue;
        const name = ns.metadata.name!;
        ensureDefaultServiceAccount(sim.api, name);
        ensureRootCA(sim.api, name);
      }
    },
  };
}
