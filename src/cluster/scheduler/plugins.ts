/**
 * kube-scheduler's filter plugins (default profile order) with their exact
 * failure reasons, plus the matching helpers other components reuse
 * (tolerations for the DaemonSet and taint-eviction controllers, node
 * affinity for DaemonSets).
 *
 * @see k8s.io/kubernetes/pkg/scheduler/framework/plugins
 */
import type { KubeObject } from '../api/meta.js';
import { labelSelectorMatches, matchesRequirement, type LabelSelector, type Requirement } from '../api/labels.js';
import type { NodeInfo, SchedulerCache } from './node-info.js';
import { podHostPorts, podRequests, type Resources } from './resources.js';
import { volumeFilter, type VolumeState } from './volume-binding.js';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export const REASONS = {
  unschedulable: "node(s) were unschedulable",
  nodeName: "node(s) didn't match the requested node name",
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  affinity: "node(s) didn't match pod affinity rules",
  antiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  spread: "node(s) didn't match pod topology spread constraints",
  spreadMissingLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
  preemptionNotHelpful: 'Preemption is not helpful for scheduling',
  noVictims: 'No preemption victims found for incoming pod',
} as const;

export function untoleratedTaintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** A node's verdict from one filter plugin. */
export interface Verdict {
  plugin: string;
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  unresolvable: boolean;
}

export function nodeTaints(node: KubeObject | undefined): Taint[] {
  return ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
}

export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  const op = tol.operator || 'Equal';
  if (op === 'Exists') return true;
  return (tol.value ?? '') === (taint.value ?? '');
}

export function toleratesTaint(tols: readonly Toleration[], taint: Taint): boolean {
  return tols.some((t) => tolerates(t, taint));
}

/** The first NoSchedule/NoExecute taint the tolerations don't cover. */
export function firstUntoleratedTaint(taints: readonly Taint[], tols: readonly Toleration[]): Taint | undefined {
  return taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratesTaint(tols, t));
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function nodeReq(r: NodeSelectorRequirement): Requirement {
  return { key: r.key, operator: r.operator as Requirement['operator'], values: r.values ?? [] };
}

export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const e of exprs) if (!matchesRequirement(labels, nodeReq(e))) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!matchesRequirement({ 'metadata.name': node.metadata.name! }, nodeReq(f))) return false;
  }
  return true;
}

interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
}

interface PodSpecLike {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  priority?: number;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
      preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
    };
    podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[] };
    podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[] };
  };
  topologySpreadConstraints?: {
    maxSkew: number;
    topologyKey: string;
    whenUnsatisfiable: string;
    labelSelector?: LabelSelector | null;
    matchLabelKeys?: string[];
    nodeAffinityPolicy?: string;
    nodeTaintsPolicy?: string;
  }[];
}

export function specOf(pod: KubeObject): PodSpecLike {
  return (pod.spec ?? {}) as PodSpecLike;
}

/** nodeSelector plus required node affinity (NodeAffinity filter). */
export function podMatchesNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const spec = specOf(pod);
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const terms = req.nodeSelectorTerms ?? [];
    if (!terms.some((t) => nodeSelectorTermMatches(t, node))) return false;
  }
  return true;
}

/** What is computed once per scheduling attempt (PreFilter state). */
export interface CycleState {
  pod: KubeObject;
  request: Resources;
  nonZeroRequest: Resources;
  hostPorts: ReturnType<typeof podHostPorts>;
  tolerations: Toleration[];
  /** per required affinity term: topology values holding a matching pod */
  affinityDomains?: Set<string>[];
  /** whether any pod at all matches the affinity terms (self-affinity escape) */
  affinityAnyMatch?: boolean;
  /** per required anti-affinity term: topology values holding a matching pod */
  antiAffinityDomains?: Set<string>[];
  /** `topologyKey=value` pairs where an existing pod's anti-affinity forbids this pod */
  existingAntiDomains?: Set<string>;
  spread?: { key: string; maxSkew: number; counts: Map<string, number>; min: number; selfMatch: boolean }[];
  /** Preferred (anti-)affinity: `topologyKey=value` → summed weight (negative for anti-affinity). */
  preferred?: Map<string, number>;
  /** PersistentVolumeClaims of the pod (set by the scheduler from the store). */
  volume?: VolumeState;
}

