import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { idx, invalid, notSupported, required } from '../apiserver/validation/field.js';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * Ingresses (networking.k8s.io/v1): rules, paths and backends.
 *
 * @see kubernetes/pkg/apis/networking/validation/validation.go ValidateIngressSpec, validateIngressBackend
 */
const arr = (v: unknown): Dict[] => (Array.isArray(v) ? (v as unknown[]).filter(isDict) : []);
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = isDict(b.resource);
  const svc = isDict(b.service) ? b.service : undefined;
  if (hasResource && svc) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) return [];
  if (!svc) return [invalid(path, '', 'resource or service backend is required')];
  const name = typeof svc.name === 'string' ? svc.name : '';
  if (!name) errs.push(required(`${path}.service.name`));
  else for (const m of isDNS1035Label(name)) errs.push(invalid(`${path}.service.name`, name, m));
  const port = isDict(svc.port) ? svc.port : {};
  const portName = typeof port.name === 'string' ? port.name : '';
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) for (const m of isValidPortName(portName)) errs.push(invalid(`${path}.service.port.name`, portName, m));
  else if (portNumber) for (const m of isValidPortNum(portNumber)) errs.push(invalid(`${path}.service.port.number`, portNumber, m));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

export function validateIngress(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const rules = arr(spec.rules);
  if (!isDict(spec.defaultBackend) && rules.length === 0) {
    errs.push(invalid('spec', goIngressSpec(), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isDict(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const p = idx('spec.rules', i);
    const host = typeof rule.host === 'string' ? rule.host : '';
    if (host) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) errs.push(invalid(`${p}.host`, host, 'must be a DNS name, not an IP address'));
      const plain = host.startsWith('*.') ? host.slice(2) : host;
      for (const m of isDNS1123Subdomain(plain)) errs.push(invalid(`${p}.host`, host, m));
    }
    if (!isDict(rule.http)) return;
    const paths = arr(rule.http.paths);
    if (paths.length === 0) errs.push(required(`${p}.http.paths`));
    paths.forEach((hp, j) => {
      const pp = idx(`${p}.http.paths`, j);
      const pathType = hp.pathType;
      const pathStr = typeof hp.path === 'string' ? hp.path : '';
      if (pathType === undefined || pathType === '') errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(String(pathType))) errs.push(notSupported(`${pp}.pathType`, pathType, PATH_TYPES));
      if ((pathType === 'Exact' || pathType === 'Prefix') && !pathStr.startsWith('/')) errs.push(invalid(`${pp}.path`, pathStr, 'must be an absolute path'));
      errs.push(...validateBackend(isDict(hp.backend) ? hp.backend : {}, `${pp}.backend`));
    });
  });
  return errs;
}

function goIngressSpec(): { goSyntax: string } {
  return { goSyntax: 'networking.IngressSpec{IngressClassName:(*string)(nil), DefaultBackend:(*networking.IngressBackend)(nil), TLS:[]networking.IngressTLS(nil), Rules:[]networking.IngressRule(nil)}' };
}

extendKind('Ingress', { validate: validateIngress, applyDefaults: (obj) => void (isDict(obj.status) || (obj.status = { loadBalancer: {} })) }, 'networking.k8s.io');
