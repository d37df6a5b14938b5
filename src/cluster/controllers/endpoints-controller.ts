/**
 * Endpoints and EndpointSlice controllers: for each Service with a selector,
 * the addresses of the selected pods (ready ones in `addresses`, the others
 * in `notReadyAddresses`), with ports resolved from `targetPort` (numbers or
 * container port names).
 *
 * @see k8s.io/kubernetes/pkg/controller/endpoint/endpoints_controller.go
 * @see k8s.io/kubernetes/pkg/controller/endpointslice
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import { mapSelectorMatches } from '../api/labels.js';
import type { Simulation } from '../simulation.js';
import type { ObjectStore } from '../store/object-store.js';
import { kindByResourceKey } from '../kinds/registry.js';
import {
  ownerRefTo,
  isPodReady,
  isTerminal,
  onStore,
  sameJson,
  splitKey,
  WorkQueue,
} from './util.js';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const SLICE_MANAGED_BY = 'endpointslice-controller.k8s.io';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** The container port a Service targetPort names on a pod (podutil.FindPort). */
export function findPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  const containers =
    (
      pod.spec as {
        containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
      }
    ).containers ?? [];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
    }
  }
  return undefined;
}

/** Whether a pod belongs in a Service's endpoints at all (ShouldPodBeInEndpoints). */
function podEligible(pod: KubeObject, publishNotReady: boolean): boolean {
  if (isTerminal(pod)) return false;
  const st = pod.status as { podIP?: string } | undefined;
  if (!st?.podIP) return false;
  if (!(pod.spec as { nodeName?: string }).nodeName) return false;
  if (pod.metadata.deletionTimestamp && !publishNotReady) return false;
  return true;
}

function addrKey(a: EndpointAddress): string {
  return a.ip;
}

/**
 * The Endpoints object the controller wants for a Service, given the pods of
 * its namespace. `subsets` is absent when no pod is selected.
 */
export function computeEndpoints(
  svc: KubeObject,
  pods: readonly KubeObject[],
  store?: ObjectStore,
): KubeObject {
  void store;
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const ns = svc.metadata.namespace!;
  const publish = !!spec.publishNotReadyAddresses;
  // ports-key → { ports, ready addrs, notReady addrs }
  const groups = new Map<
    string,
    {
      ports: EndpointPort[];
      ready: Map<string, EndpointAddress>;
      notReady: Map<string, EndpointAddress>;
    }
  >();
  const perAddr = new Map<
    string,
    { addr: EndpointAddress; ready: boolean; ports: EndpointPort[] }
  >();
  for (const pod of pods) {
    if (!mapSelectorMatches(spec.selector, pod.metadata.labels)) continue;
    if (!podEligible(pod, publish)) continue;
    const st = pod.status as { podIP: string };
    const ps = pod.spec as { nodeName?: string; hostname?: string; subdomain?: string };
    const addr: EndpointAddress = { ip: st.podIP };
    if (ps.hostname && ps.subdomain === svc.metadata.name && ps.subdomain)
      addr.hostname = ps.hostname;
    if (ps.nodeName) addr.nodeName = ps.nodeName;
    addr.targetRef = {
      kind: 'Pod',
      namespace: ns,
      name: pod.metadata.name!,
      uid: pod.metadata.uid!,
    };
    const ready = publish || isPodReady(pod);
    const ports: EndpointPort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = {
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
      };
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if ((spec.ports ?? []).length > 0 && ports.length === 0) continue;
    perAddr.set(addrKey(addr), { addr, ready, ports });
  }
  for (const { addr, ready, ports } of perAddr.values()) {
    const sorted = [...ports].sort(
      (a, b) => cmp(a.name ?? '', b.name ?? '') || a.port - b.port || cmp(a.protocol, b.protocol),
    );
    const k = JSON.stringify(sorted);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: sorted, ready: new Map(), notReady: new Map() }));
    (ready ? g.ready : g.notReady).set(addr.ip, addr);
  }
  const subsets: Subset[] = [];
  for (const g of [...groups.values()].sort((a, b) =>
    cmp(JSON.stringify(a.ports), JSON.stringify(b.ports)),
  )) {
    const s: Subset = {};
    const byIP = (a: EndpointAddress, b: EndpointAddress) =>
      cmp(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
    if (g.ready.size) s.addresses = [...g.ready.values()].sort(byIP);
    if (g.notReady.size) s.notReadyAddresses = [...g.notReady.values()].sort(byIP);
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const ep: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: ns,
      ...(Object.keys(labels).length ? { labels } : {}),
    },
  };
  if (subsets.length > 0) ep.subsets = subsets;
  return ep;
}

