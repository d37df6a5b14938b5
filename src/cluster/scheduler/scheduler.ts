/**
 * The default scheduler: a scheduling queue (active, backoff, unschedulable
 * with the 5-minute flush), filter plugins with per-node verdicts kept for
 * `describe` and hints, scoring, binding, and kube-scheduler's exact
 * FailedScheduling messages.
 *
 * @see k8s.io/kubernetes/pkg/scheduler/schedule_one.go
 * @see k8s.io/kubernetes/pkg/scheduler/framework/types.go FitError.Error
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import type { Simulation } from '../simulation.js';
import type { Rng } from '../time/rng.js';
import { guard, isTerminal, sameJson, type Condition } from '../controllers/util.js';
import { SchedulerCache, type NodeInfo } from './node-info.js';
import { FILTERS, REASONS, preFilter, runFilters, scoreNode, specOf, type CycleState, type Verdict } from './plugins.js';
import { volumePreFilter } from './volume-binding.js';
import { kindByResourceKey } from '../kinds/registry.js';
import { podRequests as podRequestsOf } from './resources.js';

export const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60 * 1000;

/** The outcome of the last scheduling attempt for a pod. */
export interface SchedulingAttempt {
  /** sim time of the attempt */
  time: number;
  /** per node: the first failing filter plugin's verdict, or null when the node fit */
  nodes: Record<string, Verdict | null>;
  /** the chosen node, when scheduled */
  node?: string;
  /** the FailedScheduling message, when not scheduled */
  message?: string;
}

interface QueuedPod {
  attempts: number;
  lastAttempt: number;
  failedPlugins: Set<string>;
  timer?: { at: number; id: number };
  enqueued: number;
}

/** Cluster changes that may make an unschedulable pod schedulable, by the plugins they help. */
type MoveHint = Set<string> | 'all';

export class Scheduler {
  readonly name = 'scheduler';
  readonly cache: SchedulerCache;
  /** Last attempt per pod (`namespace/name`). */
  readonly attempts = new Map<string, SchedulingAttempt>();
  private readonly active = new Set<string>();
  private readonly pending = new Map<string, QueuedPod>();
  /** Pods that failed and wait for a cluster change, their back-off or the 5-minute flush. */
  private readonly parked = new Set<string>();
  private readonly rng: Rng;
  private seq = 0;

  constructor(private readonly sim: Simulation) {
    this.rng = sim.rng.fork('scheduler');
    this.cache = new SchedulerCache(sim);
    for (const p of sim.store.list('pods')) if (this.wants(p)) this.enqueue(key(p));
    sim.store.watch((e) => {
      if (e.resource === 'pods') this.onPod(e.type, e.object, e.old);
      else if (e.resource === 'nodes') this.onNode(e.type, e.object, e.old);
      else if (e.resource === 'persistentvolumeclaims' || e.resource === 'persistentvolumes' || e.resource === 'storageclasses.storage.k8s.io') {
        this.moveAll(new Set(['VolumeBinding']));
      }
    });
  }

