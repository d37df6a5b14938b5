/**
 * Helpers shared by the controllers and the scheduler: pod states as the
 * controller manager judges them, owner references, conditions, and a small
 * work queue driven by the store's watch (client-go's informer + workqueue
 * pattern, reduced to what a synchronous store needs).
 */
import { parseTime, rfc3339, type KubeObject, type OwnerReference } from '../api/meta.js';
import type { Simulation } from '../simulation.js';
import type { WatchEvent } from '../store/object-store.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
}

export interface PodStatusLike {
  phase?: string;
  conditions?: Condition[];
  containerStatuses?: { restartCount?: number; ready?: boolean }[];
  startTime?: string;
}

export function podStatus(pod: KubeObject): PodStatusLike {
  return (pod.status ?? {}) as PodStatusLike;
}

export function podSpec(pod: KubeObject): Record<string, unknown> & { nodeName?: string } {
  return (pod.spec ?? {}) as Record<string, unknown> & { nodeName?: string };
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Pods a controller counts as its replicas: not finished, not being deleted (controller.FilterActivePods). */
export function isPodActive(pod: KubeObject): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function getCondition<T extends { type: string }>(conds: readonly T[] | undefined, type: string): T | undefined {
  return conds?.find((c) => c.type === type);
}

/**
 * Readiness facts per stored pod version. Stored objects are frozen and
 * replaced on every write, so caching by identity is always current.
 */
const readyCache = new WeakMap<object, { ready: boolean; since: number }>();

function readiness(pod: KubeObject): { ready: boolean; since: number } {
  let r = readyCache.get(pod);
  if (!r) {
    const c = getCondition(podStatus(pod).conditions, 'Ready');
    r = { ready: c?.status === 'True', since: parseTime(c?.lastTransitionTime) ?? 0 };
    if (Object.isFrozen(pod)) readyCache.set(pod, r);
  }
  return r;
}

export function isPodReady(pod: KubeObject): boolean {
  return readiness(pod).ready;
}

/**
 * Whether a pod update leaves unchanged what workload controllers count:
 * its phase, its readiness and whether it is being deleted. Updates that
 * change none of these need not wake the owner.
 */
export function podProgressUnchanged(old: KubeObject, cur: KubeObject): boolean {
  return (
    podStatus(old).phase === podStatus(cur).phase &&
    isPodReady(old) === isPodReady(cur) &&
    old.metadata.deletionTimestamp === cur.metadata.deletionTimestamp
  );
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const r = readiness(pod);
  if (!r.ready) return false;
  if (minReadySeconds <= 0) return true;
  return r.since + minReadySeconds * 1000 <= now;
}

/** When a ready pod becomes available, or undefined when not ready. */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  const r = readiness(pod);
  return r.ready ? r.since + minReadySeconds * 1000 : undefined;
}

const ownerCache = new WeakMap<object, OwnerReference | null>();

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  let r = ownerCache.get(obj);
  if (r === undefined) {
    r = obj.metadata.ownerReferences?.find((x) => x.controller === true) ?? null;
    if (Object.isFrozen(obj)) ownerCache.set(obj, r);
  }
  return r ?? undefined;
}

