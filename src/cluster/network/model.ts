import { isDict, type KubeObject } from '../api/meta.js';
import type { ObjectStore } from '../store/object-store.js';

/**
 * Read-only views of the stored objects the network needs. The network
 * never writes: IPs, ClusterIPs and Endpoints are allocated and computed by
 * the API server, the kubelet and the Endpoints controller.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

/** The cluster DNS domain (kubelet `clusterDomain`). */
export const CLUSTER_DOMAIN = 'cluster.local';
/** kubelet `clusterDNS` default on kubeadm clusters, used when no kube-dns Service exists. */
export const DEFAULT_DNS_IP = '10.96.0.10';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

export function spec(o: KubeObject | undefined): Record<string, unknown> {
  return o && isDict(o.spec) ? o.spec : {};
}

export function status(o: KubeObject | undefined): Record<string, unknown> {
  return o && isDict(o.status) ? o.status : {};
}

export function nsOf(o: KubeObject): string {
  return o.metadata.namespace ?? '';
}

export function podRef(o: KubeObject): string {
  return `${nsOf(o)}/${o.metadata.name ?? ''}`;
}

export function podIP(pod: KubeObject): string | undefined {
  const ip = status(pod).podIP;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
}

export function isHostNetwork(pod: KubeObject): boolean {
  return spec(pod).hostNetwork === true;
}

export function podPhase(pod: KubeObject): string {
  const p = status(pod).phase;
  return typeof p === 'string' ? p : 'Pending';
}

export function podContainers(pod: KubeObject): { name: string; ports: ContainerPort[] }[] {
  const cs = spec(pod).containers;
  if (!Array.isArray(cs)) return [];
  return cs.filter(isDict).map((c) => ({
    name: typeof c.name === 'string' ? c.name : '',
    ports: Array.isArray(c.ports) ? (c.ports.filter(isDict) as unknown as ContainerPort[]) : [],
  }));
}

/** The node a pod runs on, or undefined while unscheduled. */
export function podNode(pod: KubeObject): string | undefined {
  const n = spec(pod).nodeName;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

/** A node's InternalIP (first one), if recorded. */
export function nodeIP(node: KubeObject | undefined): string | undefined {
  const addrs = status(node).addresses;
  if (!Array.isArray(addrs)) return undefined;
  for (const a of addrs) if (isDict(a) && a.type === 'InternalIP' && typeof a.address === 'string') return a.address;
  return undefined;
}

export function findNodeByIP(store: ObjectStore, ip: string): KubeObject | undefined {
  return store.list('nodes').find((n) => nodeIP(n) === ip);
}

/** Pods that own an IP on the pod network (not hostNetwork, not finished). */
export function findPodByIP(store: ObjectStore, ip: string): KubeObject | undefined {
  return store
    .list('pods')
    .find((p) => podIP(p) === ip && !isHostNetwork(p) && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
}

/** Namespace labels, including the immutable `kubernetes.io/metadata.name`. */
export function namespaceLabels(store: ObjectStore, ns: string): Record<string, string> {
  const o = store.get('namespaces', '', ns);
  return { ...(o?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
}

export function serviceType(svc: KubeObject): string {
  const t = spec(svc).type;
  return typeof t === 'string' ? t : 'ClusterIP';
}

export function serviceClusterIP(svc: KubeObject): string | undefined {
  const ip = spec(svc).clusterIP;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
}

export function isHeadless(svc: KubeObject): boolean {
  return serviceClusterIP(svc) === 'None';
}

export function servicePorts(svc: KubeObject): ServicePort[] {
  const ps = spec(svc).ports;
  return Array.isArray(ps) ? (ps.filter(isDict) as unknown as ServicePort[]) : [];
}

export function protocolOf(p: { protocol?: string } | undefined): string {
  return p?.protocol ?? 'TCP';
}

export function endpointSubsets(store: ObjectStore, ns: string, name: string): EndpointSubset[] {
  const ep = store.get('endpoints', ns, name);
  const ss = ep?.subsets;
  return Array.isArray(ss) ? (ss.filter(isDict) as unknown as EndpointSubset[]) : [];
}

/**
 * Ready endpoints (address, port) for one Service port, as kube-proxy
 * programs them: matched by port name (Endpoints ports carry the Service
 * port's name) and protocol.
 */
export function readyBackends(store: ObjectStore, svc: KubeObject, sp: ServicePort): { address: EndpointAddress; port: number }[] {
  const out: { address: EndpointAddress; port: number }[] = [];
  for (const s of endpointSubsets(store, nsOf(svc), svc.metadata.name ?? '')) {
    const port = (s.ports ?? []).find(
      (p) => (p.name ?? '') === (sp.name ?? '') && protocolOf(p) === protocolOf(sp),
    );
    if (!port) continue;
    for (const a of s.addresses ?? []) out.push({ address: a, port: port.port });
  }
  return out;
}

/** Every ready endpoint address of a Service (any port), for headless DNS. */
export function readyAddresses(store: ObjectStore, ns: string, name: string): EndpointAddress[] {
  const seen = new Set<string>();
  const out: EndpointAddress[] = [];
  for (const s of endpointSubsets(store, ns, name))
    for (const a of s.addresses ?? [])
      if (!seen.has(a.ip)) {
        seen.add(a.ip);
        out.push(a);
      }
  return out;
}

export function isPodReady(pod: KubeObject): boolean {
  const cs = status(pod).conditions;
  return Array.isArray(cs) && cs.some((c) => isDict(c) && c.type === 'Ready' && c.status === 'True');
}
