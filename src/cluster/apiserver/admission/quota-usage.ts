import { isDict, type Dict, type KubeObject } from '../../api/meta.js';
import type { ObjectStore } from '../../store/object-store.js';
import { formatExact, parseExact, type QuantityFormat } from '../validation/quantity.js';

/**
 * What an object counts against a ResourceQuota, and a namespace's usage:
 * the evaluators of the quota subsystem (pods, services, PVCs, object counts).
 *
 * @see kubernetes/pkg/quota/v1/evaluator/core/pods.go PodUsageFunc, Constraints
 * @see kubernetes/pkg/quota/v1/evaluator/core/services.go
 */
export interface Amount {
  nano: bigint;
  format: QuantityFormat;
}
export type Usage = Map<string, Amount>;

const LEGACY_COUNTED: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
  secrets: 'secrets',
  configmaps: 'configmaps',
  persistentvolumeclaims: 'persistentvolumeclaims',
};

function add(u: Usage, k: string, nano: bigint, format: QuantityFormat = 'DecimalSI'): void {
  const cur = u.get(k);
  u.set(k, { nano: (cur?.nano ?? 0n) + nano, format: cur?.format ?? format });
}

const ONE = 1_000_000_000n;

function rl(v: unknown): Record<string, string> {
  return isDict(v) ? (v as Record<string, string>) : {};
}

/** Pod requests or limits: sum of containers, at least the largest init container. */
function podResources(spec: Dict, which: 'requests' | 'limits'): Map<string, Amount> {
  const out = new Map<string, Amount>();
  const containers = Array.isArray(spec.containers) ? spec.containers.filter(isDict) : [];
  for (const c of containers) {
    for (const [k, v] of Object.entries(rl(isDict(c.resources) ? c.resources[which] : undefined))) {
      const q = parseExact(v);
      if (q) add(out, k, q.nano, q.format);
    }
  }
  const inits = Array.isArray(spec.initContainers) ? spec.initContainers.filter(isDict) : [];
  for (const c of inits) {
    for (const [k, v] of Object.entries(rl(isDict(c.resources) ? c.resources[which] : undefined))) {
      const q = parseExact(v);
      if (q && q.nano > (out.get(k)?.nano ?? 0n)) out.set(k, { nano: q.nano, format: q.format });
    }
  }
  return out;
}

export function isTerminalPod(pod: KubeObject): boolean {
  const phase = isDict(pod.status) ? pod.status.phase : undefined;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The usage one object adds, by quota resource name. */
export function objectUsage(resourceKey: string, obj: KubeObject): Usage {
  const u: Usage = new Map();
  const countKey = `count/${resourceKey}`;
  if (resourceKey === 'pods' && isTerminalPod(obj)) return u;
  add(u, countKey, ONE);
  if (LEGACY_COUNTED[resourceKey]) add(u, LEGACY_COUNTED[resourceKey], ONE);
  const spec = isDict(obj.spec) ? obj.spec : {};
  if (resourceKey === 'pods') {
    for (const [k, a] of podResources(spec, 'requests')) {
      add(u, `requests.${k}`, a.nano, a.format);
      if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') add(u, k, a.nano, a.format);
    }
    for (const [k, a] of podResources(spec, 'limits')) add(u, `limits.${k}`, a.nano, a.format);
  } else if (resourceKey === 'services') {
    const ports = Array.isArray(spec.ports) ? spec.ports.length : 0;
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') add(u, 'services.nodeports', BigInt(ports) * ONE);
    if (spec.type === 'LoadBalancer') add(u, 'services.loadbalancers', ONE);
  } else if (resourceKey === 'persistentvolumeclaims') {
    const req = isDict(spec.resources) ? rl(spec.resources.requests) : {};
    const q = req.storage !== undefined ? parseExact(req.storage) : undefined;
    if (q) {
      add(u, 'requests.storage', q.nano, q.format);
      if (typeof spec.storageClassName === 'string') {
        add(u, `${spec.storageClassName}.storageclass.storage.k8s.io/requests.storage`, q.nano, q.format);
        add(u, `${spec.storageClassName}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
      }
    }
  }
  return u;
}

/** Quota scopes (Terminating, NotTerminating, BestEffort, NotBestEffort) for pods. */
export function matchesScopes(quota: KubeObject, resourceKey: string, obj: KubeObject): boolean {
  const spec = isDict(quota.spec) ? quota.spec : {};
  const scopes = Array.isArray(spec.scopes) ? (spec.scopes as string[]) : [];
  if (scopes.length === 0) return true;
  if (resourceKey !== 'pods') return false;
  const ps = isDict(obj.spec) ? obj.spec : {};
  const terminating = typeof ps.activeDeadlineSeconds === 'number';
  const bestEffort = podResources(ps, 'requests').size === 0 && podResources(ps, 'limits').size === 0;
  return scopes.every((s) => {
    switch (s) {
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      default:
        return true;
    }
  });
}

/** Resource keys a quota resource name counts. */
export function countedResources(store: ObjectStore): string[] {
  return store.resources();
}

/** A namespace's current usage for one quota, skipping `exclude` (an object being replaced). */
export function namespaceUsage(store: ObjectStore, quota: KubeObject, exclude?: { resource: string; name: string }): Usage {
  const ns = quota.metadata.namespace ?? '';
  const u: Usage = new Map();
  for (const key of store.resources()) {
    for (const obj of store.list(key, ns)) {
      if (exclude && exclude.resource === key && exclude.name === obj.metadata.name) continue;
      if (!matchesScopes(quota, key, obj)) continue;
      for (const [k, a] of objectUsage(key, obj)) add(u, k, a.nano, a.format);
    }
  }
  return u;
}

export function formatAmount(a: Amount | undefined, like?: string): string {
  if (!a) return '0';
  const format = like !== undefined ? (parseExact(like)?.format ?? a.format) : a.format;
  return formatExact({ nano: a.nano, format: a.nano === 0n ? 'DecimalSI' : format });
}

/** `requests.memory=700Mi,pods=1`: sorted `k=v` pairs (quota prettyPrint). */
export function prettyPrint(entries: Record<string, string>): string {
  return Object.keys(entries)
    .sort()
    .map((k) => `${k}=${entries[k]}`)
    .join(',');
}