export function ownerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function nsName(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function now3339(sim: Simulation): string {
  return rfc3339(sim.now());
}

export function intOr(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

/**
 * An int-or-percent value (`maxSurge: 25%`) scaled against a total, as
 * intstr.GetScaledValueFromIntOrPercent does.
 */
export function scaledValue(v: unknown, total: number, roundUp: boolean, dflt: string | number): number {
  const x = v === undefined || v === null ? dflt : v;
  if (typeof x === 'number') return x;
  const s = String(x);
  if (s.endsWith('%')) {
    const pct = Number.parseInt(s.slice(0, -1), 10);
    if (Number.isNaN(pct)) return 0;
    const raw = (pct * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? 0 : n;
}

/**
 * A queue of object keys to reconcile, fed from the store's watch. `add`
 * wakes the controller; `addAfter` wakes it later through the sim clock.
 */
export class WorkQueue {
  private readonly keys = new Set<string>();
  private readonly timers = new Map<string, { at: number; id: number }>();

  constructor(
    private readonly sim: Simulation,
    private readonly name: string,
  ) {}

  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.sim.requeue(this.name);
  }

  /** Re-adds a key after `ms` (keeps the earliest pending time per key). */
  addAfter(key: string, ms: number): void {
    const at = this.sim.now() + Math.max(0, ms);
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.sim.clock.clearTimeout(existing.id);
    const id = this.sim.clock.setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, at - this.sim.now());
    this.timers.set(key, { at, id });
  }

  /**
   * Drains the queue and runs `fn` per key; a key whose sync throws is
   * reported (see `controllerErrors`) without stopping the others.
   */
  each(fn: (key: string) => void): void {
    for (const key of this.drain()) guard(this.name, key, () => fn(key));
  }

  /** Takes every queued key (in sorted order, for determinism). */
  drain(): string[] {
    const out = [...this.keys].sort();
    this.keys.clear();
    return out;
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Errors thrown by controller syncs (a bug, not a cluster condition): kept for diagnostics. */
export const controllerErrors: { controller: string; key: string; message: string }[] = [];

/**
 * Runs one sync. A throwing sync must not take the whole simulation (and the
 * learner's session) down: the error is recorded and the other keys go on.
 * Under the test runner it is rethrown so bugs fail loudly.
 */
export function guard(controller: string, key: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (process.env.VITEST) throw err;
    controllerErrors.push({ controller, key, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    if (controllerErrors.length > 100) controllerErrors.shift();
  }
}

/** Subscribes to the store, calling `fn` for events on the given resources. */
export function onStore(sim: Simulation, resources: string[], fn: (e: WatchEvent) => void): void {
  const set = new Set(resources);
  sim.store.watch((e) => {
    if (set.has(e.resource)) fn(e);
  });
}

/** Pods indexed by their controller's uid, kept current from the watch. */
export class PodIndex {
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly byNode = new Map<string, Map<string, KubeObject>>();
  private readonly orphans = new Map<string, Map<string, KubeObject>>();

  constructor(sim: Simulation) {
    for (const p of sim.store.list('pods')) this.put(p);
    onStore(sim, ['pods'], (e) => {
      if (e.old) this.remove(e.old);
      if (e.type !== 'DELETED') this.put(e.object);
    });
  }

  /** Pods bound to a node (any phase). */
  onNode(node: string): KubeObject[] {
    const m = this.byNode.get(node);
    return m ? [...m.values()] : [];
  }

  ownedBy(uid: string | undefined): KubeObject[] {
    if (!uid) return [];
    const m = this.byOwner.get(uid);
    return m ? [...m.values()] : [];
  }

  /** Pods of a namespace without a controller (candidates for adoption). */
  orphansIn(ns: string): KubeObject[] {
    const m = this.orphans.get(ns);
    return m ? [...m.values()] : [];
  }

  inNamespace(ns: string): KubeObject[] {
    const m = this.byNamespace.get(ns);
    return m ? [...m.values()] : [];
  }

  private put(p: KubeObject): void {
    const k = p.metadata.name!;
    const ns = p.metadata.namespace ?? '';
    let n = this.byNamespace.get(ns);
    if (!n) this.byNamespace.set(ns, (n = new Map()));
    n.set(k, p);
    const node = (p.spec as { nodeName?: string } | undefined)?.nodeName;
    if (node) {
      let b = this.byNode.get(node);
      if (!b) this.byNode.set(node, (b = new Map()));
      b.set(`${ns}/${k}`, p);
    }
    const uid = controllerRef(p)?.uid;
    if (uid) {
      let m = this.byOwner.get(uid);
      if (!m) this.byOwner.set(uid, (m = new Map()));
      m.set(`${ns}/${k}`, p);
    } else {
      let o = this.orphans.get(ns);
      if (!o) this.orphans.set(ns, (o = new Map()));
      o.set(k, p);
    }
  }

  private remove(p: KubeObject): void {
    const ns = p.metadata.namespace ?? '';
    this.byNamespace.get(ns)?.delete(p.metadata.name!);
    const node = (p.spec as { nodeName?: string } | undefined)?.nodeName;
    if (node) this.byNode.get(node)?.delete(`${ns}/${p.metadata.name}`);
    const uid = controllerRef(p)?.uid;
    if (uid) this.byOwner.get(uid)?.delete(`${ns}/${p.metadata.name}`);
    else this.orphans.get(ns)?.delete(p.metadata.name!);
  }
}

/** Sets a condition in a list, keeping lastTransitionTime when the status did not change. */
export function setCondition<T extends Condition>(conds: T[], next: T): T[] {
  const i = conds.findIndex((c) => c.type === next.type);
  if (i < 0) return [...conds, next];
  const cur = conds[i];
  const merged = { ...next };
  if (cur.status === next.status && cur.lastTransitionTime) merged.lastTransitionTime = cur.lastTransitionTime;
  const out = [...conds];
  out[i] = merged;
  return out;
}

export function removeCondition<T extends Condition>(conds: T[], type: string): T[] {
  return conds.filter((c) => c.type !== type);
}

/** Deterministic JSON with sorted keys (for hashing and equality). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Whether two JSON values are equal regardless of key order (what comparing
 * their canonical JSON says), without printing them: controllers ask this
 * for every object they might write.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // JSON prints NaN and the infinities as null.
  const nullish = (v: unknown) => v === null || (typeof v === 'number' && !Number.isFinite(v));
  if (nullish(a) && nullish(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let count = 0;
    for (const k of Object.keys(x)) {
      if (x[k] === undefined) continue;
      count++;
      if (!Object.prototype.hasOwnProperty.call(y, k) || !sameJson(x[k], y[k])) return false;
    }
    for (const k of Object.keys(y)) if (y[k] !== undefined) count--;
    return count === 0;
  }
  return false;
}
