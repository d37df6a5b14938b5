import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { duplicate, forbidden, goSyntax, idx, invalid, notSupported, required, stableJson } from '../apiserver/validation/field.js';
import { validateLabels } from '../apiserver/validation/labels.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validatePortNumOrName } from '../apiserver/validation/pod-spec.js';
import { extendKind } from './registry.js';

/**
 * Services: defaulting and validation. ClusterIP and NodePort allocation
 * (which needs the cluster's state) is the ServiceAllocation admission step.
 *
 * @see kubernetes/pkg/apis/core/v1/defaults.go SetDefaults_Service
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidateService, ValidateServiceUpdate
 */
export function defaultService(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.sessionAffinity ??= 'None';
  spec.type ??= 'ClusterIP';
  const ports = Array.isArray(spec.ports) ? (spec.ports as Dict[]) : [];
  for (const p of ports) {
    if (!isDict(p)) continue;
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = isDict(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : (spec.sessionAffinityConfig = {});
    const cip = isDict(cfg.clientIP) ? cfg.clientIP : (cfg.clientIP = {});
    cip.timeoutSeconds ??= 10800;
  }
  if (!isDict(obj.status)) obj.status = { loadBalancer: {} };
}

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function goServicePort(p: Dict): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(String(p.protocol ?? ''))}, AppProtocol:(*string)(nil), Port:${Number(p.port ?? 0)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

export function validateService(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNS1035Label));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const type = String(spec.type ?? '');
  const headless = spec.clusterIP === 'None';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'ExternalName') {
    const en = typeof spec.externalName === 'string' ? spec.externalName : '';
    if (!en) errs.push(required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(en.replace(/\.$/, ''))) errs.push(invalid('spec.externalName', en, m));
  }
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = isDict(raw) ? raw : {};
    const pp = idx('spec.ports', i);
    const name = typeof p.name === 'string' ? p.name : '';
    if (ports.length > 1 && !name) errs.push(required(`${pp}.name`));
    else if (name) {
      for (const m of isDNS1123Label(name)) errs.push(invalid(`${pp}.name`, name, m));
      if (names.has(name)) errs.push(duplicate(`${pp}.name`, name));
      else names.add(name);
    }
    for (const m of isValidPortNum(Number(p.port ?? 0))) errs.push(invalid(`${pp}.port`, Number(p.port ?? 0), m));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(String(p.protocol))) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    errs.push(...validatePortNumOrName(p.targetPort, `${pp}.targetPort`));
  });
  if (!TYPES.includes(type)) errs.push(notSupported('spec.type', spec.type ?? '', TYPES));
  if (type === 'ClusterIP' || type === 'ExternalName') {
    ports.forEach((raw, i) => {
      if (isDict(raw) && raw.nodePort !== undefined && raw.nodePort !== 0) {
        errs.push(forbidden(`${idx('spec.ports', i)}.nodePort`, `may not be used when \`type\` is '${type}'`));
      }
    });
  }
  const seen = new Set<string>();
  ports.forEach((raw, i) => {
    const p = isDict(raw) ? raw : {};
    const k = `${String(p.protocol)}/${String(p.port)}`;
    if (seen.has(k)) errs.push(duplicate(idx('spec.ports', i), goSyntax(goServicePort(p))));
    seen.add(k);
  });
  if (!['ClientIP', 'None'].includes(String(spec.sessionAffinity))) {
    errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity ?? '', ['ClientIP', 'None']));
  }
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  for (const f of ['externalTrafficPolicy', 'internalTrafficPolicy']) {
    if (spec[f] !== undefined && !['Cluster', 'Local'].includes(String(spec[f]))) errs.push(notSupported(`spec.${f}`, spec[f], ['Cluster', 'Local']));
  }
  if (old) {
    const oldSpec = isDict(old.spec) ? old.spec : {};
    const oldIPs = Array.isArray(oldSpec.clusterIPs) ? oldSpec.clusterIPs : [];
    const newIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    if (oldIPs.length > 0 && type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && stableJson(oldIPs) !== stableJson(newIPs)) {
      errs.push(invalid('spec.clusterIPs[0]', goSyntax(`[]string{${newIPs.map((x) => JSON.stringify(x)).join(', ')}}`), 'may not change once set'));
    }
  }
  return errs;
}

extendKind('Service', { applyDefaults: defaultService, validate: validateService }, '');
