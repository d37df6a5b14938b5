import { createActor } from 'xstate';
import { isDict, jsonEqual, parseTime, rfc3339, type Dict, type KubeObject } from '../api/meta.js';
import { parseQuantity } from '../api/quantity.js';
import {
  changePoints,
  defaultPullPolicy,
  digestOf,
  execLookupError,
  fileAt,
  httpAnswer,
  listening,
  logsUpTo,
  memoryAt,
  oomOffset,
  parseImageRef,
  type LogEntry,
  type ProcessPlan,
  type ResolvedImage,
} from '../images/index.js';
import { PlanBuilder } from '../images/shell.js';
import type { Simulation } from '../simulation.js';
import type { Rng } from '../time/rng.js';
import { BACKOFF_MAX_MS, PLEG_MS, goDuration } from './backoff.js';
import {
  backoffForRestarts,
  type ContainerEvent,
  type ContainerHost,
  type ContainerInput,
  type ImageStep,
} from './container-machine.js';
import { podMachine, type PodActor, type PodHost } from './pod-machine.js';
import {
  memoryLimit,
  podSpec,
  qosClass,
  resolvePort,
  type ContainerSpec,
  type PodSpec,
} from './pod-spec.js';
import { pullSecretRegistries, registryKeyMatches } from './pull-secrets.js';
import { ProbeWorker, type ProbeKind, type ProbeResult, type ProbeSpec } from './probes.js';

/** Per-node runtime state: the kubelet process, its image store, its IPAM. */
export interface NodeRuntime {
  name: string;
  running: boolean;
  /** Images present (`docker.io/library/nginx:1.27`). */
  images: Set<string>;
  /** Serialized image pulls (the kubelet default): when the puller is free again. */
  pullBusyUntil: number;
  hostIP: string;
  /** `10.244.1.` and the next host number to try. */
  podNet: { prefix: string; next: number; size: number };
  usedIPs: Set<string>;
  /** MemoryPressure as the eviction manager sees it. */
  memoryPressure?: boolean;
}

export interface WorkerEnv {
  sim: Simulation;
  rng: Rng;
  node: NodeRuntime;
  /** Called when the worker no longer needs to exist (the pod is gone). */
  onGone(worker: PodWorker): void;
  /** Schedules a status flush at the end of the current instant. */
  requestFlush(worker: PodWorker): void;
  /** A container started or stopped: the node's memory curve changed. */
  memoryChanged(worker: PodWorker): void;
}

interface Instance {
  /** Lines written for requests served (access logs), absolute times. */
  requestLogs?: { time: number; text: string }[];
  containerID: string;
  startedAt: number;
  plan: ProcessPlan;
  image: ResolvedImage;
  env: Record<string, string>;
  /** Planned or actual end, absolute. */
  end?: { at: number; code: number; reason: string; message?: string };
  finished: boolean;
  startError?: string;
}

interface Termination {
  containerID: string;
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number | null;
  finishedAt: number;
}

interface Pull {
  image: string;
  full: string;
  ok: boolean;
  message: string;
  resolved?: ResolvedImage;
  duration: number;
  waited: number;
}

/** The kubelet-private state of one container. */
export class ContainerRecord {
  restartCount = 0;
  waiting?: { reason: string; message?: string };
  instances: Instance[] = [];
  terminations: Termination[] = [];
  phase: 'waiting' | 'running' | 'terminated' = 'waiting';
  ready = false;
  started = false;
  probes?: ProbeWorker;
  pull?: Pull;
  spawned = false;
  gone = false;
  succeeded = false;
  killReason?: 'liveness' | 'startup' | 'stop' | 'changed';
  /** A sidecar that has started once no longer holds the next containers back. */
  sidecarStarted = false;

  constructor(
    readonly name: string,
    readonly init: boolean,
    public spec: ContainerSpec,
  ) {}

  get current(): Instance | undefined {
    return this.instances[this.instances.length - 1];
  }
}

const MOUNT_RETRY_MAX_MS = 122_000;

/**
 * The kubelet's worker for one pod: owns the pod actor and its container
 * records, implements the container runtime for the machines, and writes
 * the pod's status through the API server.
 */
export class PodWorker {
  readonly key: string;
  readonly actor: PodActor;
  readonly records = new Map<string, ContainerRecord>();
  podIP?: string;
  startTime: number;
  readonly uid: string;
  private mountDelay = 0;
  private mounted = false;
  private disposed = false;
  private actorStopped = false;
  private deleting = false;
  /** The status last written (or found already stored); compared as JSON. */
  private lastWritten: Dict | undefined;
  private readyToStart = false;
  /** Set when the kubelet failed the pod itself (eviction, deadline): its message. */
  private evicted?: string;
  private failReason = 'Evicted';

  constructor(
    readonly env: WorkerEnv,
    pod: KubeObject,
    adopt: boolean,
  ) {
    this.key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.uid = pod.metadata.uid ?? '';
    const spec = podSpec(pod);
    for (const c of spec.initContainers ?? [])
      this.records.set(c.name, new ContainerRecord(c.name, true, c));
    for (const c of spec.containers)
      this.records.set(c.name, new ContainerRecord(c.name, false, c));
    const status = (pod.status ?? {}) as Dict;
    this.startTime = parseTime(status.startTime as string | undefined) ?? this.now();
    let adoptable = false;
    if (adopt) adoptable = this.adoptFrom(pod);
    if (!adoptable) {
      // Keep status fields a restarted kubelet would find (startTime) but start containers afresh.
      this.lastWritten = undefined;
    }
    const host = this.podHost();
    this.actor = createActor(podMachine, {
      id: `pod:${this.key}`,
      clock: env.sim.clock,
      input: { host, mounted: adoptable },
    });
    this.actor.subscribe({ error: () => undefined });
    if (adoptable) this.mounted = true;
    this.adopted = adoptable;
  }

  private adopted = false;

