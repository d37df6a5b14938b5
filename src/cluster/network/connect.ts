import type { KubeObject } from '../api/meta.js';
import type { Kubelet, RunningProcess } from '../kubelet/index.js';
import type { ObjectStore } from '../store/object-store.js';
import type { Rng } from '../time/rng.js';
import { addressesOf, hostsEntries, queryCoreDNS, resolverConfig, searchCandidates, type DnsAnswer, type RRType } from './dns.js';
import { inCidr, isIPv4 } from './ip.js';
import {
  findNodeByIP,
  findPodByIP,
  isHeadless,
  isHostNetwork,
  nodeIP,
  nsOf,
  podContainers,
  podIP,
  podNode,
  podRef,
  protocolOf,
  readyBackends,
  serviceClusterIP,
  servicePorts,
  serviceType,
  spec,
  type Protocol,
  type ServicePort,
} from './model.js';
import { evaluate, type PolicyEndpoint, type PolicyVerdict } from './network-policy.js';

/** What the network needs from the simulation (a fake one in tests). */
export interface NetHost {
  store: ObjectStore;
  /** Read lazily: the kubelet may be installed after the network. */
  kubelet(): Pick<Kubelet, 'process'>;
  /** Endpoint choice, as kube-proxy's random iptables rules make it. */
  rng: Rng;
  now(): number;
  /** Lets simulated time pass (a tool waiting for a timeout). */
  advanceBy(ms: number): void;
}

export type ConnectOutcome = 'ok' | 'refused' | 'timeout' | 'nxdomain' | 'unreachable';

/** Who opens a connection: a pod, or a node (kubelet probes, `curl` on the host). */
export type Client = { pod: KubeObject } | { node: string };

export interface ConnectOptions {
  /**
   * How a Service backend is chosen: `random` (default, like kube-proxy,
   * from the network's seeded RNG), `first`, or `any` (ok when any ready
   * backend answers; consumes no randomness, for objective checks).
   */
  pick?: 'random' | 'first' | 'any';
  /** Stop after routing and policy, without asking the process (DNS reachability). */
  skipProcess?: boolean;
}

export interface ConnectResult {
  outcome: ConnectOutcome;
  /** Which step decided the outcome. */
  stage: 'dns' | 'route' | 'service' | 'policy' | 'process' | 'connected';
  explanation: string;
  /** The address dialed (a ClusterIP, node IP or pod IP). */
  ip?: string;
  port?: number;
  /** After Service translation: the pod IP and port actually reached. */
  backendIP?: string;
  backendPort?: number;
  targetPod?: { namespace: string; name: string };
  /** The container whose process accepted the connection. */
  container?: string;
  process?: RunningProcess;
  /** Set when a name lookup failed. */
  dns?: 'nxdomain' | 'servfail' | 'timeout' | 'refused';
  policy?: PolicyVerdict;
}

export type Resolution =
  | { kind: 'ok'; ips: string[]; fqdn: string; answer?: DnsAnswer }
  | { kind: 'nxdomain' | 'servfail'; tried: string[]; explanation: string }
  | { kind: 'timeout' | 'refused'; explanation: string; server: string };

function clientEndpoint(store: ObjectStore, c: Client): PolicyEndpoint | undefined {
  if ('node' in c) {
    const ip = nodeIP(store.get('nodes', '', c.node));
    return ip ? { ip } : undefined;
  }
  if (isHostNetwork(c.pod)) {
    const ip = nodeIP(store.get('nodes', '', podNode(c.pod) ?? ''));
    return ip ? { ip, pod: c.pod } : undefined;
  }
  // A pod whose IP is not recorded yet (starting up) still matches selectors.
  return { ip: podIP(c.pod) ?? '', pod: c.pod };
}

function describeClient(c: Client): string {
  return 'node' in c ? `node ${c.node}` : `pod ${podRef(c.pod)}`;
}