function termNamespaces(owner: KubeObject, term: PodAffinityTerm): Set<string> | undefined {
  if (term.namespaceSelector) return undefined; // any namespace matching; approximated as all
  return new Set(term.namespaces && term.namespaces.length > 0 ? term.namespaces : [owner.metadata.namespace ?? 'default']);
}

function termMatchesPod(owner: KubeObject, term: PodAffinityTerm, other: KubeObject): boolean {
  const nss = termNamespaces(owner, term);
  if (nss && !nss.has(other.metadata.namespace ?? '')) return false;
  return labelSelectorMatches(term.labelSelector ?? null, other.metadata.labels);
}

export function preFilter(pod: KubeObject, cache: SchedulerCache): CycleState {
  const spec = specOf(pod);
  const state: CycleState = {
    pod,
    request: podRequests(pod),
    nonZeroRequest: podRequests(pod, true),
    hostPorts: podHostPorts(pod),
    tolerations: spec.tolerations ?? [],
  };
  const nodes = cache.nodeList();
  const aff = spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const anti = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (aff.length > 0 || anti.length > 0) {
    state.affinityDomains = aff.map(() => new Set());
    state.antiAffinityDomains = anti.map(() => new Set());
    state.affinityAnyMatch = false;
    for (const ni of nodes) {
      const labels = ni.node!.metadata.labels ?? {};
      for (const other of ni.pods.values()) {
        aff.forEach((t, i) => {
          if (termMatchesPod(pod, t, other)) {
            state.affinityAnyMatch = true;
            if (labels[t.topologyKey] !== undefined) state.affinityDomains![i].add(labels[t.topologyKey]);
          }
        });
        anti.forEach((t, i) => {
          if (termMatchesPod(pod, t, other) && labels[t.topologyKey] !== undefined) state.antiAffinityDomains![i].add(labels[t.topologyKey]);
        });
      }
    }
  }
  if (cache.podsWithAntiAffinity.size > 0) {
    state.existingAntiDomains = new Set();
    for (const other of cache.podsWithAntiAffinity.values()) {
      const node = cache.nodes.get(specOf(other).nodeName ?? '')?.node;
      if (!node) continue;
      for (const t of specOf(other).affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
        const v = node.metadata.labels?.[t.topologyKey];
        if (v !== undefined && termMatchesPod(other, t, pod)) state.existingAntiDomains.add(`${t.topologyKey}=${v}`);
      }
    }
  }
  const prefAff = spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const prefAnti = spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (prefAff.length > 0 || prefAnti.length > 0) {
    // InterPodAffinity scoring: every existing pod a preferred term matches adds (or, for anti-affinity, takes) its weight to its topology domain.
    state.preferred = new Map();
    const terms = [...prefAff.map((t) => ({ ...t, sign: 1 })), ...prefAnti.map((t) => ({ ...t, sign: -1 }))];
    for (const ni of nodes) {
      const labels = ni.node!.metadata.labels ?? {};
      for (const other of ni.pods.values()) {
        for (const t of terms) {
          const v = labels[t.podAffinityTerm.topologyKey];
          if (v === undefined || !termMatchesPod(pod, t.podAffinityTerm, other)) continue;
          const k = `${t.podAffinityTerm.topologyKey}=${v}`;
          state.preferred.set(k, (state.preferred.get(k) ?? 0) + t.sign * t.weight);
        }
      }
    }
  }
  const constraints = (spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  if (constraints.length > 0) {
    state.spread = constraints.map((c) => {
      const sel: LabelSelector = { ...(c.labelSelector ?? {}) };
      if (c.matchLabelKeys) {
        sel.matchLabels = { ...(sel.matchLabels ?? {}) };
        for (const k of c.matchLabelKeys) {
          const v = pod.metadata.labels?.[k];
          if (v !== undefined) sel.matchLabels[k] = v;
        }
      }
      const counts = new Map<string, number>();
      for (const ni of nodes) {
        const v = ni.node!.metadata.labels?.[c.topologyKey];
        if (v === undefined) continue;
        if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !podMatchesNodeAffinity(pod, ni.node!)) continue;
        if (c.nodeTaintsPolicy === 'Honor' && firstUntoleratedTaint(nodeTaints(ni.node), state.tolerations)) continue;
        let n = counts.get(v) ?? 0;
        for (const other of ni.pods.values()) {
          if (other.metadata.namespace === pod.metadata.namespace && !other.metadata.deletionTimestamp && labelSelectorMatches(sel, other.metadata.labels)) n++;
        }
        counts.set(v, n);
      }
      const min = counts.size === 0 ? 0 : Math.min(...counts.values());
      return { key: c.topologyKey, maxSkew: c.maxSkew, counts, min, selfMatch: labelSelectorMatches(sel, pod.metadata.labels) };
    });
  }
  return state;
}

