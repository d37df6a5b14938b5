import type { KubeObject } from '../api/meta.js';
import type { ObjectStore } from '../store/object-store.js';
import { dashedIP, isIPv4, reverseName, undashIP } from './ip.js';
import {
  CLUSTER_DOMAIN,
  DEFAULT_DNS_IP,
  isHeadless,
  nsOf,
  podIP,
  readyAddresses,
  serviceClusterIP,
  serviceType,
  spec,
  isHostNetwork,
  nodeIP,
  podNode,
} from './model.js';

/**
 * Cluster DNS as CoreDNS's `kubernetes` plugin answers it (kubeadm's
 * Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure }`),
 * and the pod side: resolv.conf and /etc/hosts as the kubelet writes them,
 * and the search-path walk a libc resolver does.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
 * @see https://github.com/kubernetes/dns/blob/master/docs/specification.md
 */

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'ANY';

export interface DnsRecord {
  name: string;
  type: 'A' | 'CNAME' | 'PTR';
  value: string;
  ttl: number;
}

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  /** CoreDNS is authoritative for the cluster zones; forwarded answers are not. */
  authoritative: boolean;
  records: DnsRecord[];
}

/** What a pod's resolver is configured with. */
export interface ResolverConfig {
  nameservers: string[];
  search: string[];
  ndots: number;
  /** Whether the cluster DNS serves this pod (ClusterFirst and friends). */
  clusterDNS: boolean;
}

/** The kube-dns Service's ClusterIP, the kubelet's `clusterDNS`. */
export function clusterDNSIP(store: ObjectStore): string {
  const svc = store.get('services', 'kube-system', 'kube-dns');
  const ip = svc ? serviceClusterIP(svc) : undefined;
  return ip && ip !== 'None' ? ip : DEFAULT_DNS_IP;
}

/**
 * The resolver configuration the kubelet gives a pod for its dnsPolicy
 * (ClusterFirst by default; a hostNetwork pod with ClusterFirst falls back to
 * the node's resolver, which knows no cluster names).
 */
export function resolverConfig(store: ObjectStore, pod: KubeObject): ResolverConfig {
  const s = spec(pod);
  const policy = typeof s.dnsPolicy === 'string' ? s.dnsPolicy : 'ClusterFirst';
  const dnsConfig = (s.dnsConfig ?? {}) as { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
  const ns = nsOf(pod);
  let cfg: ResolverConfig;
  const node: ResolverConfig = { nameservers: ['8.8.8.8'], search: [], ndots: 1, clusterDNS: false };
  if (policy === 'None') cfg = { nameservers: [], search: [], ndots: 1, clusterDNS: false };
  else if (policy === 'Default' || (policy === 'ClusterFirst' && isHostNetwork(pod))) cfg = node;
  else
    cfg = {
      nameservers: [clusterDNSIP(store)],
      search: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
      ndots: 5,
      clusterDNS: true,
    };
  cfg = {
    ...cfg,
    nameservers: [...cfg.nameservers, ...(dnsConfig.nameservers ?? [])].slice(0, 3),
    search: [...cfg.search, ...(dnsConfig.searches ?? [])],
  };
  for (const o of dnsConfig.options ?? []) if (o.name === 'ndots' && o.value !== undefined) cfg.ndots = Number(o.value);
  if (cfg.nameservers.includes(clusterDNSIP(store))) cfg.clusterDNS = true;
  return cfg;
}

/** /etc/resolv.conf as containerd writes it from the kubelet's DNS config. */
export function resolvConf(cfg: ResolverConfig): string {
  let s = '';
  if (cfg.search.length > 0) s += `search ${cfg.search.join(' ')}\n`;
  for (const n of cfg.nameservers) s += `nameserver ${n}\n`;
  if (cfg.ndots !== 1) s += `options ndots:${cfg.ndots}\n`;
  return s;
}

/** The pod's hostname (`spec.hostname` or the pod name, at most 63 characters). */
export function podHostname(pod: KubeObject): string {
  const h = spec(pod).hostname;
  return typeof h === 'string' && h !== '' ? h : (pod.metadata.name ?? '').slice(0, 63);
}

/**
 * /etc/hosts as the kubelet manages it.
 * @see kubernetes/pkg/kubelet/kubelet_pods.go managedHostsFileContent
 */
export function hostsFile(store: ObjectStore, pod: KubeObject): string {
  let s = '# Kubernetes-managed hosts file.\n';
  s += '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const ip = isHostNetwork(pod) ? nodeIP(store.get('nodes', '', podNode(pod) ?? '')) : podIP(pod);
  if (ip && !isHostNetwork(pod)) {
    const host = podHostname(pod);
    const sub = spec(pod).subdomain;
    s +=
      typeof sub === 'string' && sub !== ''
        ? `${ip}\t${host}.${sub}.${nsOf(pod)}.svc.${CLUSTER_DOMAIN}\t${host}\n`
        : `${ip}\t${host}\n`;
  }
  const aliases = spec(pod).hostAliases;
  if (Array.isArray(aliases) && aliases.length > 0) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases as { ip: string; hostnames?: string[] }[]) s += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}

/** Names /etc/hosts resolves for this pod (lower-cased) → IP. */
export function hostsEntries(store: ObjectStore, pod: KubeObject): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of hostsFile(store, pod).split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [ip, ...names] = t.split(/\s+/);
    if (!isIPv4(ip ?? '')) continue;
    for (const n of names) if (!m.has(n.toLowerCase())) m.set(n.toLowerCase(), ip!);
  }
  return m;
}

const TTL = 30; // kubeadm Corefile: `ttl 30`