/** Pod CIDRs the nodes were given; IPs in them without a pod answer "No route to host". */
function inPodNetwork(store: ObjectStore, ip: string): boolean {
  for (const n of store.list('nodes')) {
    const s = spec(n);
    const cidrs = [...(Array.isArray(s.podCIDRs) ? (s.podCIDRs as string[]) : []), ...(typeof s.podCIDR === 'string' ? [s.podCIDR] : [])];
    if (cidrs.some((c) => inCidr(ip, c))) return true;
  }
  return inCidr(ip, '10.244.0.0/16');
}

/**
 * A RunningProcess that can also say whether it accepts connections from
 * inside its own pod (bound to 127.0.0.1 counts). Optional: when the kubelet
 * does not provide it, `listensOn` answers for loopback too.
 */
export type LoopbackAwareProcess = RunningProcess & {
  listensLocally?(port: number, protocol?: 'TCP' | 'UDP'): boolean;
};

/** The process listening on a pod's port, searching every container (they share the network namespace). */
function listener(
  host: NetHost,
  pod: KubeObject,
  port: number,
  protocol: Protocol,
  fromInside = false,
): { container: string; process: RunningProcess } | undefined {
  if (protocol === 'ICMP') return undefined;
  const kubelet = host.kubelet();
  const proto = protocol === 'SCTP' ? 'TCP' : protocol;
  for (const c of podContainers(pod)) {
    const p = kubelet.process(nsOf(pod), pod.metadata.name ?? '', c.name) as LoopbackAwareProcess | undefined;
    if (!p) continue;
    const listens = fromInside && p.listensLocally ? p.listensLocally(port, proto) : p.listensOn(port, proto);
    if (listens) return { container: c.name, process: p };
  }
  return undefined;
}

function portsSummary(pod: KubeObject): string {
  const ps = podContainers(pod).flatMap((c) => c.ports.map((p) => `${c.name}:${p.containerPort}`));
  return ps.length > 0 ? ps.join(', ') : 'none declared';
}

/** The last hop: policy at both ends, then the destination pod's process. */
function connectPod(
  host: NetHost,
  client: Client,
  pod: KubeObject,
  port: number,
  protocol: Protocol,
  base: Partial<ConnectResult>,
  opts: ConnectOptions,
): ConnectResult {
  const from = clientEndpoint(host.store, client);
  const ip = podIP(pod) ?? '';
  const target = { namespace: nsOf(pod), name: pod.metadata.name ?? '' };
  const r = { ...base, backendIP: ip, backendPort: port, targetPod: target };
  if (from) {
    const policy = evaluate(host.store, from, { ip, pod }, port, protocol);
    if (!policy.allowed) {
      return {
        ...r,
        outcome: 'timeout',
        stage: 'policy',
        policy,
        explanation: `${policy.reasons.join('; ')}. Dropped packets are never answered, so the client waits until it times out.`,
      };
    }
    r.policy = policy;
  }
  if (opts.skipProcess) return { ...r, outcome: 'ok', stage: 'connected', explanation: `reached pod ${podRef(pod)} (${ip}:${port})` };
  // Only connections to 127.0.0.1 reach sockets bound to the loopback address.
  const l = listener(host, pod, port, protocol, base.ip?.startsWith('127.') ?? false);
  if (!l) {
    return {
      ...r,
      outcome: 'refused',
      stage: 'process',
      explanation: `nothing in pod ${podRef(pod)} listens on ${protocol}/${port} (container ports: ${portsSummary(pod)}); the pod's kernel answers with a reset`,
    };
  }
  return {
    ...r,
    outcome: 'ok',
    stage: 'connected',
    container: l.container,
    process: l.process,
    explanation: `connected to container ${l.container} of pod ${podRef(pod)} (${ip}:${port})`,
  };
}