type Filter = (state: CycleState, ni: NodeInfo, cache: SchedulerCache) => Verdict | undefined;

function fail(plugin: string, reasons: string[], unresolvable: boolean): Verdict {
  return { plugin, reasons, unresolvable };
}

const nodeUnschedulable: Filter = (state, ni) => {
  const unsched = (ni.node!.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
  if (!unsched) return undefined;
  if (toleratesTaint(state.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
  return fail('NodeUnschedulable', [REASONS.unschedulable], true);
};

const nodeName: Filter = (state, ni) => {
  const want = specOf(state.pod).nodeName;
  if (!want || want === ni.name) return undefined;
  return fail('NodeName', [REASONS.nodeName], true);
};

const taintToleration: Filter = (state, ni) => {
  const t = firstUntoleratedTaint(nodeTaints(ni.node), state.tolerations);
  return t ? fail('TaintToleration', [untoleratedTaintReason(t)], true) : undefined;
};

const nodeAffinity: Filter = (state, ni) =>
  podMatchesNodeAffinity(state.pod, ni.node!) ? undefined : fail('NodeAffinity', [REASONS.nodeAffinity], true);

const nodePorts: Filter = (state, ni, cache) =>
  state.hostPorts.length > 0 && cache.hostPortConflict(ni, state.hostPorts) ? fail('NodePorts', [REASONS.ports], false) : undefined;

/**
 * NodeResourcesFit. In v1.32 every shortfall is Unschedulable (preemption is
 * tried even when the request exceeds the node's allocatable; v1.34 made that
 * case UnschedulableAndUnresolvable).
 */
const nodeResourcesFit: Filter = (state, ni) => {
  const reasons: string[] = [];
  const unresolvable = false;
  const a = ni.allocatable;
  const r = ni.requested;
  const q = state.request;
  if (ni.podCount + 1 > a.pods) reasons.push(REASONS.tooManyPods);
  if (q.cpu > 0 && q.cpu > a.cpu - r.cpu) {
    reasons.push('Insufficient cpu');
  }
  if (q.memory > 0 && q.memory > a.memory - r.memory) {
    reasons.push('Insufficient memory');
  }
  if (q.ephemeralStorage > 0 && q.ephemeralStorage > a.ephemeralStorage - r.ephemeralStorage) {
    reasons.push('Insufficient ephemeral-storage');
  }
  for (const [k, v] of Object.entries(q.scalar)) {
    if (v > 0 && v > (a.scalar[k] ?? 0) - (r.scalar[k] ?? 0)) {
      reasons.push(`Insufficient ${k}`);
    }
  }
  return reasons.length > 0 ? fail('NodeResourcesFit', reasons, unresolvable) : undefined;
};

const podTopologySpread: Filter = (state, ni) => {
  if (!state.spread) return undefined;
  const labels = ni.node!.metadata.labels ?? {};
  for (const c of state.spread) {
    const v = labels[c.key];
    if (v === undefined) return fail('PodTopologySpread', [REASONS.spreadMissingLabel], true);
    const skew = (c.counts.get(v) ?? 0) + (c.selfMatch ? 1 : 0) - c.min;
    if (skew > c.maxSkew) return fail('PodTopologySpread', [REASONS.spread], false);
  }
  return undefined;
};

const interPodAffinity: Filter = (state, ni) => {
  const labels = ni.node!.metadata.labels ?? {};
  const spec = specOf(state.pod);
  const aff = spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (aff.length > 0) {
    const ok = aff.every((t, i) => {
      const v = labels[t.topologyKey];
      return v !== undefined && state.affinityDomains![i].has(v);
    });
    // A pod may be the first of a group that selects itself.
    const selfOk =
      !state.affinityAnyMatch &&
      aff.every((t) => labels[t.topologyKey] !== undefined && termMatchesPod(state.pod, t, state.pod));
    if (!ok && !selfOk) return fail('InterPodAffinity', [REASONS.affinity], true);
  }
  const anti = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  for (let i = 0; i < anti.length; i++) {
    const v = labels[anti[i].topologyKey];
    if (v !== undefined && state.antiAffinityDomains![i].has(v)) return fail('InterPodAffinity', [REASONS.antiAffinity], false);
  }
  if (state.existingAntiDomains && state.existingAntiDomains.size > 0) {
    for (const [k, v] of Object.entries(labels)) {
      if (state.existingAntiDomains.has(`${k}=${v}`)) return fail('InterPodAffinity', [REASONS.existingAntiAffinity], false);
    }
  }
  return undefined;
};

/** Filter plugins in the default profile's order; a node stops at its first failure. */
export const FILTERS: { name: string; run: Filter }[] = [
  { name: 'NodeUnschedulable', run: nodeUnschedulable },
  { name: 'NodeName', run: nodeName },
  { name: 'TaintToleration', run: taintToleration },
  { name: 'NodeAffinity', run: nodeAffinity },
  { name: 'NodePorts', run: nodePorts },
  { name: 'NodeResourcesFit', run: nodeResourcesFit },
  { name: 'VolumeBinding', run: (state, ni) => (state.volume ? volumeFilter(state.volume, ni.node!) : undefined) },
  { name: 'PodTopologySpread', run: podTopologySpread },
  { name: 'InterPodAffinity', run: interPodAffinity },
];

export function runFilters(state: CycleState, ni: NodeInfo, cache: SchedulerCache): Verdict | undefined {
  for (const f of FILTERS) {
    const v = f.run(state, ni, cache);
    if (v) return v;
  }
  return undefined;
}

/** Score in [0, 100 * weights]: LeastAllocated + BalancedAllocation + taint/affinity preferences + replica spreading. */
export function scoreNode(state: CycleState, ni: NodeInfo, maxOwnerCount: number): number {
  const a = ni.allocatable;
  const cpuReq = ni.nonZeroRequested.cpu + state.nonZeroRequest.cpu;
  const memReq = ni.nonZeroRequested.memory + state.nonZeroRequest.memory;
  const cpuFree = a.cpu > 0 ? Math.max(0, (a.cpu - cpuReq) * 100) / a.cpu : 0;
  const memFree = a.memory > 0 ? Math.max(0, (a.memory - memReq) * 100) / a.memory : 0;
  const least = Math.floor((Math.floor(cpuFree) + Math.floor(memFree)) / 2);
  const cpuFrac = a.cpu > 0 ? Math.min(1, cpuReq / a.cpu) : 1;
  const memFrac = a.memory > 0 ? Math.min(1, memReq / a.memory) : 1;
  const balanced = Math.floor((1 - Math.abs(cpuFrac - memFrac) / 2) * 100);
  let score = least + balanced;
  // TaintToleration: fewer intolerable PreferNoSchedule taints is better.
  const soft = nodeTaints(ni.node).filter((t) => t.effect === 'PreferNoSchedule' && !toleratesTaint(state.tolerations, t)).length;
  score += soft === 0 ? 100 : Math.max(0, 100 - soft * 50);
  // NodeAffinity preferred terms.
  const pref = specOf(state.pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (pref.length > 0) {
    const total = pref.reduce((s, p) => s + p.weight, 0);
    const got = pref.filter((p) => nodeSelectorTermMatches(p.preference, ni.node!)).reduce((s, p) => s + p.weight, 0);
    score += Math.floor((got * 100) / total) * 2;
  }
  // Preferred pod (anti-)affinity (weight 2), as raw weight: normalisation across nodes keeps the order.
  if (state.preferred && state.preferred.size > 0) {
    let w = 0;
    for (const [k, v] of Object.entries(ni.node!.metadata.labels ?? {})) w += state.preferred.get(`${k}=${v}`) ?? 0;
    score += w * 2;
  }
  // Spread replicas of one controller (default topology spreading, weight 2).
  const owner = state.pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
  if (owner) {
    const n = ni.ownerCounts.get(owner) ?? 0;
    score += maxOwnerCount > 0 ? Math.floor(((maxOwnerCount - n) * 100) / maxOwnerCount) * 2 : 200;
  }
  return score;
}
