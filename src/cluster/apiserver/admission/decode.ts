import { isDict, type Dict } from '../../api/meta.js';
import type { AdmissionPlugin } from '../api-server.js';
import { badRequest } from '../status-errors.js';
import { QUANTITY_REGEX_ERROR, isValidQuantity } from '../validation/quantity.js';

/**
 * Errors the real API server raises while decoding a request body, before
 * any validation: a quantity that does not parse makes the whole object
 * unreadable (`Pod in version "v1" cannot be handled as a Pod: quantities
 * must match the regular expression …`).
 *
 * @see k8s.io/apimachinery/pkg/api/resource/quantity.go ErrFormatWrong
 * @see k8s.io/apiserver/pkg/endpoints/handlers/create.go (NewBadRequest on decode errors)
 */
function badQuantityIn(list: unknown): boolean {
  if (!isDict(list)) return false;
  return Object.values(list).some((v) => !isValidQuantity(v));
}

function containersBad(spec: unknown): boolean {
  if (!isDict(spec)) return false;
  for (const f of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[f];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isDict(c) || !isDict(c.resources)) continue;
      if (badQuantityIn(c.resources.limits) || badQuantityIn(c.resources.requests)) return true;
    }
  }
  return false;
}

function podSpecs(obj: Dict): unknown[] {
  const spec = isDict(obj.spec) ? obj.spec : {};
  const specs: unknown[] = [spec];
  if (isDict(spec.template)) specs.push(spec.template.spec);
  if (isDict(spec.jobTemplate) && isDict(spec.jobTemplate.spec) && isDict(spec.jobTemplate.spec.template)) {
    specs.push(spec.jobTemplate.spec.template.spec);
  }
  return specs;
}

function hasBadQuantity(obj: Dict, kind: string): boolean {
  if (podSpecs(obj).some(containersBad)) return true;
  const spec = isDict(obj.spec) ? obj.spec : {};
  if (kind === 'ResourceQuota' && badQuantityIn(spec.hard)) return true;
  if (kind === 'LimitRange' && Array.isArray(spec.limits)) {
    return spec.limits.some((i) => isDict(i) && ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].some((f) => badQuantityIn(i[f])));
  }
  if (kind === 'PersistentVolumeClaim' && isDict(spec.resources)) return badQuantityIn(spec.resources.requests);
  if (kind === 'PersistentVolume') return badQuantityIn(spec.capacity);
  return false;
}

export const decodeAdmission: AdmissionPlugin = {
  name: 'Decode',
  phase: 'mutating',
  admit(req) {
    if (!hasBadQuantity(req.object, req.def.kind)) return undefined;
    return badRequest(`${req.def.kind} in version "${req.def.version}" cannot be handled as a ${req.def.kind}: ${QUANTITY_REGEX_ERROR}`);
  },
};
