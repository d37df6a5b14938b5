import { isDict, type Dict, type KubeObject } from '../../api/meta.js';
import type { AdmissionRequest } from '../api-server.js';
import { forbidden, type StatusError } from '../status-errors.js';

/**
 * admission.NewForbidden: `pods "name" is forbidden: <why>`. Before the
 * server generates a name, the object is known by its generateName.
 *
 * @see k8s.io/apiserver/pkg/admission/errors.go NewForbidden
 */
export function admissionForbidden(req: AdmissionRequest, why: string): StatusError {
  const meta = req.object.metadata;
  const name = meta.generateName && req.operation === 'CREATE' ? meta.generateName : (meta.name ?? 'Unknown');
  return forbidden({ resource: req.def.resource, group: req.def.group }, name, why);
}

export const isPod = (req: AdmissionRequest): boolean => req.def.kind === 'Pod' && req.def.group === '';

export function podSpec(obj: KubeObject): Dict {
  return isDict(obj.spec) ? obj.spec : (obj.spec = {});
}

export function containersOf(spec: Dict, field: 'containers' | 'initContainers'): Dict[] {
  return Array.isArray(spec[field]) ? (spec[field] as unknown[]).filter(isDict) : [];
}
