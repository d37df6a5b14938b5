import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { cols, type TableHandler } from './types.js';
import { formatLabelSelector, formatLabels, translateTimestampSince } from './format.js';

const LOAD_BALANCER_WIDTH = 16;

function lbStatusString(ingress: { ip?: string; hostname?: string }[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

/** @see printers.go getServiceExternalIP (the server computes it for wide output) */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatusString(svc.status?.loadBalancer?.ingress, wide);
      if (ext.length > 0) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

/** @see printers.go printService */
export const serviceTable: TableHandler = {
  columns: cols('Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', ['Selector', 1]),
  row: (obj, now) => {
    const svc = obj as unknown as Service;
    // The server prints with Wide=true (kubectl hides priority columns), so
    // EXTERNAL-IP is never clipped to 16 bytes in server-side tables.
    return [
      obj.metadata.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(svc, true),
      servicePorts(svc) || '<none>',
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** formatEndpoints: `ip:port,…` up to 3, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints, ports?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** @see printers.go printEndpoints */
export const endpointsTable: TableHandler = {
  columns: cols('Name', 'Endpoints', 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', formatEndpoints(obj as unknown as Endpoints), translateTimestampSince(obj.metadata.creationTimestamp, now)],
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** @see printers.go printEndpointSlice */
export const endpointSliceTable: TableHandler = {
  columns: cols('Name', 'AddressType', 'Ports', 'Endpoints', 'Age'),
  row: (obj, now) => {
    const es = obj as unknown as EndpointSlice;
    const max = 3;
    const ports: string[] = [];
    let pc = 0;
    for (const p of es.ports ?? []) {
      if (ports.length < max) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
      pc++;
    }
    const eps: string[] = [];
    let ec = 0;
    for (const e of es.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (eps.length < max) eps.push(a);
        ec++;
      }
    }
    return [
      obj.metadata.name ?? '',
      es.addressType ?? '',
      listWithMore(ports, pc > max, pc, max),
      listWithMore(eps, ec > max, ec, max),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
};

/** @see printers.go printIngress */
export const ingressTable: TableHandler = {
  columns: cols('Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'),
  row: (obj, now) => {
    const ing = obj as unknown as Ingress;
    const rules = ing.spec?.rules ?? [];
    const list: string[] = [];
    const max = 3;
    let more = false;
    for (const r of rules) {
      if (list.length === max) more = true;
      if (!more && r.host) list.push(r.host);
    }
    const hosts = list.length === 0 ? '*' : more ? `${list.join(',')} + ${rules.length - max} more...` : list.join(',');
    return [
      obj.metadata.name ?? '',
      ing.spec?.ingressClassName ?? '<none>',
      hosts,
      lbStatusString(ing.status?.loadBalancer?.ingress, true),
      (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
};

/** @see printers.go printIngressClass */
export const ingressClassTable: TableHandler = {
  columns: cols('Name', 'Controller', 'Parameters', 'Age'),
  row: (obj, now) => {
    const ic = obj as unknown as IngressClass;
    const p = ic.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [obj.metadata.name ?? '', ic.spec?.controller ?? '', params, translateTimestampSince(obj.metadata.creationTimestamp, now)];
  },
};

/** @see printers.go printNetworkPolicy */
export const networkPolicyTable: TableHandler = {
  columns: cols('Name', 'Pod-Selector', 'Age'),
  row: (obj, now) => {
    const np = obj as unknown as NetworkPolicy;
    return [obj.metadata.name ?? '', formatLabelSelector(np.spec?.podSelector ?? {}), translateTimestampSince(obj.metadata.creationTimestamp, now)];
  },
};
