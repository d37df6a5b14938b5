import {
  cloneJson,
  isDict,
  rfc3339,
  rfc3339Micro,
  type Dict,
  type KubeObject,
} from '../api/meta.js';
import { parseQuantity } from '../api/quantity.js';
import { httpAnswer, listening, type ProcessPlan } from '../images/index.js';
import type { Simulation } from '../simulation.js';
import type { Rng } from '../time/rng.js';
import type { ContainerUsage, LogsResult, RunningProcess } from './index.js';
import { podSpec } from './pod-spec.js';
import {
  EVICTION_MONITOR_MS,
  MEMORY_EVICTION_THRESHOLD,
  NODE_SYSTEM_MEMORY,
  PRESSURE_TRANSITION_MS,
  evictionMessage,
  memoryCrossing,
} from './eviction.js';
import { PodWorker, type NodeRuntime } from './pod-worker.js';

/** Lease renewal period (leaseDuration 40 s × 0.25). */
export const LEASE_RENEW_MS = 10_000;
/** nodeStatusReportFrequency: the node status is re-posted this often when nothing changed. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** metrics-server's first scrape of a new container lands about a minute after it starts. */
export const METRICS_DELAY_MS = 60_000;

/**
 * All kubelets of the cluster: one per node, driven by watching the store.
 *
 * How it fits together:
 * - The store's watch only marks pods and nodes dirty; `reconcile` (a
 *   controller run when the simulation settles) creates a {@link PodWorker}
 *   per pod bound to a running node, adopting pods that already run
 *   (bootstrapped clusters, kubelet restarts) without pulls or events.
 * - Each worker owns one XState actor `pod:<ns>/<name>` (podMachine: mount
 *   volumes, create the sandbox, start init containers in order, then the
 *   app containers, stop them on deletion) whose children are
 *   containerMachine actors (image, config, start, run, exit, back-off,
 *   kill). All their timers are `after` delays on the simulation clock.
 * - A running container is a process plan from the image catalogue: its
 *   exit, OOM instant, memory curve, sockets, HTTP routes and files are known
 *   in advance, so nothing polls; probes only wake when their outcome can
 *   change (see ProbeWorker).
 * - Status is written through the API server, batched per instant (one
 *   write per pod per instant at most); events go through the event recorder.
 * - Per node: image store, serialized pulls, pod IPs from `spec.podCIDR`,
 *   Lease renewals every 10 s, node conditions every 5 min or on change,
 *   and the memory eviction manager (one timer at the computed crossing).
 * Pods bound to a node whose kubelet runs get a PodWorker (and its XState
 * actor); nodes get heartbeats and a Lease.
 */
export class KubeletManager {
  readonly nodes = new Map<string, NodeRuntime>();
  readonly workers = new Map<string, PodWorker>();
  private readonly rng: Rng;
  private heartbeatTimer?: number;
  private ticks = 0;
  private nodeIndex = 0;
  private readonly creating = new Set<string>();

  constructor(readonly sim: Simulation) {
    this.rng = sim.rng.fork('kubelet');
    if (sim.frozen) return;
    // Watch events only mark what changed; the work happens when the simulation settles
    // (a level-triggered controller), so objects loaded in several steps (a bootstrapped
    // cluster writes a pod, then its running status) are seen in their final form.
    sim.store.watch((e) => {
      if (e.resource === 'pods')
        this.dirtyPods.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      else if (e.resource === 'nodes') this.dirtyNodes.add(e.object.metadata.name ?? '');
    });
    for (const n of sim.store.list('nodes')) this.dirtyNodes.add(n.metadata.name ?? '');
    for (const p of sim.store.list('pods'))
      this.dirtyPods.add(`${p.metadata.namespace}/${p.metadata.name}`);
    sim.addController({
      name: 'kubelet',
      watches: ['pods', 'nodes'],
      reconcile: () => this.reconcile(),
    });
    this.scheduleHeartbeat();
  }