/**
 * Answers one query the way CoreDNS does in a kubeadm cluster. Names outside
 * the cluster zones would be forwarded upstream; the simulated cluster has no
 * internet, so they are NXDOMAIN.
 */
export function queryCoreDNS(store: ObjectStore, qname: string, qtype: RRType): DnsAnswer {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const nx: DnsAnswer = { rcode: 'NXDOMAIN', authoritative: true, records: [] };
  const noData: DnsAnswer = { rcode: 'NOERROR', authoritative: true, records: [] };
  if (name.endsWith('.in-addr.arpa')) return reverse(store, name, qtype);
  if (name !== CLUSTER_DOMAIN && !name.endsWith(`.${CLUSTER_DOMAIN}`)) {
    // Forwarded upstream (`forward . /etc/resolv.conf`). The simulated cluster
    // is offline: every outside name is answered NXDOMAIN, non-authoritatively,
    // which is also what a real upstream says for `kubernetes.default`.
    return { rcode: 'NXDOMAIN', authoritative: false, records: [] };
  }
  const labels = name === CLUSTER_DOMAIN ? [] : name.slice(0, -CLUSTER_DOMAIN.length - 1).split('.');
  const wantA = qtype === 'A' || qtype === 'ANY';
  const a = (ips: string[]): DnsAnswer => ({
    rcode: 'NOERROR',
    authoritative: true,
    records: wantA ? ips.map((ip) => ({ name, type: 'A' as const, value: ip, ttl: TTL })) : [],
  });
  // <svc>.<ns>.svc.cluster.local
  if (labels.length === 3 && labels[2] === 'svc') {
    const [svcName, ns] = labels as [string, string];
    const svc = store.get('services', ns, svcName);
    if (!svc) return nx;
    if (serviceType(svc) === 'ExternalName') {
      const target = String(spec(svc).externalName ?? '').replace(/\.$/, '');
      if (qtype === 'AAAA' || qtype === 'A' || qtype === 'CNAME' || qtype === 'ANY') {
        const records: DnsRecord[] = [{ name, type: 'CNAME', value: target, ttl: TTL }];
        if (qtype !== 'CNAME' && (target === CLUSTER_DOMAIN || target.endsWith(`.${CLUSTER_DOMAIN}`))) {
          records.push(...queryCoreDNS(store, target, qtype).records);
        }
        return { rcode: 'NOERROR', authoritative: true, records };
      }
      return noData;
    }
    if (isHeadless(svc)) {
      const ips = readyAddresses(store, ns, svcName).map((e) => e.ip);
      return ips.length > 0 ? a(ips) : nx;
    }
    const ip = serviceClusterIP(svc);
    return ip ? a([ip]) : nx;
  }
  // <hostname>.<svc>.<ns>.svc.cluster.local (headless endpoints with a hostname)
  if (labels.length === 4 && labels[3] === 'svc') {
    const [host, svcName, ns] = labels as [string, string, string];
    const svc = store.get('services', ns, svcName);
    if (!svc || !isHeadless(svc)) return nx;
    const hit = readyAddresses(store, ns, svcName).filter((e) => e.hostname === host);
    return hit.length > 0 ? a(hit.map((e) => e.ip)) : nx;
  }
  // <a-b-c-d>.<ns>.pod.cluster.local: `pods insecure` answers any well-formed name.
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = undashIP(labels[0]!);
    if (!ip || !store.get('namespaces', '', labels[1]!)) return nx;
    return a([ip]);
  }
  // Zone apexes and intermediate names exist (NODATA), everything else is NXDOMAIN.
  if (labels.length === 0 || (labels.length === 1 && (labels[0] === 'svc' || labels[0] === 'pod'))) return noData;
  if (labels.length === 2 && (labels[1] === 'svc' || labels[1] === 'pod') && store.get('namespaces', '', labels[0]!)) {
    return noData;
  }
  return nx;
}

function reverse(store: ObjectStore, name: string, qtype: RRType): DnsAnswer {
  const ip = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
  if (!isIPv4(ip)) return { rcode: 'NXDOMAIN', authoritative: true, records: [] };
  if (qtype !== 'PTR' && qtype !== 'ANY') return { rcode: 'NOERROR', authoritative: true, records: [] };
  for (const svc of store.list('services')) {
    if (serviceClusterIP(svc) === ip) {
      return {
        rcode: 'NOERROR',
        authoritative: true,
        records: [{ name: reverseName(ip), type: 'PTR', value: `${svc.metadata.name}.${nsOf(svc)}.svc.${CLUSTER_DOMAIN}`, ttl: TTL }],
      };
    }
  }
  for (const pod of store.list('pods')) {
    if (podIP(pod) === ip && !isHostNetwork(pod)) {
      return {
        rcode: 'NOERROR',
        authoritative: true,
        records: [{ name: reverseName(ip), type: 'PTR', value: `${dashedIP(ip)}.${nsOf(pod)}.pod.${CLUSTER_DOMAIN}`, ttl: TTL }],
      };
    }
  }
  return { rcode: 'NXDOMAIN', authoritative: true, records: [] };
}

/**
 * The names a glibc resolver tries, in order, for `name`: with fewer dots
 * than ndots, the search domains first and then the name as given; with
 * more, the name first. A trailing dot means the name is absolute.
 */
export function searchCandidates(name: string, cfg: ResolverConfig): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = cfg.search.map((d) => `${name}.${d}`);
  return dots >= cfg.ndots ? [name, ...searched] : [...searched, name];
}

/** The A records an answer leads to (following CNAMEs inside the answer). */
export function addressesOf(ans: DnsAnswer): string[] {
  return ans.records.filter((r) => r.type === 'A').map((r) => r.value);
}
