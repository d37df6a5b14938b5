import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { IS_NEGATIVE, invalid, key } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { canonicalQuantity, parseExact } from '../apiserver/validation/quantity.js';
import { canonicalizeResourceList } from './pod-defaults.js';
import { extendKind } from './registry.js';

/**
 * ResourceQuotas: standard quota resource names and non-negative amounts.
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidateResourceQuota
 */
const STANDARD = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage',
]);

export function isStandardQuotaResource(name: string): boolean {
  return STANDARD.has(name) || name.includes('/') || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.includes('.storageclass.storage.k8s.io/');
}

export function validateResourceQuota(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const hard = isDict(spec.hard) ? (spec.hard as Record<string, string>) : {};
  for (const k of Object.keys(hard).sort()) {
    const p = key('spec.hard', k);
    if (!isStandardQuotaResource(k)) errs.push(invalid(p, k, 'must be a standard resource for quota'));
    const q = parseExact(hard[k]);
    if (q && q.nano < 0n) errs.push(invalid(p, canonicalQuantity(hard[k]), IS_NEGATIVE));
  }
  return errs;
}

extendKind(
  'ResourceQuota',
  {
    applyDefaults(obj) {
      if (isDict(obj.spec)) canonicalizeResourceList(obj.spec.hard);
    },
    validate: validateResourceQuota,
  },
  '',
);