  /** Whether this scheduler is responsible for placing the pod now. */
  private wants(pod: KubeObject): boolean {
    const spec = specOf(pod) as { nodeName?: string; schedulerName?: string; schedulingGates?: unknown[] };
    return (
      !spec.nodeName &&
      !pod.metadata.deletionTimestamp &&
      !isTerminal(pod) &&
      (spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
      !(spec.schedulingGates && spec.schedulingGates.length > 0)
    );
  }

  private enqueue(k: string): void {
    let q = this.pending.get(k);
    if (!q) {
      q = { attempts: 0, lastAttempt: -Infinity, failedPlugins: new Set(), enqueued: this.seq++ };
      this.pending.set(k, q);
    }
    this.active.add(k);
    this.sim.requeue(this.name);
  }

  private forget(k: string): void {
    const q = this.pending.get(k);
    if (q?.timer) this.sim.clock.clearTimeout(q.timer.id);
    this.pending.delete(k);
    this.active.delete(k);
    this.parked.delete(k);
  }

  private activate(k: string): void {
    this.parked.delete(k);
    this.active.add(k);
    this.sim.requeue(this.name);
  }

  private activateAt(k: string, at: number): void {
    const q = this.pending.get(k);
    if (!q || this.active.has(k)) return;
    if (at <= this.sim.now()) {
      if (q.timer) this.sim.clock.clearTimeout(q.timer.id);
      q.timer = undefined;
      this.activate(k);
      return;
    }
    if (q.timer && q.timer.at <= at) return;
    if (q.timer) this.sim.clock.clearTimeout(q.timer.id);
    const id = this.sim.clock.setTimeout(() => {
      q.timer = undefined;
      if (this.pending.get(k) === q) this.activate(k);
    }, at - this.sim.now());
    q.timer = { at, id };
  }

  private backoffUntil(q: QueuedPod): number {
    const b = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, q.attempts - 1));
    return q.lastAttempt + b;
  }

  /** Moves unschedulable pods whose failure a cluster change may have resolved. */
  private moveAll(hint: MoveHint): void {
    for (const k of this.parked) {
      const q = this.pending.get(k);
      if (!q || this.active.has(k)) continue;
      if (hint !== 'all' && ![...q.failedPlugins].some((p) => hint.has(p))) continue;
      this.activateAt(k, this.backoffUntil(q));
    }
  }

  private onPod(type: string, pod: KubeObject, old: KubeObject | undefined): void {
    const k = key(pod);
    if (type === 'DELETED') {
      this.forget(k);
      this.attempts.delete(k);
      if (this.cache.nodes.has(specOf(pod).nodeName ?? '\u0000')) {
        this.cache.removePod(k);
        this.moveAll(new Set(['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread']));
      }
      return;
    }
    if (specOf(pod).nodeName) {
      this.forget(k);
      const wasCounted = old && specOf(old).nodeName && !isTerminal(old);
      this.cache.setPod(pod);
      if (wasCounted && isTerminal(pod)) this.moveAll(new Set(['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread']));
      else if (!wasCounted || !sameJson(old?.metadata.labels, pod.metadata.labels)) this.moveAll(new Set(['InterPodAffinity', 'PodTopologySpread']));
      return;
    }
    if (!this.wants(pod)) {
      this.forget(k);
      return;
    }
    const q = this.pending.get(k);
    if (!q) {
      this.enqueue(k);
      return;
    }
    // An unschedulable pod whose spec or labels changed is retried.
    if (old && (!sameJson(old.spec, pod.spec) || !sameJson(old.metadata.labels, pod.metadata.labels))) {
      this.activateAt(k, this.backoffUntil(q));
    }
  }

  private onNode(type: string, node: KubeObject, old: KubeObject | undefined): void {
    if (type === 'DELETED') {
      this.cache.removeNode(node.metadata.name!);
      return;
    }
    this.cache.setNode(node);
    if (type === 'ADDED' || !old) {
      this.moveAll('all');
      return;
    }
    const hint = new Set<string>();
    const os = (old.spec ?? {}) as { unschedulable?: boolean; taints?: unknown };
    const ns = (node.spec ?? {}) as { unschedulable?: boolean; taints?: unknown };
    if (!!os.unschedulable !== !!ns.unschedulable) hint.add('NodeUnschedulable');
    if (!sameJson(os.taints ?? [], ns.taints ?? [])) hint.add('TaintToleration');
    if (!sameJson(old.metadata.labels, node.metadata.labels)) {
      for (const p of ['NodeAffinity', 'InterPodAffinity', 'PodTopologySpread', 'TaintToleration']) hint.add(p);
    }
    const oa = (old.status as { allocatable?: unknown } | undefined)?.allocatable;
    const na = (node.status as { allocatable?: unknown } | undefined)?.allocatable;
    if (!sameJson(oa, na)) hint.add('NodeResourcesFit');
    if (hint.size > 0) this.moveAll(hint);
  }

  reconcile(): void {
    if (this.active.size === 0) return;
    const keys = [...this.active];
    this.active.clear();
    const pods: { k: string; pod: KubeObject; prio: number; seq: number }[] = [];
    for (const k of keys) {
      const [ns, name] = splitKey(k);
      const pod = this.sim.store.get('pods', ns, name);
      if (!pod || !this.wants(pod)) {
        this.forget(k);
        continue;
      }
      pods.push({ k, pod, prio: specOf(pod).priority ?? 0, seq: this.pending.get(k)?.enqueued ?? 0 });
    }
    pods.sort((a, b) => b.prio - a.prio || a.seq - b.seq);
    for (const p of pods) guard(this.name, p.k, () => this.scheduleOne(p.k, p.pod));
  }

  private scheduleOne(k: string, pod: KubeObject): void {
    const now = this.sim.now();
    const nodes = this.cache.nodeList();
    const state = preFilter(pod, this.cache);
    state.volume = volumePreFilter(pod, this.sim.store);
    const preFilterMsg = state.volume.preFilterMsg;
    const verdicts: Record<string, Verdict | null> = {};
    const feasible: NodeInfo[] = [];
    for (const ni of nodes) {
      const v = preFilterMsg ? { plugin: 'VolumeBinding', reasons: [preFilterMsg], unresolvable: true } : runFilters(state, ni, this.cache);
      verdicts[ni.name] = v ?? null;
      if (!v) feasible.push(ni);
    }
    const q = this.pending.get(k);
    if (!q) return;
    q.attempts++;
    q.lastAttempt = now;
    if (feasible.length === 0) {
      const postFilterMsg = nodes.length === 0 ? '' : this.preempt(pod, state, nodes, verdicts);
      const message = failureMessage(pod, nodes, verdicts, preFilterMsg, postFilterMsg);
      this.attempts.set(k, { time: now, nodes: verdicts, message });
      q.failedPlugins = new Set(Object.values(verdicts).flatMap((v) => (v ? [v.plugin] : [])));
      if (nodes.length === 0) q.failedPlugins.add('NodeAdd');
      this.recordFailure(this.sim.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name!) ?? pod, message);
      this.parked.add(k);
      this.activateAt(k, now + UNSCHEDULABLE_FLUSH_MS);
      return;
    }
    const chosen = this.selectHost(state, feasible);
    this.attempts.set(k, { time: now, nodes: verdicts, node: chosen.name });
    this.forget(k);
    this.bind(pod, chosen.name);
    // PreBind: claims that waited for a consumer learn the chosen node (the PV controller provisions).
    for (const pvc of state.volume.delayed) {
      const cur = this.sim.store.get('persistentvolumeclaims', pvc.metadata.namespace ?? '', pvc.metadata.name!);
      if (!cur || cur.metadata.annotations?.['volume.kubernetes.io/selected-node']) continue;
      const next = cloneJson(cur);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'volume.kubernetes.io/selected-node': chosen.name };
      this.sim.api.update(next);
    }
  }

  private selectHost(state: CycleState, feasible: NodeInfo[]): NodeInfo {
    if (feasible.length === 1) return feasible[0];
    const owner = state.pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    let maxOwner = 0;
    if (owner) for (const ni of feasible) maxOwner = Math.max(maxOwner, ni.ownerCounts.get(owner) ?? 0);
    let best: NodeInfo | undefined;
    let bestScore = -Infinity;
    let ties = 0;
    for (const ni of feasible) {
      const s = scoreNode(state, ni, maxOwner);
      if (s > bestScore) {
        best = ni;
        bestScore = s;
        ties = 1;
      } else if (s === bestScore) {
        // Reservoir sampling among equal scores, as selectHost does.
        ties++;
        if (this.rng.int(ties) === 0) best = ni;
      }
    }
    return best!;
  }

  /**
   * The pods/binding subresource (the registry's assignPod): one write that
   * sets spec.nodeName and the PodScheduled condition, refused when the pod
   * is gone, replaced, already bound or being deleted.
   */
  private bind(pod: KubeObject, nodeName: string): void {
    const cur = this.sim.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name!);
    if (!cur || cur.metadata.uid !== pod.metadata.uid || (cur.spec as { nodeName?: string }).nodeName || cur.metadata.deletionTimestamp) return;
    // Only spec.nodeName and the PodScheduled condition change: the new
    // version shares every other part with the stored (frozen) pod.
    const curStatus = (cur.status ?? {}) as { conditions?: Condition[]; phase?: string };
    const sched: Condition = { lastProbeTime: null, lastTransitionTime: rfc3339(this.sim.now()), status: 'True', type: 'PodScheduled' };
    const conds = [...(curStatus.conditions ?? [])];
    const i = conds.findIndex((c) => c.type === 'PodScheduled');
    if (i >= 0) conds[i] = sched;
    else conds.push(sched);
    const next: KubeObject = {
      ...cur,
      metadata: { ...cur.metadata },
      spec: { ...(cur.spec as object), nodeName },
      status: { ...curStatus, conditions: conds, phase: curStatus.phase ?? 'Pending' },
    };
    const bound = this.sim.store.replace('pods', next, { owned: true });
    this.sim.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${bound.metadata.namespace}/${bound.metadata.name} to ${nodeName}`, {
      component: SCHEDULER_NAME,
    });
  }

  /**
   * DefaultPreemption (PostFilter): finds a node where evicting lower-priority
   * pods lets this pod fit, evicts the fewest and least important, and
   * nominates the node. Returns the `preemption: …` message, or '' when
   * victims were chosen.
   */
  private preempt(pod: KubeObject, state: CycleState, nodes: NodeInfo[], verdicts: Record<string, Verdict | null>): string {
    const spec = pod.spec as { preemptionPolicy?: string; priority?: number };
    if (spec.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
    const prio = spec.priority ?? 0;
    const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
    const nomInfo = nominated ? this.cache.nodes.get(nominated) : undefined;
    const byPreemption = (p: KubeObject) =>
      !!p.metadata.deletionTimestamp &&
      ((p.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler');
    if (nomInfo && [...nomInfo.pods.values()].some((p) => byPreemption(p) && (specOf(p).priority ?? 0) < prio)) {
      return 'preemption: not eligible due to a terminating pod on the nominated node.';
    }
    const hist = new Map<string, number>();
    const add = (r: string) => hist.set(r, (hist.get(r) ?? 0) + 1);
    const candidates: { ni: NodeInfo; victims: KubeObject[] }[] = [];
    for (const ni of nodes) {
      const v = verdicts[ni.name];
      if (!v) continue;
      if (v.unresolvable) {
        add(REASONS.preemptionNotHelpful);
        continue;
      }
      const potential = [...ni.pods.values()].filter((p) => !p.metadata.deletionTimestamp && (specOf(p).priority ?? 0) < prio);
      if (potential.length === 0) {
        add(REASONS.noVictims);
        continue;
      }
      const fitsWithout = (removed: KubeObject[]) => !runFilters(state, this.cache.without(ni, removed), this.cache);
      if (!fitsWithout(potential)) {
        for (const r of runFilters(state, this.cache.without(ni, potential), this.cache)!.reasons) add(r);
        continue;
      }
      // Reprieve the most important pods that can stay.
      const byImportance = [...potential].sort((a, b) => (specOf(b).priority ?? 0) - (specOf(a).priority ?? 0));
      let victims = [...potential];
      for (const p of byImportance) {
        const trial = victims.filter((x) => x !== p);
        if (fitsWithout(trial)) victims = trial;
      }
      candidates.push({ ni, victims });
    }
    if (candidates.length === 0) {
      const parts = [...hist].map(([r, c]) => `${c} ${r}`).sort();
      return `preemption: 0/${nodes.length} nodes are available: ${parts.join(', ')}.`;
    }
    const score = (c: { victims: KubeObject[] }) => [
      Math.max(...c.victims.map((p) => specOf(p).priority ?? 0)),
      c.victims.reduce((s, p) => s + (specOf(p).priority ?? 0), 0),
      c.victims.length,
    ];
    candidates.sort((a, b) => {
      const x = score(a);
      const y = score(b);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    const chosen = candidates[0];
    const podDef = kindByResourceKey('pods')!;
    for (const v of chosen.victims) {
      const cur = this.sim.store.get('pods', v.metadata.namespace ?? '', v.metadata.name!);
      if (!cur) continue;
      this.sim.events.record(cur, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${chosen.ni.name}`, { component: SCHEDULER_NAME });
      const st = cloneJson((cur.status ?? {}) as { conditions?: Condition[] });
      st.conditions = [
        ...(st.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`, lastProbeTime: null, lastTransitionTime: rfc3339(this.sim.now()) },
      ];
      this.sim.api.updateStatus({ ...cur, status: st });
      this.sim.api.delete(podDef, cur.metadata.namespace ?? '', cur.metadata.name!);
    }
    const latest = this.sim.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name!);
    if (latest) this.sim.api.updateStatus({ ...latest, status: { ...cloneJson(latest.status ?? {}), nominatedNodeName: chosen.ni.name } });
    return '';
  }

  private recordFailure(pod: KubeObject, message: string): void {
    this.sim.events.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    const st = cloneJson((pod.status ?? {}) as { conditions?: Condition[]; phase?: string });
    const conds = st.conditions ?? [];
    const cur = conds.find((c) => c.type === 'PodScheduled');
    if (cur && cur.status === 'False' && cur.reason === 'Unschedulable' && cur.message === message) return;
    const next: Condition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
      lastTransitionTime: cur && cur.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(this.sim.now()),
    };
    st.conditions = [...conds.filter((c) => c.type !== 'PodScheduled'), next];
    st.phase ??= 'Pending';
    this.sim.api.updateStatus({ ...pod, status: st });
  }
}

/**
 * The FitError message: `0/3 nodes are available: <histogram>.` then the
 * preemption section as DefaultPreemption reports it.
 */
export function failureMessage(pod: KubeObject, nodes: NodeInfo[], verdicts: Record<string, Verdict | null>, preFilterMsg?: string, postFilterMsg?: string): string {
  const n = nodes.length;
  if (n === 0) return 'no nodes available to schedule pods';
  let msg = `0/${n} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const hist = new Map<string, number>();
    for (const v of Object.values(verdicts)) for (const r of v?.reasons ?? []) hist.set(r, (hist.get(r) ?? 0) + 1);
    const parts = [...hist].map(([r, c]) => `${c} ${r}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (postFilterMsg !== undefined) return postFilterMsg ? `${msg} ${postFilterMsg}` : msg;
  const spec = pod.spec as { preemptionPolicy?: string; priority?: number };
  if (spec.preemptionPolicy === 'Never') return `${msg} preemption: not eligible due to preemptionPolicy=Never.`;
  const prio = spec.priority ?? 0;
  const pre = new Map<string, number>();
  for (const ni of nodes) {
    const v = verdicts[ni.name];
    if (!v) continue;
    let r: string;
    if (v.unresolvable) r = REASONS.preemptionNotHelpful;
    else {
      const victims = [...ni.pods.values()].some((p) => (specOf(p).priority ?? 0) < prio);
      r = victims ? v.reasons[0] : REASONS.noVictims;
    }
    pre.set(r, (pre.get(r) ?? 0) + 1);
  }
  const preParts = [...pre].map(([r, c]) => `${c} ${r}`).sort();
  return `${msg} preemption: 0/${n} nodes are available: ${preParts.join(', ')}.`;
}

function key(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf('/');
  return [k.slice(0, i), k.slice(i + 1)];
}

const schedulers = new WeakMap<Simulation, Scheduler>();

/** Registers the default scheduler as a controller of the simulation. */
export function installScheduler(sim: Simulation): Scheduler {
  const s = new Scheduler(sim);
  schedulers.set(sim, s);
  sim.addController({ name: s.name, watches: [], reconcile: () => s.reconcile() });
  return s;
}

export function getScheduler(sim: Simulation): Scheduler | undefined {
  return schedulers.get(sim);
}

/** The last scheduling attempt for a pod (per-node verdicts), for `describe` and hints. */
export function lastSchedulingAttempt(sim: Simulation, namespace: string, name: string): SchedulingAttempt | undefined {
  return schedulers.get(sim)?.attempts.get(`${namespace}/${name}`);
}

/** Filter plugin names in evaluation order. */
export const FILTER_PLUGINS = FILTERS.map((f) => f.name);

/** One node's line in a scheduling explanation. */
export interface NodeExplanation {
  node: string;
  fits: boolean;
  plugin?: string;
  reasons: string[];
  /** For resource shortfalls: what the pod asks for against what is left, in kubectl's units. */
  detail?: string;
}

function fmtBytes(b: number): string {
  const mi = b / 2 ** 20;
  return Number.isInteger(mi) ? `${mi}Mi` : `${Math.round(b / 1024)}Ki`;
}

/**
 * Explains, node by node, why a pending pod does not fit (from the
 * scheduler's last attempt, with the current requested/allocatable
 * figures): material for hints and debriefs.
 */
export function explainScheduling(sim: Simulation, namespace: string, name: string): NodeExplanation[] | undefined {
  const s = schedulers.get(sim);
  const attempt = s?.attempts.get(`${namespace}/${name}`);
  const pod = sim.store.get('pods', namespace, name);
  if (!s || !attempt || !pod) return undefined;
  const req = podRequestsOf(pod);
  return Object.entries(attempt.nodes).map(([node, v]) => {
    const out: NodeExplanation = { node, fits: !v, reasons: v?.reasons ?? [] };
    if (v) out.plugin = v.plugin;
    const ni = s.cache.nodes.get(node);
    if (v?.plugin === 'NodeResourcesFit' && ni) {
      const parts: string[] = [];
      for (const r of v.reasons) {
        if (r === 'Insufficient cpu') parts.push(`cpu: requests ${req.cpu}m, ${ni.allocatable.cpu - ni.requested.cpu}m free of ${ni.allocatable.cpu}m allocatable`);
        else if (r === 'Insufficient memory') parts.push(`memory: requests ${fmtBytes(req.memory)}, ${fmtBytes(ni.allocatable.memory - ni.requested.memory)} free of ${fmtBytes(ni.allocatable.memory)} allocatable`);
        else if (r === REASONS.tooManyPods) parts.push(`pods: ${ni.podCount} of ${ni.allocatable.pods}`);
      }
      if (parts.length) out.detail = parts.join('; ');
    }
    return out;
  });
}