  private readonly dirtyPods = new Set<string>();
  private readonly flush = new Set<PodWorker>();
  private readonly memoryDirty = new Set<string>();
  private readonly pressureTimers = new Map<string, number>();
  private readonly pressureClear = new Map<string, number>();
  private readonly lastEviction = new Map<string, number>();
  private readonly dirtyNodes = new Set<string>();

  /** Applies pending store changes: new nodes, new/changed/deleted pods. */
  reconcile(): void {
    for (
      let round = 0;
      round < 50 &&
      (this.dirtyNodes.size > 0 ||
        this.dirtyPods.size > 0 ||
        this.flush.size > 0 ||
        this.memoryDirty.size > 0);
      round++
    ) {
      const toFlush = [...this.flush];
      this.flush.clear();
      for (const w of toFlush) w.flushStatus();
      const mem = [...this.memoryDirty];
      this.memoryDirty.clear();
      for (const n of mem) this.schedulePressure(n);
      const nodes = [...this.dirtyNodes];
      this.dirtyNodes.clear();
      for (const name of nodes) {
        const n = this.sim.store.get('nodes', '', name);
        try {
          if (n) this.addNode(n);
          else this.removeNode(name);
        } catch {
          /* never throw from a reconcile */
        }
      }
      const pods = [...this.dirtyPods];
      this.dirtyPods.clear();
      for (const key of pods) {
        const [ns, name] = key.split('/');
        const p = this.sim.store.get('pods', ns, name);
        try {
          if (p) this.onPod(p);
          else this.dropWorker(key);
        } catch {
          /* never throw from a reconcile */
        }
      }
    }
  }

  /**
   * Workers per node, each map in the order of `workers` restricted to that
   * node (so per-node sums and choices are made in the same order as a
   * filter over all workers), kept in step by setWorker and deleteWorker.
   */
  private readonly byNode = new Map<NodeRuntime, Map<string, PodWorker>>();

  private setWorker(key: string, worker: PodWorker): void {
    const old = this.workers.get(key);
    if (old && old !== worker) this.byNode.get(old.env.node)?.delete(key);
    this.workers.set(key, worker);
    let m = this.byNode.get(worker.env.node);
    if (!m) this.byNode.set(worker.env.node, (m = new Map()));
    if (old && old.env.node !== worker.env.node) {
      // The key kept its place among all workers: rebuild this node's map in that order.
      m.clear();
      for (const [k, w] of this.workers) if (w.env.node === worker.env.node) m.set(k, w);
    } else m.set(key, worker);
  }

  private deleteWorker(key: string): void {
    const w = this.workers.get(key);
    if (!w) return;
    this.workers.delete(key);
    const m = this.byNode.get(w.env.node);
    m?.delete(key);
    if (m && m.size === 0) this.byNode.delete(w.env.node);
  }

  /** The node's workers, in the order of `workers`. */
  private workersOn(node: NodeRuntime): PodWorker[] {
    const m = this.byNode.get(node);
    return m ? [...m.values()] : [];
  }

  private keyOf(pod: KubeObject): string {
    return `${pod.metadata.namespace}/${pod.metadata.name}`;
  }

