import { isDict, type KubeObject } from '../../api/meta.js';
import { resourceKey } from '../../kinds/registry.js';
import type { AdmissionPlugin } from '../api-server.js';
import { parseExact } from '../validation/quantity.js';
import { admissionForbidden } from './util.js';
import { formatAmount, matchesScopes, namespaceUsage, objectUsage, prettyPrint } from './quota-usage.js';

/**
 * ResourceQuota admission: refuses a create that would take a namespace over
 * any of its quotas, and pods that do not state the requests or limits a
 * quota constrains. Usage is computed live, as the real plugin updates
 * quota status within the same request.
 *
 * @see k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkRequest
 */
const CONSTRAINED = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

function missingConstraints(hard: Record<string, string>, pod: KubeObject): string | undefined {
  const required = CONSTRAINED.filter((r) => hard[r] !== undefined);
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  const spec = isDict(pod.spec) ? pod.spec : {};
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  for (const c of containers) {
    if (!isDict(c)) continue;
    const res = isDict(c.resources) ? c.resources : {};
    const requests = isDict(res.requests) ? res.requests : {};
    const limits = isDict(res.limits) ? res.limits : {};
    for (const r of required) {
      const isLimit = r.startsWith('limits.');
      const base = r.replace(/^(requests|limits)\./, '');
      const has = isLimit ? limits[base] !== undefined : requests[base] !== undefined;
      if (!has) {
        const set = missing.get(r) ?? new Set<string>();
        set.add(String(c.name));
        missing.set(r, set);
      }
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',
  phase: 'validating',
  admit(req) {
    if (req.operation !== 'CREATE' || !req.def.namespaced) return undefined;
    const ns = req.object.metadata.namespace ?? 'default';
    const quotas = [...req.api.store.list('resourcequotas', ns)].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (quotas.length === 0) return undefined;
    const key = resourceKey(req.def);
    const delta = objectUsage(key, req.object);
    for (const quota of quotas) {
      if (!matchesScopes(quota, key, req.object)) continue;
      const spec = isDict(quota.spec) ? quota.spec : {};
      const status = isDict(quota.status) ? quota.status : {};
      const hard = (isDict(status.hard) ? status.hard : isDict(spec.hard) ? spec.hard : {}) as Record<string, string>;
      const restricted = Object.keys(hard).filter((k) => delta.has(k));
      if (key === 'pods') {
        const missing = missingConstraints(hard, req.object);
        if (missing) return admissionForbidden(req, `failed quota: ${quota.metadata.name}: ${missing}`);
      }
      if (restricted.length === 0) continue;
      const used = namespaceUsage(req.api.store, quota);
      const exceeded: string[] = [];
      for (const r of restricted) {
        const after = (used.get(r)?.nano ?? 0n) + (delta.get(r)?.nano ?? 0n);
        const limit = parseExact(hard[r])?.nano ?? 0n;
        if (after > limit) exceeded.push(r);
      }
      if (exceeded.length === 0) continue;
      const requested: Record<string, string> = {};
      const usedOut: Record<string, string> = {};
      const limited: Record<string, string> = {};
      for (const r of exceeded) {
        requested[r] = formatAmount(delta.get(r));
        usedOut[r] = formatAmount(used.get(r));
        limited[r] = String(hard[r]);
      }
      return admissionForbidden(
        req,
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(requested)}, used: ${prettyPrint(usedOut)}, limited: ${prettyPrint(limited)}`,
      );
    }
    return undefined;
  },
};