/** A connection to a node's own address: hostPort pods and host-network pods on it. */
function connectNode(
  host: NetHost,
  client: Client,
  node: KubeObject,
  port: number,
  protocol: Protocol,
  base: Partial<ConnectResult>,
  opts: ConnectOptions,
): ConnectResult {
  const store = host.store;
  const ip = nodeIP(node) ?? '';
  const from = clientEndpoint(store, client);
  const policy = from?.pod ? evaluate(store, from, { ip }, port, protocol) : undefined;
  if (policy && !policy.allowed) {
    return { ...base, outcome: 'timeout', stage: 'policy', policy, explanation: policy.reasons.join('; ') };
  }
  for (const p of store.list('pods')) {
    if (podNode(p) !== node.metadata.name) continue;
    for (const c of podContainers(p)) {
      const hp = c.ports.find((cp) => (cp as { hostPort?: number }).hostPort === port && (cp.protocol ?? 'TCP') === protocol);
      if (hp && !isHostNetwork(p)) return connectPod(host, client, p, hp.containerPort, protocol, base, opts);
    }
    if (isHostNetwork(p)) {
      if (opts.skipProcess) return { ...base, outcome: 'ok', stage: 'connected', explanation: `reached node ${node.metadata.name} (${ip}:${port})` };
      const l = listener(host, p, port, protocol);
      if (l) {
        return {
          ...base,
          outcome: 'ok',
          stage: 'connected',
          container: l.container,
          process: l.process,
          targetPod: { namespace: nsOf(p), name: p.metadata.name ?? '' },
          explanation: `connected to host-network pod ${podRef(p)} on node ${node.metadata.name} (${ip}:${port})`,
        };
      }
    }
  }
  return { ...base, outcome: 'refused', stage: 'process', explanation: `nothing listens on ${protocol}/${port} on node ${node.metadata.name} (${ip})` };
}

function backendsOrRefuse(
  host: NetHost,
  client: Client,
  svc: KubeObject,
  sp: ServicePort,
  base: Partial<ConnectResult>,
  opts: ConnectOptions,
  via: string,
): ConnectResult {
  const protocol = protocolOf(sp) as Protocol;
  const backends = readyBackends(host.store, svc, sp);
  const svcRef = `${nsOf(svc)}/${svc.metadata.name ?? ''}`;
  if (backends.length === 0) {
    return {
      ...base,
      outcome: 'refused',
      stage: 'service',
      explanation: `Service ${svcRef} has no ready endpoints for port ${sp.name ? `${sp.name} ` : ''}${sp.port}/${protocol}; kube-proxy rejects connections to ${via}`,
    };
  }
  const attempt = (b: (typeof backends)[number]): ConnectResult => {
    const pod = findPodByIP(host.store, b.address.ip);
    const note = `${via} → endpoint ${b.address.ip}:${b.port}`;
    if (!pod) {
      // Endpoints on a node address (the API server, host-network pods).
      const node = findNodeByIP(host.store, b.address.ip);
      if (node) {
        const r = connectNode(host, client, node, b.port, protocol, { ...base, backendIP: b.address.ip, backendPort: b.port }, opts);
        return { ...r, explanation: `${note}: ${r.explanation}` };
      }
      return { ...base, backendIP: b.address.ip, backendPort: b.port, outcome: 'timeout', stage: 'route', explanation: `${note}, but no pod owns ${b.address.ip}` };
    }
    const r = connectPod(host, client, pod, b.port, protocol, base, opts);
    return { ...r, explanation: `${note}: ${r.explanation}` };
  };
  const pick = opts.pick ?? 'random';
  if (pick === 'any') {
    let last: ConnectResult | undefined;
    for (const b of backends) {
      last = attempt(b);
      if (last.outcome === 'ok') return last;
    }
    return last!;
  }
  return attempt(backends[pick === 'first' ? 0 : host.rng.int(backends.length)]!);
}

/**
 * Opens a connection to an IP address, as the kernel and kube-proxy
 * (iptables mode) would route it: ClusterIP → a ready endpoint (port →
 * targetPort), NodePort on a node IP, or a pod IP directly; then
 * NetworkPolicy at both ends; then the destination container's process.
 */
