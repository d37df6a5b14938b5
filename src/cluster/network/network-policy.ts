import { isDict, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import type { ObjectStore } from '../store/object-store.js';
import { inCidr } from './ip.js';
import {
  findNodeByIP,
  isHostNetwork,
  namespaceLabels,
  nodeIP,
  nsOf,
  podContainers,
  podNode,
  podRef,
  spec,
  type Protocol,
} from './model.js';

/**
 * NetworkPolicy semantics (networking.k8s.io/v1), as a CNI that enforces
 * them (Calico, Cilium) applies them to one connection attempt.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @see kubernetes/pkg/apis/networking/types.go NetworkPolicySpec
 */

/** One end of a connection: a pod, or a bare IP (a node, or outside the cluster). */
export interface PolicyEndpoint {
  ip: string;
  /** The pod owning the IP; absent for nodes and external addresses. */
  pod?: KubeObject;
}

export interface DirectionVerdict {
  /** Whether some policy selects the pod for this direction. */
  isolated: boolean;
  allowed: boolean;
  /** `ns/name` of every policy that selects the pod for this direction. */
  policies: string[];
  /** `ns/name` of the policies whose rules allow this connection. */
  allowedBy: string[];
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Human-readable explanation, naming the policies involved. */
  reasons: string[];
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  peers?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

const OPEN: DirectionVerdict = { isolated: false, allowed: true, policies: [], allowedBy: [] };

/**
 * The policy types a policy applies to. When `policyTypes` is absent,
 * Ingress always, and Egress when the policy has an `egress` section.
 */
export function policyTypes(np: KubeObject): ('Ingress' | 'Egress')[] {
  const s = spec(np);
  if (Array.isArray(s.policyTypes) && s.policyTypes.length > 0) {
    return s.policyTypes.filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  }
  return s.egress !== undefined && s.egress !== null ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether a policy's `podSelector` selects the pod (same namespace only; `{}` selects all). */
export function policySelects(np: KubeObject, pod: KubeObject): boolean {
  if (nsOf(np) !== nsOf(pod)) return false;
  const sel = spec(np).podSelector;
  return labelSelectorMatches(isDict(sel) ? (sel as LabelSelector) : {}, pod.metadata.labels);
}

/** The policies isolating a pod in one direction, in store order. */
export function isolatingPolicies(store: ObjectStore, pod: KubeObject, dir: 'Ingress' | 'Egress'): KubeObject[] {
  if (isHostNetwork(pod)) return [];
  return store
    .list('networkpolicies.networking.k8s.io', nsOf(pod))
    .filter((np) => policySelects(np, pod) && policyTypes(np).includes(dir));
}

function rulesOf(np: KubeObject, dir: 'Ingress' | 'Egress'): Rule[] {
  const list = spec(np)[dir === 'Ingress' ? 'ingress' : 'egress'];
  if (!Array.isArray(list)) return [];
  return list.filter(isDict).map((r) => ({
    peers: (Array.isArray(r[dir === 'Ingress' ? 'from' : 'to']) ? r[dir === 'Ingress' ? 'from' : 'to'] : undefined) as
      | NetworkPolicyPeer[]
      | undefined,
    ports: (Array.isArray(r.ports) ? r.ports : undefined) as NetworkPolicyPort[] | undefined,
  }));
}

function peerMatches(store: ObjectStore, np: KubeObject, peer: NetworkPolicyPeer, other: PolicyEndpoint): boolean {
  if (peer.ipBlock) {
    const { cidr, except } = peer.ipBlock;
    return inCidr(other.ip, cidr) && !(except ?? []).some((e) => inCidr(other.ip, e));
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  // Pod and namespace selectors only ever match pods on the pod network.
  const pod = other.pod;
  if (!pod || isHostNetwork(pod)) return false;
  if (peer.namespaceSelector) {
    if (!labelSelectorMatches(peer.namespaceSelector, namespaceLabels(store, nsOf(pod)))) return false;
  } else if (nsOf(pod) !== nsOf(np)) {
    return false;
  }
  return peer.podSelector ? labelSelectorMatches(peer.podSelector, pod.metadata.labels) : true;
}

function portMatches(p: NetworkPolicyPort, port: number, protocol: Protocol, dest: PolicyEndpoint): boolean {
  if (protocol === 'ICMP') return false;
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined || p.port === null) return true;
  if (typeof p.port === 'number') {
    return p.endPort !== undefined && p.endPort !== null ? port >= p.port && port <= p.endPort : port === p.port;
  }
  if (/^\d+$/.test(p.port)) return Number(p.port) === port;
  // A named port is resolved against the destination pod's container ports.
  if (!dest.pod) return false;
  return podContainers(dest.pod).some((c) =>
    c.ports.some((cp) => cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol),
  );
}

function ruleAllows(
  store: ObjectStore,
  np: KubeObject,
  rule: Rule,
  other: PolicyEndpoint,
  port: number,
  protocol: Protocol,
  dest: PolicyEndpoint,
): boolean {
  const peersOk = !rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(store, np, peer, other));
  if (!peersOk) return false;
  return !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => portMatches(p, port, protocol, dest));
}

function direction(
  store: ObjectStore,
  pod: KubeObject,
  dir: 'Ingress' | 'Egress',
  other: PolicyEndpoint,
  port: number,
  protocol: Protocol,
  dest: PolicyEndpoint,
): DirectionVerdict {
  const nps = isolatingPolicies(store, pod, dir);
  if (nps.length === 0) return OPEN;
  const allowedBy = nps
    .filter((np) => rulesOf(np, dir).some((r) => ruleAllows(store, np, r, other, port, protocol, dest)))
    .map(podRef);
  return { isolated: true, allowed: allowedBy.length > 0, policies: nps.map(podRef), allowedBy };
}

function describeEnd(store: ObjectStore, e: PolicyEndpoint): string {
  if (e.pod) return `pod ${podRef(e.pod)} (${e.ip})`;
  const node = findNodeByIP(store, e.ip);
  return node ? `node ${node.metadata.name} (${e.ip})` : e.ip;
}

function names(list: string[]): string {
  return list.map((n) => `NetworkPolicy ${n}`).join(', ');
}

/**
 * Decides whether a connection attempt from `from` to `to` on `port` is
 * allowed: egress at the source pod, then ingress at the destination pod.
 *
 * - A pod is isolated for a direction when some policy in its namespace
 *   selects it with that policy type; an isolated pod accepts only what some
 *   rule of some selecting policy allows (rules are additive).
 * - Within a peer, `podSelector` and `namespaceSelector` together are AND;
 *   separate peers are OR. A missing or empty `from`/`to` matches everyone;
 *   missing or empty `ports` matches every port.
 * - hostNetwork pods are never isolated; a node always reaches its own pods
 *   (kubelet probes); a pod always reaches itself.
 * - Replies of an allowed connection are allowed (policies are stateful), so
 *   only the initiating direction is evaluated.
 */
export function evaluate(
  store: ObjectStore,
  from: PolicyEndpoint,
  to: PolicyEndpoint,
  port: number,
  protocol: Protocol = 'TCP',
): PolicyVerdict {
  const what = `${protocol === 'ICMP' ? 'ICMP' : `${protocol}/${port}`} from ${describeEnd(store, from)} to ${describeEnd(store, to)}`;
  if (from.pod && to.pod && from.pod.metadata.uid !== undefined && from.pod.metadata.uid === to.pod.metadata.uid) {
    return { allowed: true, reasons: [`${what}: a pod can always reach itself`], egress: OPEN, ingress: OPEN };
  }
  const reasons: string[] = [];
  const egress = from.pod ? direction(store, from.pod, 'Egress', to, port, protocol, to) : OPEN;
  if (from.pod) {
    if (isHostNetwork(from.pod)) reasons.push(`egress: ${podRef(from.pod)} uses the host network, NetworkPolicy does not apply`);
    else if (!egress.isolated) reasons.push(`egress: no NetworkPolicy selects ${podRef(from.pod)} for Egress`);
    else if (egress.allowed) reasons.push(`egress: allowed by ${names(egress.allowedBy)}`);
    else reasons.push(`egress: denied; ${podRef(from.pod)} is isolated for Egress by ${names(egress.policies)} and no egress rule allows it`);
  }
  let ingress = OPEN;
  if (to.pod) {
    const node = podNode(to.pod);
    const fromOwnNode = !from.pod && node !== undefined && nodeIP(store.get('nodes', '', node)) === from.ip;
    if (isHostNetwork(to.pod)) reasons.push(`ingress: ${podRef(to.pod)} uses the host network, NetworkPolicy does not apply`);
    else if (fromOwnNode) reasons.push(`ingress: traffic from the pod's own node (${node}) is always allowed`);
    else {
      ingress = direction(store, to.pod, 'Ingress', from, port, protocol, to);
      if (!ingress.isolated) reasons.push(`ingress: no NetworkPolicy selects ${podRef(to.pod)} for Ingress`);
      else if (ingress.allowed) reasons.push(`ingress: allowed by ${names(ingress.allowedBy)}`);
      else
        reasons.push(
          `ingress: denied; ${podRef(to.pod)} is isolated for Ingress by ${names(ingress.policies)} and no ingress rule allows it`,
        );
    }
  }
  const allowed = egress.allowed && ingress.allowed;
  return { allowed, reasons: [`${what}: ${allowed ? 'allowed' : 'dropped'}`, ...reasons], egress, ingress };
}
