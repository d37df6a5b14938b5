import { isDict, type Dict } from '../../api/meta.js';
import type { AdmissionPlugin, AdmissionRequest } from '../api-server.js';
import type { FieldError } from '../field-errors.js';
import { invalid as invalidStatus } from '../status-errors.js';
import { invalid } from '../validation/field.js';

/**
 * ClusterIP and NodePort allocation, as the Service REST storage does it:
 * IPs from 10.96.0.0/12 (dynamic ones above the lower band reserved for
 * static picks such as 10.96.0.10), node ports from 30000-32767. Updates
 * keep what was allocated; switching to ClusterIP releases node ports.
 *
 * @see kubernetes/pkg/registry/core/service/storage/alloc.go
 * @see kubernetes/pkg/registry/core/service/ipallocator/bitmap.go (offset band)
 */
export const SERVICE_CIDR_BASE = ip4ToNum('10.96.0.0');
export const SERVICE_CIDR_SIZE = 1 << 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

function ip4ToNum(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function numToIp4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o);
}

function allocatedIPs(req: AdmissionRequest): Set<string> {
  const used = new Set<string>();
  for (const svc of req.api.store.list('services')) {
    if (svc.metadata.namespace === req.object.metadata.namespace && svc.metadata.name === req.object.metadata.name) continue;
    const spec = isDict(svc.spec) ? svc.spec : {};
    if (typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None') used.add(spec.clusterIP);
  }
  return used;
}

function allocatedNodePorts(req: AdmissionRequest): Set<number> {
  const used = new Set<number>();
  for (const svc of req.api.store.list('services')) {
    if (svc.metadata.namespace === req.object.metadata.namespace && svc.metadata.name === req.object.metadata.name) continue;
    const spec = isDict(svc.spec) ? svc.spec : {};
    for (const p of Array.isArray(spec.ports) ? spec.ports : []) if (isDict(p) && typeof p.nodePort === 'number') used.add(p.nodePort);
  }
  return used;
}

function fail(req: AdmissionRequest, errors: FieldError[]) {
  return invalidStatus(req.def.kind, req.def.group, req.object.metadata.name ?? '', errors);
}

function allocateIP(req: AdmissionRequest, spec: Dict): FieldError[] {
  const used = allocatedIPs(req);
  const requested = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP : undefined;
  if (requested) {
    if (!isIPv4(requested)) return [invalid('spec.clusterIPs[0]', requested, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
    const n = ip4ToNum(requested);
    if (n <= SERVICE_CIDR_BASE || n >= SERVICE_CIDR_BASE + SERVICE_CIDR_SIZE - 1) {
      return [invalid('spec.clusterIPs[0]', requested, `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`)];
    }
    if (used.has(requested)) return [invalid('spec.clusterIPs[0]', requested, `failed to allocate IP ${requested}: provided IP is already allocated`)];
    spec.clusterIPs = [requested];
    return [];
  }
  const band = 256;
  const span = SERVICE_CIDR_SIZE - 2 - band;
  let offset = band + req.api.rng.int(span);
  for (let i = 0; i < span; i++) {
    const ip = numToIp4(SERVICE_CIDR_BASE + 1 + offset);
    if (!used.has(ip)) {
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      return [];
    }
    offset = band + ((offset - band + 1) % span);
  }
  return [invalid('spec.clusterIPs[0]', '', 'failed to allocate a serviceIP: range is full')];
}

function allocateNodePorts(req: AdmissionRequest, spec: Dict, old: Dict | undefined): FieldError[] {
  const used = allocatedNodePorts(req);
  const errs: FieldError[] = [];
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isDict) : [];
  const oldPorts = old && Array.isArray(old.ports) ? old.ports.filter(isDict) : [];
  ports.forEach((p, i) => {
    if (p.nodePort === undefined || p.nodePort === 0) {
      const prev = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (prev && typeof prev.nodePort === 'number') {
        p.nodePort = prev.nodePort;
        used.add(prev.nodePort);
        return;
      }
      const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
      const band = 128;
      let offset = band + req.api.rng.int(size - band);
      for (let k = 0; k < size; k++) {
        const candidate = NODE_PORT_MIN + offset;
        if (!used.has(candidate)) {
          p.nodePort = candidate;
          used.add(candidate);
          return;
        }
        offset = band + ((offset - band + 1) % (size - band));
      }
      return;
    }
    const n = Number(p.nodePort);
    const wasOurs = oldPorts.some((o) => o.nodePort === n);
    if (n < NODE_PORT_MIN || n > NODE_PORT_MAX) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, n, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    } else if (used.has(n) && !wasOurs) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, n, 'provided port is already allocated'));
    } else used.add(n);
  });
  return errs;
}

function needsNodePorts(spec: Dict): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

export const serviceAllocationAdmission: AdmissionPlugin = {
  name: 'ServiceAllocation',
  phase: 'mutating',
  admit(req) {
    if (req.def.kind !== 'Service' || req.def.group !== '') return undefined;
    const spec = isDict(req.object.spec) ? req.object.spec : (req.object.spec = {});
    const old = req.old && isDict(req.old.spec) ? req.old.spec : undefined;
    const errs: FieldError[] = [];
    if (spec.type === 'ExternalName') {
      if (!old || old.type === 'ExternalName') {
        delete spec.clusterIPs;
        delete spec.ipFamilies;
        delete spec.ipFamilyPolicy;
      }
    } else {
      if (old && old.type !== 'ExternalName') {
        // Updates keep what was allocated unless they say otherwise.
        if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = old.clusterIP;
        if (spec.clusterIPs === undefined) spec.clusterIPs = old.clusterIPs;
        if (spec.ipFamilies === undefined) spec.ipFamilies = old.ipFamilies;
        if (spec.ipFamilyPolicy === undefined) spec.ipFamilyPolicy = old.ipFamilyPolicy;
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      } else {
        errs.push(...allocateIP(req, spec));
      }
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
    }
    if (needsNodePorts(spec)) errs.push(...allocateNodePorts(req, spec, old));
    else if (old && needsNodePorts(old) && Array.isArray(spec.ports)) {
      // dropTypeDependentFields: node ports kept from the old type are released.
      const oldPorts = Array.isArray(old.ports) ? old.ports.filter(isDict) : [];
      for (const p of spec.ports) if (isDict(p) && oldPorts.some((o) => o.nodePort === p.nodePort)) delete p.nodePort;
      if (old.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy === old.externalTrafficPolicy && spec.type === 'ClusterIP') {
        delete spec.externalTrafficPolicy;
      }
    }
    return errs.length > 0 ? fail(req, errs) : undefined;
  },
};