export function connectIp(
  host: NetHost,
  client: Client,
  ip: string,
  port: number,
  protocol: Protocol = 'TCP',
  opts: ConnectOptions = {},
): ConnectResult {
  const store = host.store;
  const base: Partial<ConnectResult> = { ip, port };
  const from = clientEndpoint(store, client);
  if (!from) {
    return { ...base, outcome: 'unreachable', stage: 'route', explanation: `${describeClient(client)} has no IP address yet` };
  }
  // Loopback and the pod's own IP stay inside its network namespace.
  if (ip.startsWith('127.') || (!('node' in client) && !isHostNetwork(client.pod) && ip === from.ip)) {
    if ('node' in client) return { ...base, outcome: 'refused', stage: 'process', explanation: 'nothing listens on the node' };
    return connectPod(host, client, client.pod, port, protocol, base, opts);
  }
  // A Service ClusterIP.
  const svc = store.list('services').find((s) => serviceClusterIP(s) === ip && !isHeadless(s));
  if (svc) {
    const sp = servicePorts(svc).find((p) => p.port === port && protocolOf(p) === protocol);
    if (!sp) {
      const ports = servicePorts(svc).map((p) => `${p.port}/${protocolOf(p)}`).join(', ');
      return {
        ...base,
        outcome: 'timeout',
        stage: 'service',
        explanation: `Service ${nsOf(svc)}/${svc.metadata.name} (${ip}) does not expose ${protocol}/${port} (it exposes ${ports || 'no ports'}); no rule matches, nobody owns the virtual IP, the packets are lost`,
      };
    }
    return backendsOrRefuse(host, client, svc, sp, base, opts, `${ip}:${port}`);
  }
  // A node: NodePort Services, hostPort pods, hostNetwork pods.
  const node = findNodeByIP(store, ip);
  if (node) {
    for (const s of store.list('services')) {
      const t = serviceType(s);
      if (t !== 'NodePort' && t !== 'LoadBalancer') continue;
      const sp = servicePorts(s).find((p) => p.nodePort === port && protocolOf(p) === protocol);
      if (sp) return backendsOrRefuse(host, client, s, sp, base, opts, `NodePort ${ip}:${port}`);
    }
    return connectNode(host, client, node, port, protocol, base, opts);
  }
  // A pod IP.
  const pod = findPodByIP(store, ip);
  if (pod) return connectPod(host, client, pod, port, protocol, base, opts);
  if (inPodNetwork(store, ip)) {
    return { ...base, outcome: 'unreachable', stage: 'route', explanation: `no pod has the IP ${ip} (it may have been deleted); the node cannot resolve it: No route to host` };
  }
  return {
    ...base,
    outcome: 'timeout',
    stage: 'route',
    explanation: isIPv4(ip)
      ? `nothing in the simulated cluster owns ${ip} and it has no route to the outside; the packets are lost`
      : `${ip} is not an IPv4 address`,
  };
}

/**
 * Resolves a host name from a client, as getaddrinfo does: an IP literal,
 * /etc/hosts, then the cluster DNS along the search path. The DNS server
 * must be reachable: kube-dns needs ready endpoints, and NetworkPolicy must
 * let the client reach a CoreDNS pod on UDP/53.
 */