  /** Starts the pod actor (after the worker is registered, since it writes status at once). */
  run(): void {
    if (!this.adopted) this.writeStatus();
    this.actor.start();
    // activeDeadlineSeconds counts from the pod's start time on this kubelet.
    const pod = this.pod();
    const deadline = (pod?.spec as { activeDeadlineSeconds?: number } | undefined)
      ?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline > 0) {
      const due = this.startTime + deadline * 1000;
      this.env.sim.clock.setTimeout(
        () => {
          if (this.disposed || this.deleting) return;
          this.evict(
            'Pod was active on the node longer than the specified deadline',
            'DeadlineExceeded',
          );
        },
        Math.max(0, due - this.now()),
      );
    }
  }

  private now(): number {
    return this.env.sim.clock.now();
  }

  private pod(): KubeObject | undefined {
    const [ns, name] = this.key.split('/');
    const p = this.env.sim.store.get('pods', ns, name);
    return p && p.metadata.uid === this.uid ? p : undefined;
  }

  get namespace(): string {
    return this.key.split('/')[0];
  }
  get name(): string {
    return this.key.split('/')[1];
  }

  /** Called on every watch event for this pod (spec or deletion changes). */
  observe(pod: KubeObject): void {
    if (this.disposed) return;
    // Pod container images are mutable: a changed image replaces the container.
    const spec = podSpec(pod);
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      const rec = this.records.get(c.name);
      if (!rec || rec.spec.image === c.image) continue;
      rec.spec = c;
      if (!rec.spawned || rec.gone || (rec.init && rec.succeeded)) continue;
      const child = (
        this.actor.getSnapshot().children as Record<
          string,
          { send(e: ContainerEvent): void } | undefined
        >
      )[c.name];
      this.env.sim.clock.setTimeout(
        () => !this.disposed && child?.send({ type: 'SPEC_CHANGED' }),
        0,
      );
    }
    if (pod.metadata.deletionTimestamp && !this.deleting) {
      this.deleting = true;
      this.actor.send({ type: 'DELETE' });
    }
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Stops the worker and its actor. `defer` stops the actor at the next
   * instant, for callers running inside one of its actions.
   */
  dispose(defer = false): void {
    if (this.actorStopped) return;
    this.disposed = true;
    for (const r of this.records.values()) r.probes?.stop();
    if (this.podIP && this.podIP !== this.env.node.hostIP) this.env.node.usedIPs.delete(this.podIP);
    const stop = () => {
      if (this.actorStopped) return;
      this.actorStopped = true;
      try {
        this.actor.stop();
      } catch {
        /* already stopped */
      }
    };
    if (defer) this.env.sim.clock.setTimeout(stop, 0);
    else stop();
  }

  // ------------------------------------------------------------------ adoption

  /** Resumes from a status written by someone else (a bootstrapped cluster, a restarted kubelet). */
  private adoptFrom(pod: KubeObject): boolean {
    const status = (pod.status ?? {}) as Dict;
    const statuses = [
      ...((status.initContainerStatuses as Dict[] | undefined) ?? []),
      ...((status.containerStatuses as Dict[] | undefined) ?? []),
    ];
    if (statuses.length === 0) return false;
    const apps = (status.containerStatuses as Dict[] | undefined) ?? [];
    if (!apps.some((s) => isDict(s.state) && isDict(s.state.running))) {
      // Nothing runs (a crash loop, pulls failing): start afresh, but keep what a restarted
      // kubelet would still know from the runtime: restart counts, last terminations, the IP.
      for (const st of statuses) {
        const rec = this.records.get(st.name as string);
        if (!rec) continue;
        rec.restartCount = (st.restartCount as number | undefined) ?? 0;
        const last = ((st.lastState as Dict | undefined)?.terminated ??
          (st.state as Dict | undefined)?.terminated) as Dict | undefined;
        if (last) rec.terminations.push(terminationFrom(last, this.now()));
        if (
          rec.init &&
          (st.state as Dict | undefined)?.terminated &&
          ((st.state as Dict).terminated as Dict).exitCode === 0
        ) {
          rec.succeeded = true;
          rec.spawned = true;
          rec.gone = true;
          rec.phase = 'terminated';
        }
      }
      if (typeof status.podIP === 'string' && status.podIP) {
        this.podIP = status.podIP;
        this.env.node.usedIPs.add(this.podIP);
      }
      return false;
    }
    this.podIP = status.podIP as string | undefined;
    if (this.podIP) this.env.node.usedIPs.add(this.podIP);
    this.readyToStart = true;
    for (const s of statuses) {
      const rec = this.records.get(s.name as string);
      if (!rec) continue;
      rec.restartCount = (s.restartCount as number | undefined) ?? 0;
      const state = (s.state ?? {}) as Dict;
      let img = this.env.sim.images.resolve(rec.spec.image ?? '', true);
      if (!img.ok) img = { ok: true, image: genericImage(rec.spec.image ?? '') };
      this.env.node.images.add(img.image.ref.full);
      const running = state.running as Dict | undefined;
      const terminated = state.terminated as Dict | undefined;
      if (running && img.ok) {
        const startedAt = parseTime(running.startedAt as string | undefined) ?? this.now();
        const inst = this.makeInstance(
          rec,
          img.image,
          (s.containerID as string | undefined) ?? `containerd://${this.env.rng.hex(64)}`,
          startedAt,
        );
        rec.instances.push(inst);
        rec.phase = 'running';
        rec.ready = !!s.ready;
        rec.started = s.started !== false;
        (rec as { adopt?: boolean }).adopt = true;
      } else if (terminated && rec.init && terminated.exitCode === 0) {
        rec.succeeded = true;
        rec.phase = 'terminated';
        rec.spawned = true;
        rec.gone = true;
        rec.terminations.push({
          containerID: (terminated.containerID as string) ?? '',
          exitCode: 0,
          reason: (terminated.reason as string) ?? 'Completed',
          startedAt: parseTime(terminated.startedAt as string) ?? null,
          finishedAt: parseTime(terminated.finishedAt as string) ?? this.now(),
        });
      }
      const last = (s.lastState as Dict | undefined)?.terminated as Dict | undefined;
      if (last) {
        rec.terminations.unshift({
          containerID: (last.containerID as string) ?? '',
          exitCode: (last.exitCode as number) ?? 0,
          reason: (last.reason as string) ?? 'Error',
          message: last.message as string | undefined,
          startedAt: parseTime(last.startedAt as string) ?? null,
          finishedAt: parseTime(last.finishedAt as string) ?? this.now(),
        });
      }
    }
    this.mounted = true;
    return true;
  }

  // ------------------------------------------------------------------ pod host

  private podHost(): PodHost {
    return {
      volumesReady: () => this.volumesReady(),
      mountRetryMs: () => {
        this.mountDelay =
          this.mountDelay === 0 ? 1000 : Math.min(MOUNT_RETRY_MAX_MS, this.mountDelay * 2);
        return this.mountDelay;
      },
      nextContainers: () => this.nextContainers(),
      spawned: () =>
        [...this.records.values()].filter((r) => r.spawned && !r.gone).map((r) => r.name),
      terminating: () => this.checkGone(),
      sandboxReady: () => this.sandboxReady(),
    };
  }

  private volumesReady(): boolean {
    const pod = this.pod();
    if (!pod) return false;
    const spec = podSpec(pod);
    const ns = this.namespace;
    const store = this.env.sim.store;
    for (const v of spec.volumes ?? []) {
      const problems: string[] = [];
      const checkCm = (
        name: string,
        optional: boolean | undefined,
        items: { key: string }[] | undefined,
      ) => {
        const cm = store.get('configmaps', ns, name);
        if (!cm) {
          if (!optional) problems.push(`configmap "${name}" not found`);
          return;
        }
        const data = {
          ...((cm.data as Dict | undefined) ?? {}),
          ...((cm.binaryData as Dict | undefined) ?? {}),
        };
        for (const it of items ?? [])
          if (!(it.key in data) && !optional)
            problems.push(`configmap references non-existent config key: ${it.key}`);
      };
      const checkSecret = (
        name: string,
        optional: boolean | undefined,
        items: { key: string }[] | undefined,
      ) => {
        const s = store.get('secrets', ns, name);
        if (!s) {
          if (!optional) problems.push(`secret "${name}" not found`);
          return;
        }
        const data = {
          ...((s.data as Dict | undefined) ?? {}),
          ...((s.stringData as Dict | undefined) ?? {}),
        };
        for (const it of items ?? [])
          if (!(it.key in data) && !optional)
            problems.push(`references non-existent secret key: ${it.key}`);
      };
      if (v.configMap) checkCm(v.configMap.name, v.configMap.optional, v.configMap.items);
      if (v.secret) checkSecret(v.secret.secretName, v.secret.optional, v.secret.items);
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap) checkCm(src.configMap.name, src.configMap.optional, src.configMap.items);
        if (src.secret) checkSecret(src.secret.name, src.secret.optional, src.secret.items);
      }
      if (problems.length > 0) {
        this.event(
          'Warning',
          'FailedMount',
          `MountVolume.SetUp failed for volume "${v.name}" : ${problems[0]}`,
        );
        this.writeStatus();
        return false;
      }
    }
    this.mounted = true;
    this.writeStatus();
    return true;
  }

  private sandboxReady(): void {
    const pod = this.pod();
    // hostNetwork pods share the node's address; others get one from the node's podCIDR.
    if (!this.podIP)
      this.podIP = pod && podSpec(pod).hostNetwork ? this.env.node.hostIP : this.allocateIP();
    this.readyToStart = true;
    this.writeStatus();
  }

  private allocateIP(): string {
    const n = this.env.node;
    for (let i = 0; i < n.podNet.size; i++) {
      const host = n.podNet.next;
      n.podNet.next = n.podNet.next + 1 >= n.podNet.size - 1 ? 2 : n.podNet.next + 1;
      const ip = `${n.podNet.prefix}${host}`;
      if (!n.usedIPs.has(ip)) {
        n.usedIPs.add(ip);
        return ip;
      }
    }
    return `${n.podNet.prefix}254`;
  }

  private nextContainers(): { id: string; input: ContainerInput }[] {
    if (this.deleting || this.disposed) return [];
    const all = [...this.records.values()];
    const inits = all.filter((r) => r.init);
    const out: { id: string; input: ContainerInput }[] = [];
    const spawn = (r: ContainerRecord) => {
      r.spawned = true;
      const adopt = !!(r as { adopt?: boolean }).adopt;
      out.push({
        id: r.name,
        input: {
          name: r.name,
          host: this.containerHost(r),
          adoptRunning: adopt,
          crashBackoffMs: adopt ? backoffForRestarts(r.restartCount) : 0,
        },
      });
    };
    for (const r of inits) {
      if (initDone(r)) continue;
      if (!r.spawned) spawn(r);
      return out;
    }
    for (const r of all) if (!r.init && !r.spawned) spawn(r);
    return out;
  }

  private checkGone(): void {
    if (this.disposed) return;
    const live = [...this.records.values()].some((r) => r.spawned && !r.gone);
    if (live) return;
    for (const r of this.records.values()) r.probes?.stop();
    if (this.evicted !== undefined) {
      // An evicted pod stays (phase Failed, reason Evicted) until someone deletes it.
      this.flushStatus();
      this.dispose(true);
      this.env.onGone(this);
      return;
    }
    // All containers are gone: the kubelet deletes the pod object for good.
    const pod = this.pod();
    this.disposed = true;
    if (this.podIP) this.env.node.usedIPs.delete(this.podIP);
    if (pod) {
      const sim = this.env.sim;
      const def = sim.api.kindFor(pod);
      if (def.ok) {
        try {
          sim.api.delete(def.value, this.namespace, this.name, { gracePeriodSeconds: 0 });
        } catch {
          /* the pod is gone already */
        }
      }
    }
    this.env.onGone(this);
  }

  // ------------------------------------------------------------------ container host

  private containerHost(rec: ContainerRecord): ContainerHost {
    return {
      now: () => this.now(),
      imageStep: () => this.imageStep(rec),
      finishPull: () => this.finishPull(rec),
      enterPullBackOff: () => {
        const image = rec.spec.image ?? '';
        this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, rec);
        this.event('Warning', 'Failed', 'Error: ImagePullBackOff', rec);
        // v1.32 appends the previous pull error only for the specific CRI errors
        // (registry unavailable, signature validation); a plain pull failure is not repeated.
        // @see kubernetes/pkg/kubelet/images/image_manager.go evalCRIPullErr (PR #127918)
        rec.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
      },
      configError: () => {
        const r = this.resolveEnv(rec);
        if ('error' in r) {
          this.event('Warning', 'Failed', `Error: ${r.error}`, rec);
          rec.waiting = { reason: 'CreateContainerConfigError', message: r.error };
          return r.error;
        }
        const nonRoot = this.verifyRunAsNonRoot(rec);
        if (nonRoot) {
          this.event('Warning', 'Failed', `Error: ${nonRoot}`, rec);
          rec.waiting = { reason: 'CreateContainerConfigError', message: nonRoot };
          return nonRoot;
        }
        return undefined;
      },
      start: () => this.start(rec),
      exitsIn: () => this.exitsIn(rec),
      pollEvery: () => rec.current?.plan.waitFor?.every,
      poll: () => this.poll(rec),
      kill: (reason) => this.kill(rec, reason),
      recordExit: () => this.recordExit(rec),
      shouldRestart: () => this.shouldRestart(rec),
      lastRunMs: () => {
        const t = rec.terminations[rec.terminations.length - 1];
        return t && t.startedAt !== null ? t.finishedAt - t.startedAt : 0;
      },
      enterCrashLoop: (backoff) => {
        const pod = `${this.name}_${this.namespace}(${this.uid})`;
        this.event(
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${rec.name} in pod ${pod}`,
          rec,
        );
        rec.waiting = {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(Math.min(backoff, BACKOFF_MAX_MS))} restarting failed container=${rec.name} pod=${pod}`,
        };
        rec.phase = 'waiting';
      },
      startProbes: (send) => this.startProbes(rec, send),
      stopProbes: () => {
        rec.probes?.stop();
        rec.probes = undefined;
      },
      changed: () => this.changed(rec),
      gone: () => {
        rec.gone = true;
        if (rec.phase === 'running') {
          this.recordExit(rec);
        }
        this.writeStatus();
        this.checkGone();
      },
    };
  }

  private changed(rec: ContainerRecord): void {
    if (this.disposed) return;
    this.writeStatus();
    if (this.deleting) {
      this.checkGone();
      return;
    }
    // The kubelet notices the init container's exit at its next relist (PLEG, 1 s) and
    // starts what comes next (this also keeps the parent's actions out of the child's).
    // A sidecar (restartable init container) lets the next one start once it has started.
    if (isSidecar(rec) && rec.phase === 'running' && rec.started) rec.sidecarStarted = true;
    if (rec.init && initDone(rec) && !(rec as { nextSent?: boolean }).nextSent) {
      (rec as { nextSent?: boolean }).nextSent = true;
      this.env.sim.clock.setTimeout(
        () => !this.disposed && this.actor.send({ type: 'NEXT' }),
        PLEG_MS,
      );
    }
  }

  /**
   * Whether the pod's pull secrets hold credentials for the image's registry.
   * The kubelet reads only the pod's own `spec.imagePullSecrets`: the
   * ServiceAccount admission plugin copied the account's secrets there at
   * creation, and only when the pod listed none.
   *
   * @see kubernetes/pkg/kubelet/kubelet_pods.go (getPullSecretsForPod)
   */
  private hasPullCredentials(domain: string, path: string): boolean {
    const pod = this.pod();
    if (!pod) return false;
    const spec = podSpec(pod);
    const store = this.env.sim.store;
    return (spec.imagePullSecrets ?? []).some((s) => {
      const secret = store.get('secrets', this.namespace, s.name);
      return (
        !!secret &&
        pullSecretRegistries(secret).some((key) => registryKeyMatches(key, domain, path))
      );
    });
  }

  /**
   * Pull secrets the pod names that do not exist in its namespace: the kubelet
   * warns and pulls without them.
   *
   * @see kubernetes/pkg/kubelet/kubelet_pods.go getPullSecretsForPod
   */
  private warnMissingPullSecrets(): void {
    const pod = this.pod();
    if (!pod) return;
    // Validation once let entries with empty names through; the kubelet skips them silently.
    const missing = (podSpec(pod).imagePullSecrets ?? [])
      .map((s) => s.name)
      .filter((n) => !!n && !this.env.sim.store.get('secrets', this.namespace, n));
    if (missing.length === 0) return;
    this.event(
      'Warning',
      'FailedToRetrieveImagePullSecret',
      `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`,
    );
  }

  private imageStep(rec: ContainerRecord): ImageStep {
    const image = rec.spec.image ?? '';
    const parsed = parseImageRef(image);
    if (!parsed.ok) {
      this.event('Warning', 'InspectFailed', parsed.message, rec);
      this.event('Warning', 'Failed', 'Error: InvalidImageName', rec);
      rec.waiting = { reason: 'InvalidImageName', message: parsed.message };
      return { kind: 'invalid' };
    }
    const full = parsed.ref.full;
    this.warnMissingPullSecrets();
    const policy = rec.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = this.env.node.images.has(full) || this.env.sim.images.preloaded(image);
    if (policy === 'Never' && !present) {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', msg, rec);
      this.event('Warning', 'Failed', 'Error: ErrImageNeverPull', rec);
      rec.waiting = { reason: 'ErrImageNeverPull', message: msg };
      return { kind: 'never' };
    }
    if (present && policy !== 'Always') {
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, rec);
      return { kind: 'present' };
    }
    const verdict = this.env.sim.images.resolve(
      image,
      this.hasPullCredentials(parsed.ref.domain, parsed.ref.path),
    );
    const rng = this.env.rng;
    let duration: number;
    if (verdict.ok) {
      duration = present
        ? 300 + rng.int(500)
        : Math.round(verdict.image.size / (25 + rng.int(40)) / 1000) + 400 + rng.int(900);
    } else duration = 300 + rng.int(1200);
    const node = this.env.node;
    const now = this.now();
    const begin = Math.max(now, node.pullBusyUntil);
    const end = begin + duration;
    node.pullBusyUntil = end;
    rec.pull = {
      image,
      full,
      ok: verdict.ok,
      message: verdict.ok ? '' : verdict.message,
      resolved: verdict.ok ? verdict.image : undefined,
      duration,
      waited: end - now,
    };
    this.event('Normal', 'Pulling', `Pulling image "${image}"`, rec);
    if (
      !rec.waiting ||
      (rec.waiting.reason !== 'ImagePullBackOff' && rec.waiting.reason !== 'CrashLoopBackOff')
    )
      rec.waiting = { reason: this.hasInitContainers() ? 'PodInitializing' : 'ContainerCreating' };
    return { kind: 'pull', ms: end - now };
  }

  private hasInitContainers(): boolean {
    return [...this.records.values()].some((r) => r.init);
  }

  private finishPull(rec: ContainerRecord): boolean {
    const p = rec.pull;
    if (!p) return false;
    if (p.ok && p.resolved) {
      this.env.node.images.add(p.full);
      this.event(
        'Normal',
        'Pulled',
        `Successfully pulled image "${p.image}" in ${goDuration(p.duration)} (${goDuration(p.waited)} including waiting). Image size: ${p.resolved.size} bytes.`,
        rec,
      );
      return true;
    }
    this.event('Warning', 'Failed', `Failed to pull image "${p.image}": ${p.message}`, rec);
    this.event('Warning', 'Failed', 'Error: ErrImagePull', rec);
    rec.waiting = { reason: 'ErrImagePull', message: p.message };
    return false;
  }

  /**
   * `runAsNonRoot` against the effective runAsUser, else the image's USER
   * (none means root); checked after the environment, as generateContainerConfig does.
   *
   * @see kubernetes/pkg/kubelet/kuberuntime/security_context_others.go verifyRunAsNonRoot
   */
  private verifyRunAsNonRoot(rec: ContainerRecord): string | undefined {
    const pod = this.pod();
    if (!pod) return undefined;
    const podSpecSc = (pod.spec as Dict | undefined)?.securityContext;
    const containerSc = (rec.spec as unknown as Dict).securityContext;
    const podSc: Dict = isDict(podSpecSc) ? podSpecSc : {};
    const cSc: Dict = isDict(containerSc) ? containerSc : {};
    const pick = (k: string): unknown => (cSc[k] !== undefined ? cSc[k] : podSc[k]);
    if (pick('runAsNonRoot') !== true) return undefined;
    const who = `(pod: "${this.name}_${this.namespace}(${this.uid})", container: ${rec.name})`;
    const runAsUser = pick('runAsUser');
    if (typeof runAsUser === 'number')
      return runAsUser === 0 ? `container's runAsUser breaks non-root policy ${who}` : undefined;
    const resolved = this.env.sim.images.resolve(rec.spec.image ?? '', true);
    const user = ((resolved.ok ? resolved.image.entry.user : undefined) ?? '').split(':')[0];
    if (user === '' || user === '0') {
      return `container has runAsNonRoot and image will run as root ${who}`;
    }
    if (!/^\d+$/.test(user))
      return `container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root ${who}`;
    // A numeric USER above MaxInt32 is no valid Linux uid (validation.IsValidUserID).
    if (Number(user) > 2147483647)
      return `container has runAsNonRoot and image has an invalid user id (${user}). (Must be 1-(2147483647)): must be between 0 and 2147483647, inclusive ${who}`;
    return undefined;
  }

  /** The container's environment, or the kubelet's CreateContainerConfigError message. */
  resolveEnv(rec: ContainerRecord): { env: Record<string, string> } | { error: string } {
    const pod = this.pod();
    if (!pod) return { error: 'pod not found' };
    const ns = this.namespace;
    const store = this.env.sim.store;
    const env: Record<string, string> = {};
    const cmData = (name: string): Record<string, string> | undefined => {
      const cm = store.get('configmaps', ns, name);
      return cm ? ((cm.data as Record<string, string> | undefined) ?? {}) : undefined;
    };
    const secretData = (name: string): Record<string, string> | undefined => {
      const s = store.get('secrets', ns, name);
      if (!s) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries((s.data as Record<string, string> | undefined) ?? {}))
        out[k] = Buffer.from(v, 'base64').toString('utf8');
      for (const [k, v] of Object.entries(
        (s.stringData as Record<string, string> | undefined) ?? {},
      ))
        out[k] = v;
      return out;
    };
    for (const src of rec.spec.envFrom ?? []) {
      const prefix = src.prefix ?? '';
      if (src.configMapRef) {
        const d = cmData(src.configMapRef.name);
        if (!d) {
          if (src.configMapRef.optional) continue;
          return { error: `configmap "${src.configMapRef.name}" not found` };
        }
        for (const [k, v] of Object.entries(d)) env[prefix + k] = v;
      }
      if (src.secretRef) {
        const d = secretData(src.secretRef.name);
        if (!d) {
          if (src.secretRef.optional) continue;
          return { error: `secret "${src.secretRef.name}" not found` };
        }
        for (const [k, v] of Object.entries(d)) env[prefix + k] = v;
      }
    }
    const spec = podSpec(pod);
    const status = (pod.status ?? {}) as Dict;
    for (const e of rec.spec.env ?? []) {
      const vf = e.valueFrom;
      if (!vf) {
        env[e.name] = (e.value ?? '').replace(/\$\((\w+)\)/g, (m, k: string) => env[k] ?? m);
        continue;
      }
      if (vf.configMapKeyRef) {
        const r = vf.configMapKeyRef;
        const d = cmData(r.name);
        if (!d) {
          if (r.optional) continue;
          return { error: `configmap "${r.name}" not found` };
        }
        if (!(r.key in d)) {
          if (r.optional) continue;
          return { error: `couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}` };
        }
        env[e.name] = d[r.key];
      } else if (vf.secretKeyRef) {
        const r = vf.secretKeyRef;
        const d = secretData(r.name);
        if (!d) {
          if (r.optional) continue;
          return { error: `secret "${r.name}" not found` };
        }
        if (!(r.key in d)) {
          if (r.optional) continue;
          return { error: `couldn't find key ${r.key} in Secret ${ns}/${r.name}` };
        }
        env[e.name] = d[r.key];
      } else if (vf.fieldRef) {
        const f = vf.fieldRef.fieldPath;
        const labels = pod.metadata.labels ?? {};
        const annotations = pod.metadata.annotations ?? {};
        const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(f);
        env[e.name] = m
          ? ((m[1] === 'labels' ? labels : annotations)[m[2]] ?? '')
          : ({
              'metadata.name': this.name,
              'metadata.namespace': ns,
              'metadata.uid': this.uid,
              'spec.nodeName': spec.nodeName ?? '',
              'spec.serviceAccountName': spec.serviceAccountName ?? 'default',
              'status.podIP': this.podIP ?? '',
              'status.hostIP': this.env.node.hostIP,
              'status.podIPs': this.podIP ?? '',
              'status.hostIPs': this.env.node.hostIP,
            }[f] ?? String(status[f] ?? ''));
      } else if (vf.resourceFieldRef) {
        const r = vf.resourceFieldRef;
        const c = [...spec.containers, ...(spec.initContainers ?? [])].find(
          (x) => x.name === (r.containerName || rec.name),
        );
        const [kind, res] = r.resource.split('.');
        const q = (kind === 'limits' ? c?.resources?.limits : c?.resources?.requests)?.[res];
        const divisor = parseQuantity(r.divisor ?? '1') || 1;
        const v = parseQuantity(q ?? 0) ?? 0;
        env[e.name] = String(Math.ceil(v / divisor));
      }
    }
    return { env };
  }

  private serviceEnv(): Record<string, string> {
    // Docker-link style variables for Services in the namespace (enableServiceLinks defaults to true).
    const out: Record<string, string> = {};
    for (const svc of this.env.sim.store.list('services', this.namespace)) {
      const spec = (svc.spec ?? {}) as Dict;
      const ip = spec.clusterIP as string | undefined;
      const ports = (spec.ports as { port: number; protocol?: string }[] | undefined) ?? [];
      if (!ip || ip === 'None' || ports.length === 0) continue;
      const n = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
      out[`${n}_SERVICE_HOST`] = ip;
      out[`${n}_SERVICE_PORT`] = String(ports[0].port);
    }
    const k = this.env.sim.store.get('services', 'default', 'kubernetes');
    if (k) {
      const ip = ((k.spec ?? {}) as Dict).clusterIP as string | undefined;
      if (ip) {
        out.KUBERNETES_SERVICE_HOST = ip;
        out.KUBERNETES_SERVICE_PORT = '443';
        out.KUBERNETES_SERVICE_PORT_HTTPS = '443';
        out.KUBERNETES_PORT = `tcp://${ip}:443`;
      }
    }
    return out;
  }

  /** Files the kubelet puts in every container, plus ConfigMap/Secret volume contents. */
  private containerFiles(rec: ContainerRecord, pod: KubeObject): Record<string, string> {
    const spec = podSpec(pod);
    const ns = this.namespace;
    const files: Record<string, string> = {
      '/etc/resolv.conf': `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
      '/etc/hostname': `${spec.hostname ?? this.name}\n`,
      '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${this.podIP ?? ''}\t${this.name}\n`,
    };
    // The service account token volume (kube-api-access-*) that admission injects.
    if (
      (pod.spec as { automountServiceAccountToken?: boolean } | undefined)
        ?.automountServiceAccountToken !== false
    ) {
      const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
      files[`${sa}/namespace`] = ns;
      files[`${sa}/token`] = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbSJ9.sim.token';
      files[`${sa}/ca.crt`] =
        '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIsim\n-----END CERTIFICATE-----\n';
    }
    const store = this.env.sim.store;
    for (const m of rec.spec.volumeMounts ?? []) {
      const v = spec.volumes?.find((x) => x.name === m.name);
      if (!v) continue;
      const put = (data: Record<string, string>, items?: { key: string; path: string }[]) => {
        const list = items ?? Object.keys(data).map((k) => ({ key: k, path: k }));
        for (const it of list)
          if (it.key in data) files[`${m.mountPath.replace(/\/$/, '')}/${it.path}`] = data[it.key];
      };
      const decode = (d: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(d).map(([k, val]) => [k, Buffer.from(val, 'base64').toString('utf8')]),
        );
      if (v.configMap)
        put(
          (store.get('configmaps', ns, v.configMap.name)?.data as
            Record<string, string> | undefined) ?? {},
          v.configMap.items,
        );
      if (v.secret)
        put(
          decode(
            (store.get('secrets', ns, v.secret.secretName)?.data as
              Record<string, string> | undefined) ?? {},
          ),
          v.secret.items,
        );
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap)
          put(
            (store.get('configmaps', ns, src.configMap.name)?.data as
              Record<string, string> | undefined) ?? {},
            src.configMap.items,
          );
        if (src.secret)
          put(
            decode(
              (store.get('secrets', ns, src.secret.name)?.data as
                Record<string, string> | undefined) ?? {},
            ),
            src.secret.items,
          );
        if (src.serviceAccountToken)
          files[`${m.mountPath}/${src.serviceAccountToken.path}`] =
            'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbSJ9.sim.token';
        if (src.downwardAPI) files[`${m.mountPath}/namespace`] = ns;
      }
    }
    return files;
  }

  private makeInstance(
    rec: ContainerRecord,
    image: ResolvedImage,
    containerID: string,
    startedAt: number,
    env?: Record<string, string>,
  ): Instance {
    const pod = this.pod();
    const resolved =
      env ??
      (() => {
        const r = this.resolveEnv(rec);
        return 'env' in r ? r.env : {};
      })();
    const fullEnv = { HOSTNAME: this.name, ...this.serviceEnv(), ...resolved };
    const files = pod ? this.containerFiles(rec, pod) : {};
    const sim = this.env.sim;
    const plan = sim.images.plan(image, rec.spec.command, rec.spec.args, {
      env: { ...fullEnv },
      files,
      startedAt,
      podIP: this.podIP ?? '',
      hostname: this.name,
      namespace: this.namespace,
      stdin: rec.spec.stdin === true,
      connect: (host, port) =>
        sim.images.connect({ namespace: this.namespace, pod: this.name }, host, port),
    });
    for (const [path, content] of Object.entries(files))
      plan.files.push({ path, content, from: 0 });
    return {
      containerID,
      startedAt,
      plan,
      image,
      env: fullEnv,
      finished: false,
      startError: plan.startError,
    };
  }

  private start(rec: ContainerRecord): boolean {
    const verdict = this.env.sim.images.resolve(rec.spec.image ?? '', true);
    if (!verdict.ok) return false;
    const r = this.resolveEnv(rec);
    const env = 'env' in r ? r.env : {};
    const now = this.now();
    if (rec.instances.length > 0 || rec.terminations.length > 0) rec.restartCount++;
    const inst = this.makeInstance(
      rec,
      verdict.image,
      `containerd://${this.env.rng.hex(64)}`,
      now,
      env,
    );
    rec.instances.push(inst);
    if (rec.instances.length > 2) rec.instances.shift();
    this.event('Normal', 'Created', `Created container: ${rec.name}`, rec);
    if (inst.startError) {
      this.event('Warning', 'Failed', `Error: ${inst.startError}`, rec);
      inst.end = { at: now, code: 128, reason: 'StartError', message: inst.startError };
      return false;
    }
    this.event('Normal', 'Started', `Started container ${rec.name}`, rec);
    rec.phase = 'running';
    rec.waiting = undefined;
    rec.killReason = undefined;
    this.env.memoryChanged(this);
    rec.started = !rec.spec.startupProbe;
    // Without readiness or startup probes a running container is ready at once.
    rec.ready = !rec.spec.readinessProbe && !rec.spec.startupProbe;
    return true;
  }

  private exitsIn(rec: ContainerRecord): number | undefined {
    const inst = rec.current;
    if (!inst || inst.finished) return undefined;
    const limit = memoryLimit(rec.spec);
    const oom = limit !== undefined ? oomOffset(inst.plan, limit) : undefined;
    const exit = inst.plan.exit;
    let end: Instance['end'];
    if (oom !== undefined && (exit === undefined || oom <= exit.at))
      end = { at: inst.startedAt + Math.max(oom, 100), code: 137, reason: 'OOMKilled' };
    else if (exit)
      end = {
        at: inst.startedAt + exit.at,
        code: exit.code,
        reason: exit.code === 0 ? 'Completed' : 'Error',
      };
    if (!end) return undefined;
    inst.end = end;
    return Math.max(0, end.at - this.now());
  }

  private poll(rec: ContainerRecord): boolean {
    const inst = rec.current;
    const w = inst?.plan.waitFor;
    if (!inst || !w) return false;
    let done = false;
    try {
      done = w.check();
    } catch {
      done = false;
    }
    if (!done) return false;
    const offset = this.now() - inst.startedAt;
    if (inst.plan.periodic) inst.plan.periodic.until = offset;
    for (const l of w.doneLines) inst.plan.logs.push({ at: offset, text: l });
    inst.plan.waitFor = undefined;
    inst.plan.exit = { at: offset, code: w.code };
    return true;
  }

  private kill(rec: ContainerRecord, reason: 'liveness' | 'startup' | 'stop' | 'changed'): number {
    const inst = rec.current;
    const pod = this.pod();
    rec.killReason = reason;
    const message =
      reason === 'stop'
        ? `Stopping container ${rec.name}`
        : reason === 'changed'
          ? `Container ${rec.name} definition changed, will be restarted`
          : `Container ${rec.name} failed ${reason} probe, will be restarted`;
    this.event('Normal', 'Killing', message, rec);
    rec.ready = false;
    if (!inst || inst.finished) return 0;
    const graceSec =
      this.evicted !== undefined
        ? 0
        : reason === 'stop'
          ? (pod?.metadata.deletionGracePeriodSeconds ??
            podSpec(pod ?? ({ metadata: {} } as KubeObject)).terminationGracePeriodSeconds ??
            30)
          : ((pod ? podSpec(pod).terminationGracePeriodSeconds : undefined) ?? 30);
    const grace = graceSec * 1000;
    const now = this.now();
    // A natural exit or OOM already due before the signal lands wins.
    if (inst.end && inst.end.at <= now) return 0;
    const sig = inst.plan.sigterm;
    const ms = sig.exits ? Math.min(sig.afterMs, grace) : grace;
    const code = sig.exits && sig.afterMs <= grace ? sig.code : 137;
    inst.end = { at: now + ms, code, reason: code === 0 ? 'Completed' : 'Error' };
    return ms;
  }

  private recordExit(rec: ContainerRecord): void {
    const inst = rec.current;
    if (!inst) return;
    const now = this.now();
    const end = { ...(inst.end ?? { at: now, code: 0, reason: 'Completed' }) };
    inst.finished = true;
    inst.end = { ...end, at: Math.min(end.at, now) };
    // terminationMessagePolicy FallbackToLogsOnError: the log tail (80 lines, 2 KiB) becomes the message.
    if (
      !end.message &&
      end.code !== 0 &&
      rec.spec.terminationMessagePolicy === 'FallbackToLogsOnError'
    ) {
      let text = this.logLines(inst)
        .slice(-80)
        .map((l) => l.text)
        .join('\n');
      if (text.length > 2048) text = text.slice(text.length - 2048);
      if (text) end.message = text + '\n';
    }
    rec.probes?.stop();
    rec.probes = undefined;
    rec.terminations.push({
      containerID: inst.containerID,
      exitCode: end.code,
      reason: end.reason,
      message: end.message,
      startedAt: inst.startError ? null : inst.startedAt,
      finishedAt: now,
    });
    if (rec.terminations.length > 2) rec.terminations.shift();
    this.env.memoryChanged(this);
    rec.phase = 'terminated';
    rec.waiting = undefined;
    rec.ready = false;
    rec.started = false;
    if (end.reason === 'StartError') {
      // The runtime could not start it: the sync fails with RunContainerError until the next attempt.
      rec.phase = 'waiting';
      rec.waiting = { reason: 'RunContainerError', message: end.message };
    }
    if (rec.init && !isSidecar(rec) && end.code === 0) rec.succeeded = true;
    if (
      !rec.init &&
      end.code === 0 &&
      podSpec(this.pod() ?? ({ metadata: {} } as KubeObject)).restartPolicy !== 'Always'
    )
      rec.succeeded = true;
  }

  private shouldRestart(rec: ContainerRecord): boolean {
    if (this.deleting) return false;
    const pod = this.pod();
    if (!pod) return false;
    const policy = podSpec(pod).restartPolicy ?? 'Always';
    const last = rec.terminations[rec.terminations.length - 1];
    const failed = !last || last.exitCode !== 0;
    if (isSidecar(rec)) return true;
    if (rec.init) return failed && policy !== 'Never';
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return failed;
    return false;
  }

  // ------------------------------------------------------------------ probes

  private startProbes(rec: ContainerRecord, send: (e: ContainerEvent) => void): void {
    rec.probes?.stop();
    const inst = rec.current;
    if (!inst) return;
    const probes: Partial<Record<ProbeKind, ProbeSpec>> = {};
    if (!rec.init || isSidecar(rec)) {
      if (rec.spec.startupProbe) probes.startup = rec.spec.startupProbe;
      if (rec.spec.livenessProbe) probes.liveness = rec.spec.livenessProbe;
      if (rec.spec.readinessProbe) probes.readiness = rec.spec.readinessProbe;
    }
    const adopting = !!(rec as { adopt?: boolean }).adopt;
    (rec as { adopt?: boolean }).adopt = false;
    const worker = new ProbeWorker(
      {
        clock: this.env.sim.clock,
        startedAt: inst.startedAt,
        probes,
        evaluate: (kind, spec, t) => this.evaluateProbe(rec, inst, spec, t),
        nextChange: (t) => {
          const off = t - inst.startedAt;
          const p = changePoints(inst.plan).find((x) => x > off);
          return p === undefined ? undefined : inst.startedAt + p;
        },
        unhealthy: (kind, message) => {
          const label =
            kind === 'startup' ? 'Startup' : kind === 'liveness' ? 'Liveness' : 'Readiness';
          this.event('Warning', 'Unhealthy', `${label} probe failed: ${message}`, rec);
        },
        changed: () => {
          rec.started = worker.started;
          rec.ready = worker.ready;
          send({ type: 'PROBE_CHANGED' });
        },
        kill: (kind) => send({ type: 'PROBE_KILL', probe: kind }),
      },
      adopting ? { started: rec.started, ready: rec.ready } : undefined,
    );
    rec.probes = worker;
    rec.started = worker.started;
    rec.ready = worker.ready;
  }

  private evaluateProbe(
    rec: ContainerRecord,
    inst: Instance,
    spec: ProbeSpec,
    t: number,
  ): ProbeResult {
    const off = t - inst.startedAt;
    const ip = this.podIP ?? '';
    if (spec.httpGet) {
      const port = resolvePort(rec.spec, spec.httpGet.port) ?? 0;
      const path = spec.httpGet.path ?? '/';
      const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase();
      const host = spec.httpGet.host ?? ip;
      const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
      if (!listening(inst.plan, port, off, 'TCP', false))
        return {
          ok: false,
          message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`,
        };
      const ans = httpAnswer(inst.plan, port, path, off);
      if (!ans)
        return {
          ok: false,
          message: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00"`,
        };
      if ((ans.delayMs ?? 0) >= (spec.timeoutSeconds ?? 1) * 1000) {
        return {
          ok: false,
          message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        };
      }
      if (ans.status >= 200 && ans.status < 400) return { ok: true, message: '' };
      return { ok: false, message: `HTTP probe failed with statuscode: ${ans.status}` };
    }
    if (spec.tcpSocket) {
      const port = resolvePort(rec.spec, spec.tcpSocket.port) ?? 0;
      const host = spec.tcpSocket.host ?? ip;
      return listening(inst.plan, port, off, 'TCP', false)
        ? { ok: true, message: '' }
        : { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
    }
    if (spec.grpc) {
      return listening(inst.plan, spec.grpc.port, off, 'TCP', false)
        ? { ok: true, message: '' }
        : {
            ok: false,
            message: `timeout: failed to connect service ":${spec.grpc.port}" within ${spec.timeoutSeconds ?? 1}s: context deadline exceeded`,
          };
    }
    if (spec.exec) {
      const argv = spec.exec.command ?? [];
      const exe = (argv[0] ?? '').split('/').pop() ?? '';
      const e = inst.image.entry;
      const missing = execLookupError(e, argv[0] ?? '', { ...e.env, ...inst.env }.PATH);
      if (missing) {
        return {
          ok: false,
          message: `OCI runtime exec failed: exec failed: unable to start container process: ${missing}: unknown`,
        };
      }
      if (!e.programs[exe]) return { ok: true, message: '' };
      const files: Record<string, string> = {};
      for (const f of inst.plan.files) {
        const c = fileAt(inst.plan, f.path, off);
        if (c !== undefined) files[f.path] = c;
      }
      const scratch = {
        ...inst.plan,
        logs: [] as LogEntry[],
        files: [],
        listens: [],
        periodic: undefined,
        waitFor: undefined,
        exit: undefined,
        http: {},
      };
      const b = new PlanBuilder(
        scratch,
        {
          env: { ...inst.env },
          files,
          startedAt: inst.startedAt,
          podIP: ip,
          hostname: this.name,
          namespace: this.namespace,
          connect: () => 'ok',
        },
        e.programs,
      );
      const out = b.run(argv);
      const text = scratch.logs.map((l) => l.text).join('\n');
      if (out.kind === 'forever') return { ok: false, message: `command timed out` };
      return out.code === 0 ? { ok: true, message: '' } : { ok: false, message: text };
    }
    return { ok: true, message: '' };
  }

  // ------------------------------------------------------------------ events

  private event(
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    rec?: ContainerRecord,
  ): void {
    const pod = this.pod();
    if (!pod) return;
    try {
      this.env.sim.events.record(
        pod,
        type,
        reason,
        message,
        { component: 'kubelet', host: this.env.node.name },
        rec ? { fieldPath: `spec.${rec.init ? 'initContainers' : 'containers'}{${rec.name}}` } : {},
      );
    } catch {
      /* events are best effort */
    }
  }

  // ------------------------------------------------------------------ status

  /**
   * Asks for the pod status to be written. Writes are batched per instant:
   * the kubelet flushes them when the simulation settles, so a container
   * that is created, started and found ready at one instant costs one write.
   */
  writeStatus(): void {
    if (this.disposed) return;
    this.env.requestFlush(this);
  }

  /** Writes the pod status now if it changed. */
  flushStatus(): void {
    if (this.disposed) return;
    const pod = this.pod();
    if (!pod) return;
    try {
      const status = this.buildStatus(pod);
      if (this.lastWritten !== undefined && jsonEqual(status, this.lastWritten)) return;
      if (jsonEqual(status, pod.status ?? {})) {
        this.lastWritten = status;
        return;
      }
      this.lastWritten = status;
      // The API server copies what it stores; a shallow copy is enough here.
      const { resourceVersion: _rv, ...metadata } = pod.metadata;
      this.env.sim.api.updateStatus({ ...pod, metadata, status });
    } catch {
      /* never throw into the machines */
    }
  }

  private buildStatus(pod: KubeObject): Dict {
    const spec = podSpec(pod);
    const old = (pod.status ?? {}) as Dict;
    const now = this.now();
    const recs = [...this.records.values()];
    const inits = recs.filter((r) => r.init);
    const apps = recs.filter((r) => !r.init);
    const initStatuses = inits.map((r) => this.containerStatus(r, spec));
    const appStatuses = apps.map((r) => this.containerStatus(r, spec));
    const initialized = inits.every(initDone);
    const phase = this.phase(spec, inits, apps);
    const sidecars = inits.filter(isSidecar);
    const allReady =
      apps.length > 0 && [...sidecars, ...apps].every((r) => r.phase === 'running' && r.ready);
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const oldConds = (old.conditions as Dict[] | undefined) ?? [];
    const cond = (type: string, ok: boolean, reason?: string, message?: string): Dict => {
      const prev = oldConds.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      const c: Dict = {
        lastProbeTime: null,
        lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now),
        status,
        type,
      };
      if (!ok && reason) c.reason = reason;
      if (!ok && message) c.message = message;
      return c;
    };
    const incomplete = inits.filter((r) => !initDone(r)).map((r) => r.name);
    const unready = [...sidecars, ...apps]
      .filter((r) => !(r.phase === 'running' && r.ready))
      .map((r) => r.name);
    const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
    const notReadyMsg = terminal
      ? undefined
      : `containers with unready status: [${unready.join(' ')}]`;
    const conditions: Dict[] = [
      cond('PodReadyToStartContainers', this.readyToStart && !terminal),
      cond(
        'Initialized',
        initialized,
        'ContainersNotInitialized',
        `containers with incomplete status: [${incomplete.join(' ')}]`,
      ),
      cond('Ready', allReady && !terminal, notReadyReason, notReadyMsg),
      cond('ContainersReady', allReady && !terminal, notReadyReason, notReadyMsg),
    ];
    const scheduled = oldConds.find((c) => c.type === 'PodScheduled');
    conditions.push(scheduled ?? cond('PodScheduled', true));
    for (const c of oldConds) if (!conditions.some((x) => x.type === c.type)) conditions.push(c);
    const status: Dict = {
      ...old,
      phase,
      conditions,
      hostIP: this.env.node.hostIP,
      hostIPs: [{ ip: this.env.node.hostIP }],
      startTime: rfc3339(this.startTime),
      qosClass: (old.qosClass as string | undefined) ?? qosClass(spec),
      containerStatuses: appStatuses,
    };
    if (this.podIP) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    } else {
      delete status.podIP;
      delete status.podIPs;
    }
    if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
    else delete status.initContainerStatuses;
    if (this.evicted !== undefined) {
      status.phase = 'Failed';
      status.reason = this.failReason;
      status.message = this.evicted;
      const prev = oldConds.find((c) => c.type === 'DisruptionTarget');
      const dt: Dict | undefined =
        this.failReason !== 'Evicted'
          ? undefined
          : (prev ?? {
              lastProbeTime: null,
              lastTransitionTime: rfc3339(now),
              message: this.evicted,
              reason: 'TerminationByKubelet',
              status: 'True',
              type: 'DisruptionTarget',
            });
      status.conditions = [
        ...(dt ? [dt] : []),
        ...(status.conditions as Dict[]).filter((c) => c.type !== 'DisruptionTarget'),
      ];
      for (const c of status.conditions as Dict[]) {
        if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status === 'False')
          c.reason = 'PodFailed';
        if (c.type === 'Ready' || c.type === 'ContainersReady') delete c.message;
      }
    }
    return status;
  }

  private phase(spec: PodSpec, inits: ContainerRecord[], apps: ContainerRecord[]): string {
    const policy = spec.restartPolicy ?? 'Always';
    for (const r of inits) {
      if (initDone(r)) continue;
      const last = r.terminations[r.terminations.length - 1];
      if (policy === 'Never' && r.phase === 'terminated' && last && last.exitCode !== 0)
        return 'Failed';
      return 'Pending';
    }
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const r of apps) {
      const last = r.terminations[r.terminations.length - 1];
      if (r.phase === 'running') running++;
      else if (r.phase === 'terminated') {
        stopped++;
        if (last?.exitCode === 0) succeeded++;
      } else if (last) {
        stopped++;
        if (last.exitCode === 0) succeeded++;
      } else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (policy === 'Always') return 'Running';
      if (stopped === succeeded) return 'Succeeded';
      return policy === 'OnFailure' ? 'Running' : 'Failed';
    }
    return 'Pending';
  }

  private containerStatus(r: ContainerRecord, spec: PodSpec): Dict {
    const inst = r.current;
    const term = (t: Termination): Dict => {
      const d: Dict = {
        containerID: t.containerID,
        exitCode: t.exitCode,
        finishedAt: rfc3339(t.finishedAt),
        reason: t.reason,
        startedAt: t.startedAt === null ? '1970-01-01T00:00:00Z' : rfc3339(t.startedAt),
      };
      if (t.message) d.message = t.message;
      return d;
    };
    let state: Dict;
    let lastState: Dict = {};
    const lastTerm = r.terminations[r.terminations.length - 1];
    const prevTerm = r.terminations[r.terminations.length - 2];
    if (r.phase === 'running' && inst) {
      state = { running: { startedAt: rfc3339(inst.startedAt) } };
      if (lastTerm) lastState = { terminated: term(lastTerm) };
    } else if (r.phase === 'terminated' && lastTerm) {
      state = { terminated: term(lastTerm) };
      if (prevTerm) lastState = { terminated: term(prevTerm) };
    } else {
      const w = r.waiting ?? {
        reason: this.hasInitContainers() ? 'PodInitializing' : 'ContainerCreating',
      };
      state = {
        waiting: w.message ? { message: w.message, reason: w.reason } : { reason: w.reason },
      };
      if (lastTerm) lastState = { terminated: term(lastTerm) };
    }
    const started = inst && (r.phase !== 'waiting' || lastTerm);
    const d: Dict = {
      image: started ? inst.image.ref.full : (r.spec.image ?? ''),
      imageID: started ? inst.image.imageID : '',
      lastState,
      name: r.name,
      ready: r.phase === 'running' && r.ready,
      restartCount: r.restartCount,
      started: r.phase === 'running' && r.started,
      state,
    };
    if (started) d.containerID = inst.containerID;
    const mounts = (r.spec.volumeMounts ?? []).map((m) => {
      const o: Dict = { mountPath: m.mountPath, name: m.name };
      if (m.readOnly) {
        o.readOnly = true;
        o.recursiveReadOnly = 'Disabled';
      }
      return o;
    });
    if (mounts.length > 0) d.volumeMounts = mounts;
    void spec;
    return d;
  }

  // ------------------------------------------------------------------ eviction

  /** Running containers' memory curves (for the node's memory pressure). */
  memoryTerms(): { startedAt: number; curve: ProcessPlan['memory'] }[] {
    if (this.disposed) return [];
    const out: { startedAt: number; curve: ProcessPlan['memory'] }[] = [];
    for (const r of this.records.values()) {
      const inst = r.phase === 'running' ? r.current : undefined;
      if (inst) out.push({ startedAt: inst.startedAt, curve: inst.plan.memory });
    }
    return out;
  }

  /** Memory use and request of each running container now. */
  memoryUse(): { name: string; usage: number; request?: string | number }[] {
    const out: { name: string; usage: number; request?: string | number }[] = [];
    for (const r of this.records.values()) {
      const m = this.memoryNow(r.name);
      if (m !== undefined)
        out.push({ name: r.name, usage: m, request: r.spec.resources?.requests?.memory });
    }
    return out;
  }

  get isEvicted(): boolean {
    return this.evicted !== undefined;
  }

  /** Evicts the pod: Evicted event, containers killed at once, phase Failed. */
  evict(message: string, reason = 'Evicted'): void {
    if (this.disposed || this.evicted !== undefined) return;
    this.evicted = message;
    this.failReason = reason;
    this.event('Warning', reason, message);
    if (!this.deleting) {
      this.deleting = true;
      this.actor.send({ type: 'DELETE' });
    }
    this.writeStatus();
  }

  // ------------------------------------------------------------------ observation (logs, process, usage)

  instanceFor(container: string, previous: boolean): Instance | undefined {
    const r = this.records.get(container);
    if (!r) return undefined;
    const list = r.instances;
    return previous ? list[list.length - 2] : list[list.length - 1];
  }

  logLines(inst: Instance): { time: number; text: string }[] {
    const end = inst.finished && inst.end ? inst.end.at : this.now();
    const out = logsUpTo(inst.plan, end - inst.startedAt).map((l) => ({
      time: inst.startedAt + l.at,
      text: l.text,
    }));
    const probeLines = [
      ...this.probeAccessLines(inst, end),
      ...(inst.requestLogs ?? []).filter((l) => l.time <= end),
    ];
    if (probeLines.length === 0) return out;
    // Stable merge by time: the image's own lines first at equal times.
    return [...out, ...probeLines]
      .map((l, i) => ({ l, i }))
      .sort((a, b) => a.l.time - b.l.time || a.i - b.i)
      .map((x) => x.l)
      .slice(-10_000);
  }

  /** Logs a request a client sent to the process, if its server keeps an access log. */
  logRequest(
    inst: Instance,
    r: { port: number; path: string; status: number; clientIP: string; userAgent: string },
  ): void {
    const fmt = inst.image.entry.accessLog;
    if (!fmt || inst.finished) return;
    const time = this.now();
    const list = (inst.requestLogs ??= []);
    for (const text of fmt({ time, serverIP: this.podIP ?? '', ...r })) list.push({ time, text });
    if (list.length > 5000) list.splice(0, list.length - 5000);
  }

  /**
   * Access-log lines of an HTTP server for the kubelet's httpGet probes, on
   * the same grid the probe worker uses; generated on demand (no timers).
   */
  private probeAccessLines(inst: Instance, end: number): { time: number; text: string }[] {
    const fmt = inst.image.entry.accessLog;
    if (!fmt) return [];
    const rec = [...this.records.values()].find((r) => r.instances.includes(inst));
    if (!rec || rec.init) return [];
    const out: { time: number; text: string }[] = [];
    for (const spec of [rec.spec.livenessProbe, rec.spec.readinessProbe]) {
      const get = spec?.httpGet;
      if (!spec || !get) continue;
      const port = resolvePort(rec.spec, get.port) ?? 0;
      const path = get.path ?? '/';
      const period = Math.max(1, spec.periodSeconds ?? 10) * 1000;
      const first = inst.startedAt + Math.max(1000, (spec.initialDelaySeconds ?? 0) * 1000);
      if (end < first) continue;
      const n = Math.floor((end - first) / period) + 1;
      for (let k = Math.max(0, n - 5000); k < n; k++) {
        const t = first + k * period;
        const ans = httpAnswer(inst.plan, port, path, t - inst.startedAt);
        if (!ans) continue;
        const lines = fmt({
          time: t,
          clientIP: this.env.node.hostIP,
          serverIP: this.podIP ?? '',
          port,
          path,
          status: ans.status,
          userAgent: 'kube-probe/1.32',
        });
        for (const text of lines) out.push({ time: t, text });
      }
    }
    return out;
  }

  memoryNow(container: string): number | undefined {
    const r = this.records.get(container);
    const inst = r?.current;
    if (!r || !inst || r.phase !== 'running') return undefined;
    return memoryAt(inst.plan, this.now() - inst.startedAt);
  }

  running(container: string): Instance | undefined {
    const r = this.records.get(container);
    return r && r.phase === 'running' ? r.current : undefined;
  }

  /**
   * The running container's main process exits now with `code`: a shell
   * attached with `kubectl run -it` was told `exit`. False when it does not run.
   */
  exitProcess(container: string, code: number): boolean {
    const inst = this.running(container);
    if (!inst || inst.finished || this.disposed) return false;
    const offset = this.now() - inst.startedAt;
    if (inst.plan.exit && inst.plan.exit.at <= offset) return false;
    inst.plan.exit = { at: offset, code };
    inst.plan.waitFor = undefined;
    if (inst.plan.periodic) inst.plan.periodic.until = offset;
    const child = (
      this.actor.getSnapshot().children as Record<string, { send(e: ContainerEvent): void } | undefined>
    )[container];
    this.env.sim.clock.setTimeout(() => !this.disposed && child?.send({ type: 'PROCESS_CHANGED' }), 0);
    return true;
  }
}