  private onPod(pod: KubeObject): void {
    const key = this.keyOf(pod);
    // XState computes an actor's initial state (guards included) inside createActor: a worker being
    // built already writes status, and those writes come back here.
    if (this.creating.has(key)) return;
    const existing = this.workers.get(key);
    if (existing) {
      if ((pod.metadata.uid ?? '') !== existing.uid) {
        existing.dispose(true);
        this.deleteWorker(key);
      } else {
        existing.observe(pod);
        return;
      }
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName) return;
    const node = this.nodes.get(nodeName);
    if (!node || !node.running) return;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      // Terminal pods hold no containers; a deletion goes straight through.
      if (pod.metadata.deletionTimestamp) this.finalizePod(pod);
      return;
    }
    const adopt = Array.isArray((pod.status as Dict | undefined)?.containerStatuses);
    this.creating.add(key);
    let worker: PodWorker;
    try {
      worker = new PodWorker(
        {
          sim: this.sim,
          rng: this.rng,
          node,
          onGone: (w) => {
            if (this.workers.get(w.key) === w) this.deleteWorker(w.key);
          },
          requestFlush: (w) => {
            this.flush.add(w);
            this.sim.requeue('kubelet');
          },
          memoryChanged: (w) => {
            this.memoryDirty.add(w.env.node.name);
            this.sim.requeue('kubelet');
          },
        },
        pod,
        adopt,
      );
    } finally {
      this.creating.delete(key);
    }
    this.setWorker(key, worker);
    worker.run();
    // Adopted containers count toward the node's memory from the start.
    if (adopt) this.memoryDirty.add(node.name);
    if (pod.metadata.deletionTimestamp) worker.observe(pod);
  }

  private finalizePod(pod: KubeObject): void {
    const def = this.sim.api.kindFor(pod);
    if (!def.ok) return;
    this.sim.api.delete(def.value, pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
      gracePeriodSeconds: 0,
    });
  }

  private dropWorker(key: string): void {
    const w = this.workers.get(key);
    if (!w) return;
    this.deleteWorker(key);
    // The actor may be mid-action (it asked for this deletion): stop it at the next instant.
    w.dispose(true);
  }

  // ------------------------------------------------------------------ nodes

  private addNode(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    if (this.nodes.has(name)) return;
    const spec = (node.spec ?? {}) as Dict;
    const status = (node.status ?? {}) as Dict;
    const addresses = (status.addresses as { type: string; address: string }[] | undefined) ?? [];
    const hostIP =
      addresses.find((a) => a.type === 'InternalIP')?.address ?? `172.18.0.${2 + this.nodeIndex}`;
    const cidr = (spec.podCIDR as string | undefined) ?? `10.244.${this.nodeIndex}.0/24`;
    this.nodeIndex++;
    const m = /^(\d+\.\d+\.\d+\.)\d+\/(\d+)$/.exec(cidr);
    const prefix = m ? m[1] : '10.244.0.';
    const rt: NodeRuntime = {
      name,
      running: true,
      images: new Set(),
      pullBusyUntil: 0,
      hostIP,
      podNet: { prefix, next: 2, size: 256 },
      usedIPs: new Set(),
    };
    // Preloaded (kube-system) images are on every node from the start.
    for (const img of (status.images as { names?: string[] }[] | undefined) ?? [])
      for (const n of img.names ?? []) rt.images.add(n);
    this.nodes.set(name, rt);
    this.postNodeStatus(name, true);
    this.renewLease(name);
    for (const p of this.sim.store.list('pods'))
      if ((p.spec as { nodeName?: string } | undefined)?.nodeName === name) this.onPod(p);
  }

  private removeNode(name: string): void {
    for (const w of [...this.workers.values()])
      if (w.env.node.name === name) {
        w.dispose();
        this.deleteWorker(w.key);
      }
    this.nodes.delete(name);
  }

  /** Stops a node's kubelet: no heartbeats, no lease renewals, no pod progress. */
  stopNode(name: string): void {
    const n = this.nodes.get(name);
    if (!n || !n.running) return;
    n.running = false;
    for (const w of [...this.workers.values()]) {
      if (w.env.node !== n) continue;
      w.dispose();
      this.deleteWorker(w.key);
    }
  }

  /** Starts a node's kubelet again: it posts Ready and adopts its pods from their status. */
  startNode(name: string): void {
    const n = this.nodes.get(name);
    if (!n || n.running) return;
    n.running = true;
    this.postNodeStatus(name, true);
    this.renewLease(name);
    for (const p of this.sim.store.list('pods'))
      if ((p.spec as { nodeName?: string } | undefined)?.nodeName === name) this.onPod(p);
  }

  nodeRunning(name: string): boolean {
    return this.nodes.get(name)?.running ?? false;
  }

  private scheduleHeartbeat(): void {
    this.heartbeatTimer = this.sim.clock.setTimeout(() => {
      this.ticks++;
      const full = this.ticks % (NODE_STATUS_REPORT_MS / LEASE_RENEW_MS) === 0;
      for (const n of this.nodes.values()) {
        if (!n.running) continue;
        this.renewLease(n.name);
        this.postNodeStatus(n.name, full);
      }
      this.scheduleHeartbeat();
    }, LEASE_RENEW_MS);
  }

  /**
   * Posts the node's conditions. With `force` (every 5 minutes) heartbeats
   * move even if nothing changed; otherwise only a changed condition is written.
   */
  private postNodeStatus(name: string, force: boolean): void {
    const node = this.sim.store.get('nodes', '', name);
    if (!node) return;
    const now = this.sim.now();
    const status = cloneJson((node.status ?? {}) as Dict);
    const conds = ((status.conditions as Dict[] | undefined) ?? []).filter(isDict);
    const want: [string, string, string, string][] = [
      this.nodes.get(name)?.memoryPressure
        ? [
            'MemoryPressure',
            'True',
            'KubeletHasInsufficientMemory',
            'kubelet has insufficient memory available',
          ]
        : [
            'MemoryPressure',
            'False',
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
          ],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ];
    let changed = false;
    for (const [type, st, reason, message] of want) {
      let c = conds.find((x) => x.type === type);
      if (!c) {
        c = { type };
        conds.push(c);
      }
      if (c.status !== st || c.reason !== reason || c.message !== message) {
        changed = true;
        c.lastTransitionTime = rfc3339(now);
      }
      c.status = st;
      c.reason = reason;
      c.message = message;
      if (changed || force || !c.lastHeartbeatTime) c.lastHeartbeatTime = rfc3339(now);
    }
    if (!changed && !force) return;
    for (const c of conds)
      if (want.some((w) => w[0] === c.type)) c.lastHeartbeatTime = rfc3339(now);
    status.conditions = conds;
    const next = cloneJson(node);
    next.status = status;
    delete next.metadata.resourceVersion;
    try {
      this.sim.api.updateStatus(next);
    } catch {
      /* ignore */
    }
  }

  private renewLease(name: string): void {
    const now = rfc3339Micro(this.sim.now());
    const existing = this.sim.store.get('leases.coordination.k8s.io', 'kube-node-lease', name);
    try {
      if (!existing) {
        if (!this.sim.store.get('namespaces', '', 'kube-node-lease')) return;
        const node = this.sim.store.get('nodes', '', name);
        this.sim.api.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: 'kube-node-lease',
            ownerReferences: node
              ? [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }]
              : undefined,
          },
          spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: now },
        });
        return;
      }
      const next = cloneJson(existing);
      (next.spec as Dict) = {
        ...((next.spec as Dict) ?? {}),
        holderIdentity: name,
        leaseDurationSeconds: 40,
        renewTime: now,
      };
      delete next.metadata.resourceVersion;
      this.sim.api.update(next);
    } catch {
      /* ignore */
    }
  }

  // ------------------------------------------------------------------ memory pressure

  /** Node memory capacity in bytes (status.capacity.memory). */
  private capacityOf(name: string): number | undefined {
    const node = this.sim.store.get('nodes', '', name);
    const cap = ((node?.status as Dict | undefined)?.capacity as Dict | undefined)?.memory as
      string | undefined;
    const v = cap === undefined ? undefined : parseQuantity(cap);
    return v === undefined || v <= 0 ? undefined : v;
  }

  /**
   * Computes when the node's memory.available falls under the hard eviction
   * threshold (100Mi) with the containers running now, and schedules one
   * timer for that instant (none when it never does).
   */
  private schedulePressure(name: string): void {
    const old = this.pressureTimers.get(name);
    if (old !== undefined) this.sim.clock.clearTimeout(old);
    this.pressureTimers.delete(name);
    const n = this.nodes.get(name);
    const capacity = this.capacityOf(name);
    if (!n || !n.running || capacity === undefined) return;
    const terms = this.workersOn(n).flatMap((w) => w.memoryTerms());
    const now = this.sim.now();
    const at = memoryCrossing(terms, NODE_SYSTEM_MEMORY, capacity - MEMORY_EVICTION_THRESHOLD, now);
    if (at === undefined) return;
    // The eviction manager acts on its 10 s monitoring loop, at most once per pass.
    const last = this.lastEviction.get(name);
    const when = last !== undefined ? Math.max(at, last + EVICTION_MONITOR_MS) : at;
    this.pressureTimers.set(
      name,
      this.sim.clock.setTimeout(() => {
        this.pressureTimers.delete(name);
        this.evictOne(name);
      }, when - now),
    );
  }

  private evictOne(name: string): void {
    const n = this.nodes.get(name);
    const capacity = this.capacityOf(name);
    if (!n || !n.running || capacity === undefined) return;
    const now = this.sim.now();
    const candidates = this.workersOn(n).filter((w) => !w.isEvicted && !w.isDisposed);
    let used = NODE_SYSTEM_MEMORY;
    const ranked = candidates.map((w) => {
      const use = w.memoryUse();
      const usage = use.reduce((a, c) => a + c.usage, 0);
      const request = use.reduce(
        (a, c) => a + (c.request === undefined ? 0 : (parseQuantity(c.request) ?? 0)),
        0,
      );
      used += usage;
      const pod = this.sim.store.get('pods', w.namespace, w.name);
      const priority = ((pod?.spec as Dict | undefined)?.priority as number | undefined) ?? 0;
      return { w, use, usage, over: usage > request, excess: usage - request, priority };
    });
    const available = capacity - used;
    if (available >= MEMORY_EVICTION_THRESHOLD) return;
    this.setPressure(name, true);
    // Critical pods (static, system-node-critical) are never evicted for memory.
    const victims = ranked
      .filter((r) => r.priority < 2_000_000_000 && r.usage > 0)
      .sort(
        (a, b) => Number(b.over) - Number(a.over) || a.priority - b.priority || b.excess - a.excess,
      );
    const v = victims[0];
    if (!v) return;
    this.lastEviction.set(name, now);
    v.w.evict(evictionMessage(available, v.use));
    this.memoryDirty.add(name);
    this.sim.requeue('kubelet');
  }

  private setPressure(name: string, on: boolean): void {
    const n = this.nodes.get(name);
    if (!n) return;
    if (on) {
      const t = this.pressureClear.get(name);
      if (t !== undefined) this.sim.clock.clearTimeout(t);
      // MemoryPressure goes back to False once no pressure was seen for the transition period.
      this.pressureClear.set(
        name,
        this.sim.clock.setTimeout(() => {
          this.pressureClear.delete(name);
          this.setPressure(name, false);
        }, PRESSURE_TRANSITION_MS),
      );
    }
    if (!!n.memoryPressure === on) return;
    n.memoryPressure = on;
    if (on) {
      const node = this.sim.store.get('nodes', '', name);
      if (node)
        this.sim.events.record(
          node,
          'Warning',
          'EvictionThresholdMet',
          'Attempting to reclaim memory',
          { component: 'kubelet', host: name },
        );
    }
    this.postNodeStatus(name, false);
  }

  // ------------------------------------------------------------------ observation

  logs(namespace: string, pod: string, container: string, previous: boolean): LogsResult {
    const w = this.workers.get(`${namespace}/${pod}`);
    const obj = this.sim.store.get('pods', namespace, pod);
    const spec = obj ? podSpec(obj) : undefined;
    const names = spec
      ? [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name)
      : [];
    if (obj && !names.includes(container))
      return { ok: false, message: `container ${container} is not valid for pod ${pod}` };
    const inst = w?.instanceFor(container, previous);
    if (!inst) {
      if (previous)
        return {
          ok: false,
          message: `previous terminated container "${container}" in pod "${pod}" not found`,
        };
      const st = obj ? this.waitingReason(obj, container) : 'ContainerCreating';
      return {
        ok: false,
        message: `container "${container}" in pod "${pod}" is waiting to start: ${st}`,
      };
    }
    return { ok: true, lines: w!.logLines(inst) };
  }

  private waitingReason(pod: KubeObject, container: string): string {
    const st = (pod.status ?? {}) as Dict;
    const all = [
      ...((st.initContainerStatuses as Dict[] | undefined) ?? []),
      ...((st.containerStatuses as Dict[] | undefined) ?? []),
    ];
    const s = all.find((x) => x.name === container);
    const reason = ((s?.state as Dict | undefined)?.waiting as Dict | undefined)?.reason as
      string | undefined;
    if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff')
      return 'trying and failing to pull image';
    if (reason === 'InvalidImageName' || reason === 'ErrImageNeverPull')
      return "image can't be pulled";
    return reason ?? 'ContainerCreating';
  }

  exitProcess(namespace: string, pod: string, container: string, code: number): boolean {
    return this.workers.get(`${namespace}/${pod}`)?.exitProcess(container, code) ?? false;
  }

  process(namespace: string, pod: string, container: string): RunningProcess | undefined {
    const w = this.workers.get(`${namespace}/${pod}`);
    const inst = w?.running(container);
    if (!w || !inst) return undefined;
    const sim = this.sim;
    const plan: ProcessPlan = inst.plan;
    const off = () => sim.now() - inst.startedAt;
    const files: Record<string, string> = {};
    return {
      listensOn: (port, protocol = 'TCP') => listening(plan, port, off(), protocol, true),
      listensLocally: (port, protocol = 'TCP') => listening(plan, port, off(), protocol, false),
      http: (port, path, client) => {
        const ans = httpAnswer(plan, port, path, off());
        if (ans && client)
          w.logRequest(inst, {
            port,
            path,
            status: ans.status,
            clientIP: client.ip,
            userAgent: client.userAgent ?? '-',
          });
        return ans;
      },
      tools: plan.tools,
      paths: inst.image.entry.paths ?? {},
      get files() {
        const o = off();
        for (const k of Object.keys(files)) delete files[k];
        for (const f of plan.files)
          if (f.from <= o && (f.until === undefined || o < f.until)) files[f.path] = f.content;
        return files;
      },
      env: inst.env,
    };
  }

  /** Raw current use of each running container (no metrics-server delay). */
  rawUsage(namespace: string, pod: string): (ContainerUsage & { startedAt: number })[] | undefined {
    const w = this.workers.get(`${namespace}/${pod}`);
    if (!w) return undefined;
    const out: (ContainerUsage & { startedAt: number })[] = [];
    for (const r of w.records.values()) {
      const inst = w.running(r.name);
      if (!inst) continue;
      const mem = w.memoryNow(r.name) ?? 0;
      // A few percent of deterministic wobble around the image's CPU figure.
      const base = inst.plan.cpuMillis;
      const wobble =
        base > 2
          ? Math.floor(
              ((Math.floor(this.sim.now() / 15_000) * 2654435761) >>> 0) %
                Math.max(1, Math.floor(base / 10)),
            )
          : 0;
      // CFS quota: a container never uses more CPU than its limit.
      const limit = r.spec.resources?.limits?.cpu;
      const cap =
        limit === undefined
          ? Infinity
          : Math.max(1, Math.round((parseQuantity(limit) ?? Infinity) * 1000));
      out.push({
        name: r.name,
        cpuMillis: Math.min(cap, Math.max(1, base + wobble)),
        memoryBytes: mem,
        startedAt: inst.startedAt,
      });
    }
    return out.length > 0 ? out : undefined;
  }
}
