import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { LabelSelector } from '../api/labels.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { forbidden, goSyntax, idx, invalid, notSupported, required } from '../apiserver/validation/field.js';
import { validateLabelSelector } from '../apiserver/validation/labels.js';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * NetworkPolicies (networking.k8s.io/v1).
 *
 * @see kubernetes/pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy
 * @see kubernetes/pkg/apis/networking/validation/validation.go ValidateNetworkPolicySpec
 */
const arr = (v: unknown): Dict[] => (Array.isArray(v) ? (v as Dict[]) : []);

export function defaultNetworkPolicy(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.podSelector ??= {};
  for (const rule of [...arr(spec.ingress), ...arr(spec.egress)]) {
    for (const p of arr(rule?.ports)) if (isDict(p)) p.protocol ??= 'TCP';
  }
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    const types = ['Ingress'];
    if (arr(spec.egress).length > 0) types.push('Egress');
    spec.policyTypes = types;
  }
}

function validatePort(p: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(p.protocol))) {
    errs.push(notSupported(`${path}.protocol`, p.protocol, ['TCP', 'UDP', 'SCTP']));
  }
  if (p.port !== undefined) {
    if (typeof p.port === 'number') {
      for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, m));
      if (typeof p.endPort === 'number') {
        if (p.endPort < p.port) errs.push(invalid(`${path}.endPort`, p.port, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(p.endPort)) errs.push(invalid(`${path}.endPort`, p.endPort, m));
      }
    } else {
      if (p.endPort !== undefined) errs.push(invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(String(p.port))) errs.push(invalid(`${path}.port`, p.port, m));
    }
  } else if (p.endPort !== undefined) {
    errs.push(invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateCIDR(cidr: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (m) return m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  return /^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr) && cidr.includes(':');
}

function validatePeer(peer: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (isDict(peer.podSelector)) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector as LabelSelector, `${path}.podSelector`));
  }
  if (isDict(peer.namespaceSelector)) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector as LabelSelector, `${path}.namespaceSelector`));
  }
  if (isDict(peer.ipBlock)) {
    n++;
    const cidr = typeof peer.ipBlock.cidr === 'string' ? peer.ipBlock.cidr : '';
    if (!cidr) errs.push(required(`${path}.ipBlock.cidr`));
    else if (!validateCIDR(cidr)) errs.push(invalid(`${path}.ipBlock.cidr`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    arr(peer.ipBlock.except).forEach((e, i) => {
      const ex = String(e);
      if (!validateCIDR(ex)) errs.push(invalid(idx(`${path}.ipBlock.except`, i), ex, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (n === 0) errs.push(required(path, 'must specify a peer'));
  else if (n > 1 && isDict(peer.ipBlock)) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

export function validateNetworkPolicy(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...validateLabelSelector(spec.podSelector as LabelSelector, 'spec.podSelector'));
  arr(spec.ingress).forEach((rule, i) => {
    const p = idx('spec.ingress', i);
    arr(rule?.ports).forEach((port, j) => errs.push(...validatePort(port, idx(`${p}.ports`, j))));
    arr(rule?.from).forEach((peer, j) => errs.push(...validatePeer(peer, idx(`${p}.from`, j))));
  });
  arr(spec.egress).forEach((rule, i) => {
    const p = idx('spec.egress', i);
    arr(rule?.ports).forEach((port, j) => errs.push(...validatePort(port, idx(`${p}.ports`, j))));
    arr(rule?.to).forEach((peer, j) => errs.push(...validatePeer(peer, idx(`${p}.to`, j))));
  });
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > 2) {
    errs.push(invalid('spec.policyTypes', goSyntax(`&[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`), 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(idx('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

extendKind('NetworkPolicy', { applyDefaults: defaultNetworkPolicy, validate: validateNetworkPolicy }, 'networking.k8s.io');