export function resolveHost(host: NetHost, client: Client, name: string): Resolution {
  if (isIPv4(name)) return { kind: 'ok', ips: [name], fqdn: name };
  if ('node' in client) return { kind: 'servfail', tried: [name], explanation: 'nodes do not use the cluster DNS' };
  const lower = name.toLowerCase();
  const hosts = hostsEntries(host.store, client.pod);
  const fromHosts = hosts.get(lower.replace(/\.$/, ''));
  if (fromHosts) return { kind: 'ok', ips: [fromHosts], fqdn: lower };
  const cfg = resolverConfig(host.store, client.pod);
  const server = cfg.nameservers[0];
  if (!server) return { kind: 'refused', server: '127.0.0.1', explanation: 'the pod has no nameserver (dnsPolicy None without dnsConfig)' };
  const reach = dnsReachable(host, client, server);
  if (reach) return reach;
  const tried: string[] = [];
  let servfail = false;
  for (const cand of searchCandidates(lower, cfg)) {
    tried.push(cand);
    const ans = dnsQuery(host, server, cand, 'A');
    const ips = addressesOf(ans);
    if (ans.rcode === 'NOERROR' && ips.length > 0) return { kind: 'ok', ips, fqdn: cand, answer: ans };
    if (ans.rcode === 'SERVFAIL') servfail = true;
  }
  return servfail
    ? { kind: 'servfail', tried, explanation: `no cluster name matches ${name} (tried ${tried.join(', ')}) and the cluster DNS has no upstream` }
    : { kind: 'nxdomain', tried, explanation: `no DNS name matches ${name} (tried ${tried.join(', ')})` };
}

/** Whether an IP belongs to the cluster: a Service ClusterIP, a pod or a node. */
export function isClusterAddress(store: ObjectStore, ip: string): boolean {
  return (
    store.list('services').some((s) => serviceClusterIP(s) === ip) ||
    findPodByIP(store, ip) !== undefined ||
    findNodeByIP(store, ip) !== undefined ||
    ip.startsWith('127.')
  );
}

/**
 * One DNS query to `server`: the cluster DNS answers as CoreDNS; any other
 * server is an upstream resolver outside the cluster, which knows no
 * cluster names (and, the simulated cluster being offline, no others).
 */
export function dnsQuery(host: NetHost, server: string, qname: string, qtype: RRType): DnsAnswer {
  if (!isClusterAddress(host.store, server)) return { rcode: 'NXDOMAIN', authoritative: false, records: [] };
  return queryCoreDNS(host.store, qname, qtype);
}

/** Undefined when the nameserver answers this client; otherwise why it does not. */
export function dnsReachable(host: NetHost, client: Client, server: string): Resolution | undefined {
  if (!isClusterAddress(host.store, server)) {
    // The node's upstream resolver: reachable unless an egress policy forbids it.
    const from = clientEndpoint(host.store, client);
    const policy = from?.pod ? evaluate(host.store, from, { ip: server }, 53, 'UDP') : undefined;
    if (!policy || policy.allowed) return undefined;
    return { kind: 'timeout', server, explanation: `DNS server ${server}: ${policy.reasons.join('; ')}` };
  }
  // The server must also be a DNS server: something listening on UDP/53.
  const r = connectIp(host, client, server, 53, 'UDP', { pick: 'any' });
  if (r.outcome === 'ok') return undefined;
  const why = `DNS server ${server}: ${r.explanation}`;
  return r.outcome === 'refused'
    ? { kind: 'refused', server, explanation: why }
    : { kind: 'timeout', server, explanation: why };
}

/**
 * Resolves `host` from the client and connects to `port`: the one question
 * other modules ask ("can the app reach db:5432?").
 */
export function connectHost(
  host: NetHost,
  client: Client,
  name: string,
  port: number,
  protocol: Protocol = 'TCP',
  opts: ConnectOptions = {},
): ConnectResult {
  const res = resolveHost(host, client, name);
  switch (res.kind) {
    case 'ok': {
      const r = connectIp(host, client, res.ips[0]!, port, protocol, opts);
      return res.fqdn === name ? r : { ...r, explanation: `${name} resolved to ${res.ips[0]} (${res.fqdn}); ${r.explanation}` };
    }
    case 'nxdomain':
    case 'servfail':
      return { outcome: 'nxdomain', stage: 'dns', dns: res.kind, port, explanation: res.explanation };
    case 'refused':
      return { outcome: 'nxdomain', stage: 'dns', dns: 'refused', port, explanation: `cannot resolve ${name}: ${res.explanation}` };
    case 'timeout':
      return { outcome: 'timeout', stage: 'dns', dns: 'timeout', port, explanation: `lookup of ${name} timed out: ${res.explanation}` };
  }
}
