import { isDict, type Dict } from '../../api/meta.js';
import type { AdmissionPlugin } from '../api-server.js';
import { badRequest } from '../status-errors.js';
import { QUANTITY_REGEX_ERROR, isValidQuantity } from '../validation/quantity.js';
import { unknownFields } from './strict-fields.js';

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

/** Go's base64.StdEncoding error for a string, or undefined when it decodes. */
export function base64Error(v: string): string | undefined {
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  const pad = v.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(v.slice(pad)) || v.length % 4 !== 0 || v.length - pad > 2)) return `illegal base64 data at input byte ${pad}`;
  if (v.length % 4 !== 0) return `illegal base64 data at input byte ${v.length - (v.length % 4)}`;
  return undefined;
}

/** The JSON type name Go reports for a value it could not put into a number field. */
function jsonKind(v: unknown): string | undefined {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object' && v !== null) return 'object';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'number';
  return undefined;
}

/** Integer fields people write as strings in YAML (`replicas: "3"`), with Go's struct names. */
function typeError(obj: Dict, kind: string): string | undefined {
  const spec = isDict(obj.spec) ? obj.spec : {};
  const specStruct: Record<string, string> = { Deployment: 'DeploymentSpec', ReplicaSet: 'ReplicaSetSpec', StatefulSet: 'StatefulSetSpec', ReplicationController: 'ReplicationControllerSpec' };
  if (specStruct[kind] && spec.replicas !== undefined) {
    const k = jsonKind(spec.replicas);
    if (k) return `json: cannot unmarshal ${k} into Go struct field ${specStruct[kind]}.spec.replicas of type int32`;
  }
  const podPaths: [unknown, string][] = [[spec, 'spec']];
  if (isDict(spec.template)) podPaths.push([spec.template.spec, 'spec.template.spec']);
  for (const [ps, path] of podPaths) {
    if (!isDict(ps)) continue;
    for (const f of ['containers', 'initContainers']) {
      for (const c of Array.isArray(ps[f]) ? ps[f] : []) {
        if (!isDict(c)) continue;
        for (const p of Array.isArray(c.ports) ? c.ports : []) {
          const k = isDict(p) ? jsonKind(p.containerPort) : undefined;
          if (k) return `json: cannot unmarshal ${k} into Go struct field ContainerPort.${path}.${f}.ports.containerPort of type int32`;
        }
      }
    }
  }
  if (kind === 'Service') {
    for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
      const k = isDict(p) ? jsonKind(p.port) : undefined;
      if (k) return `json: cannot unmarshal ${k} into Go struct field ServicePort.spec.ports.port of type int32`;
    }
  }
  return undefined;
}

export const decodeAdmission: AdmissionPlugin = {
  name: 'Decode',
  phase: 'mutating',
  admit(req) {
    const prefix = `${req.def.kind} in version "${req.def.version}" cannot be handled as a ${req.def.kind}: `;
    const te = typeError(req.object, req.def.kind);
    if (te) return badRequest(prefix + te);
    if (hasBadQuantity(req.object, req.def.kind)) return badRequest(prefix + QUANTITY_REGEX_ERROR);
    if (req.def.kind === 'Secret' && isDict(req.object.data)) {
      for (const k of Object.keys(req.object.data).sort()) {
        const v = req.object.data[k];
        const e = typeof v === 'string' ? base64Error(v) : undefined;
        if (e) return badRequest(prefix + e);
      }
    }
    // Strict field validation reports only when the body decoded. kubectl
    // create/apply ask for Strict; other writes (patches, controllers) get
    // the server default, Warn: the fields are dropped with a warning.
    // A request's own fieldValidation directive overrides both.
    if (req.operation === 'DELETE') return undefined;
    const directive = req.fieldValidation ?? (req.operation === 'CREATE' ? 'Strict' : 'Warn');
    if (directive === 'Strict') {
      const unknown = unknownFields(req.def.kind, req.object);
      if (unknown.length > 0) return badRequest(`${prefix}strict decoding error: ${unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ')}`);
    } else {
      const dropped = unknownFields(req.def.kind, req.object, true);
      if (directive === 'Warn') for (const f of dropped) (req.warnings ??= []).push(`unknown field ${JSON.stringify(f)}`);
    }
    return undefined;
  },
};