export type { Instance };

/** An init container with `restartPolicy: Always`: a sidecar that runs beside the app. */
function isSidecar(r: ContainerRecord): boolean {
  return r.init && r.spec.restartPolicy === 'Always';
}

/** Whether an init container no longer blocks the ones after it. */
function initDone(r: ContainerRecord): boolean {
  return r.succeeded || (isSidecar(r) && r.sidecarStarted);
}

function terminationFrom(t: Dict, now: number): Termination {
  return {
    containerID: (t.containerID as string | undefined) ?? '',
    exitCode: (t.exitCode as number | undefined) ?? 0,
    reason: (t.reason as string | undefined) ?? 'Error',
    message: t.message as string | undefined,
    startedAt: parseTime(t.startedAt as string | undefined) ?? null,
    finishedAt: parseTime(t.finishedAt as string | undefined) ?? now,
  };
}

/**
 * An image the catalogue does not know, found running on an adopted pod: a
 * process that keeps running quietly (the kubelet must not restart what it
 * finds healthy).
 */
function genericImage(image: string): ResolvedImage {
  const p = parseImageRef(image);
  const ref = p.ok
    ? p.ref
    : {
        raw: image,
        domain: 'docker.io',
        path: image,
        tag: 'latest',
        full: image,
        repository: image,
      };
  return {
    ref,
    imageID: `${ref.repository}@sha256:${digestOf(ref.full)}`,
    size: 50 << 20,
    entry: {
      repository: ref.repository,
      tags: '*',
      size: 50 << 20,
      entrypoint: [],
      cmd: [],
      env: {},
      tools: ['sh'],
      programs: {},
      memory: 20 << 20,
      cpu: 2,
      sigterm: { exits: true, afterMs: 100, code: 0 },
    },
  };
}