/** The EndpointSlice content for a Service (one slice; the name is kept by the caller). */
export function computeEndpointSlice(
  svc: KubeObject,
  pods: readonly KubeObject[],
): { endpoints: unknown[]; ports: unknown[] } {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const publish = !!spec.publishNotReadyAddresses;
  const endpoints: {
    addresses: string[];
    conditions: Record<string, boolean>;
    nodeName?: string;
    targetRef: unknown;
    hostname?: string;
  }[] = [];
  let ports: EndpointPort[] | undefined;
  for (const pod of [...pods].sort((a, b) => cmp(a.metadata.name!, b.metadata.name!))) {
    if (!mapSelectorMatches(spec.selector, pod.metadata.labels)) continue;
    if (isTerminal(pod)) continue;
    const st = pod.status as { podIP?: string } | undefined;
    const ps = pod.spec as { nodeName?: string; hostname?: string; subdomain?: string };
    if (!st?.podIP || !ps.nodeName) continue;
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = isPodReady(pod);
    const p: EndpointPort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      p.push({
        ...(sp.name !== undefined ? { name: sp.name } : { name: '' }),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      });
    }
    ports ??= p;
    const e: (typeof endpoints)[number] = {
      addresses: [st.podIP],
      conditions: { ready: (publish || ready) && !terminating, serving: ready, terminating },
      nodeName: ps.nodeName,
      targetRef: {
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        uid: pod.metadata.uid,
      },
    };
    if (ps.hostname && ps.subdomain === svc.metadata.name) e.hostname = ps.hostname;
    endpoints.push(e);
  }
  return { endpoints, ports: ports ?? [] };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function installEndpointsController(sim: Simulation): void {
  const name = 'endpoints-controller';
  const queue = new WorkQueue(sim, name);
  const servicesFor = (pod: KubeObject): string[] => {
    const ns = pod.metadata.namespace ?? '';
    return sim.store
      .list('services', ns)
      .filter((s) =>
        mapSelectorMatches((s.spec as ServiceSpec | undefined)?.selector, pod.metadata.labels),
      )
      .map((s) => `${ns}/${s.metadata.name}`);
  };
  onStore(sim, ['services', 'pods', 'endpoints', 'endpointslices.discovery.k8s.io'], (e) => {
    if (e.resource === 'services')
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    else if (e.resource === 'pods') {
      // Only changes the endpoints can show matter (not every status write).
      if (e.type === 'MODIFIED' && e.old && !endpointRelevantChange(e.old, e.object)) return;
      for (const k of servicesFor(e.object)) queue.add(k);
      if (e.old) for (const k of servicesFor(e.old)) queue.add(k);
    } else if (e.resource === 'endpoints') {
      if (e.type === 'DELETED')
        queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    } else {
      const svc = e.object.metadata.labels?.['kubernetes.io/service-name'];
      if (svc && e.type === 'DELETED') queue.add(`${e.object.metadata.namespace}/${svc}`);
    }
  });
  for (const s of sim.store.list('services'))
    queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
  sim.addController({
    name,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        sync(sim, key);
      });
    },
  });
}

function endpointRelevantChange(a: KubeObject, b: KubeObject): boolean {
  const sa = (a.status ?? {}) as { podIP?: string; phase?: string };
  const sb = (b.status ?? {}) as { podIP?: string; phase?: string };
  return (
    sa.podIP !== sb.podIP ||
    sa.phase !== sb.phase ||
    isPodReady(a) !== isPodReady(b) ||
    !sameJson(a.metadata.labels, b.metadata.labels) ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    (a.spec as { nodeName?: string }).nodeName !== (b.spec as { nodeName?: string }).nodeName
  );
}

function sync(sim: Simulation, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = sim.store.get('services', ns, name);
  const existing = sim.store.get('endpoints', ns, name);
  if (!svc) {
    // Endpoints of a deleted Service go with it; slices are garbage collected via owner refs.
    if (existing) sim.api.delete(kindByResourceKey('endpoints')!, ns, name);
    return;
  }
  const spec = (svc.spec ?? {}) as ServiceSpec;
  if (!spec.selector || Object.keys(spec.selector).length === 0) return; // user-managed endpoints
  if (svc.metadata.deletionTimestamp) return;
  const pods = sim.store.list('pods', ns);
  const want = computeEndpoints(svc, pods);
  if (!existing) {
    want.metadata.annotations = { [LAST_CHANGE_TRIGGER_TIME]: rfc3339(sim.now()) };
    sim.api.create(want);
  } else if (
    !sameJson(existing.subsets, want.subsets) ||
    !sameJson(existing.metadata.labels ?? {}, want.metadata.labels ?? {})
  ) {
    const next = cloneJson(existing);
    if (want.subsets) next.subsets = want.subsets;
    else delete next.subsets;
    if (want.metadata.labels) next.metadata.labels = want.metadata.labels;
    else delete next.metadata.labels;
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      [LAST_CHANGE_TRIGGER_TIME]: rfc3339(sim.now()),
    };
    sim.api.update(next);
  }
  syncSlice(sim, svc, pods);
}

function syncSlice(sim: Simulation, svc: KubeObject, pods: readonly KubeObject[]): void {
  const ns = svc.metadata.namespace!;
  const existing = sim.store
    .list('endpointslices.discovery.k8s.io', ns)
    .find(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name &&
        s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === SLICE_MANAGED_BY,
    );
  const { endpoints, ports } = computeEndpointSlice(svc, pods);
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    'endpointslice.kubernetes.io/managed-by': SLICE_MANAGED_BY,
    'kubernetes.io/service-name': svc.metadata.name!,
  };
  if ((svc.spec as ServiceSpec).clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (!existing) {
    sim.api.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels,
        annotations: { [LAST_CHANGE_TRIGGER_TIME]: rfc3339(sim.now()) },
        ownerReferences: [ownerRefTo(svc)],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    });
    return;
  }
  if (
    sameJson(existing.endpoints ?? [], endpoints) &&
    sameJson(existing.ports ?? [], ports) &&
    sameJson(existing.metadata.labels, labels)
  )
    return;
  const next = cloneJson(existing);
  next.endpoints = endpoints;
  next.ports = ports;
  next.metadata.labels = labels;
  next.metadata.annotations = {
    ...(next.metadata.annotations ?? {}),
    [LAST_CHANGE_TRIGGER_TIME]: rfc3339(sim.now()),
  };
  sim.api.update(next);
}
