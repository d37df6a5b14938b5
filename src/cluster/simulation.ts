import type { KubeObject } from './api/meta.js';
import { ApiServer } from './apiserver/api-server.js';
import { ObjectStore } from './store/object-store.js';
import { SimClock } from './time/sim-clock.js';
import { Rng } from './time/rng.js';
import './kinds/index.js';
import { EventRecorder } from './events/event-recorder.js';
import { installAdmission } from './apiserver/admission/index.js';
import { installControllers } from './controllers/index.js';
import { installKubelet, type Kubelet } from './kubelet/index.js';
import { installNetwork, type Network } from './network/index.js';
import { ImageCatalog, type ImageSpec } from './images/index.js';
import { bootstrapCluster, type ClusterSpec } from './bootstrap.js';

/**
 * A level-triggered reconciler (controller or scheduler). It runs whenever a
 * resource it watches changed since its last run, or when it asked to be
 * woken (`sim.requeue`), until the cluster is quiescent.
 */
export interface Controller {
  name: string;
  /** Storage keys (`pods`, `deployments.apps`) whose changes wake it. */
  watches: string[];
  reconcile(sim: Simulation): void;
}

export interface SimulationOptions {
  seed?: number;
  /** Start of simulated time (ms since epoch or RFC 3339). */
  startTime?: number | string;
  /**
   * A frozen cluster (snapshots): the clock never moves, no controller,
   * scheduler or kubelet runs; objects are exactly as loaded.
   */
  frozen?: boolean;
  /** The cluster's nodes; the sandbox cluster when omitted. Ignored when frozen. */
  cluster?: ClusterSpec;
  /** Scenario-defined images, by reference (`shop/checkout:2.1`). */
  images?: Record<string, ImageSpec>;
}

/** Simulated time starts here unless a scenario says otherwise. */
export const DEFAULT_START = Date.UTC(2026, 0, 15, 9, 0, 0);

/**
 * The simulated cluster's façade: the one object the interpreter, the
 * headless player and the UI drive.
 */
export class Simulation {
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly store = new ObjectStore();
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly images: ImageCatalog;
  readonly frozen: boolean;
  readonly kubelet: Kubelet;
  readonly network: Network;

  private readonly controllers: Controller[] = [];
  private readonly lastRun = new Map<string, number>();
  private readonly changedAt = new Map<string, number>();
  private readonly woken = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private settling = false;
  private version = 0;

  constructor(opts: SimulationOptions = {}) {
    const start =
      typeof opts.startTime === 'string' ? Date.parse(opts.startTime) : (opts.startTime ?? DEFAULT_START);
    this.clock = new SimClock(start);
    this.rng = new Rng(opts.seed ?? 1);
    this.frozen = !!opts.frozen;
    this.api = new ApiServer(this.store, this.clock, this.rng.fork('apiserver'));
    this.events = new EventRecorder(this);
    this.images = new ImageCatalog(opts.images ?? {});
    this.store.watch((e) => {
      this.changedAt.set(e.resource, this.store.revision);
      this.version++;
    });
    installAdmission(this);
    this.kubelet = installKubelet(this);
    this.network = installNetwork(this);
    if (!this.frozen) {
      installControllers(this);
      bootstrapCluster(this, opts.cluster);
      this.settle();
    }
  }

  /** Simulated now, in ms since the epoch. */
  now(): number {
    return this.clock.now();
  }

  addController(c: Controller): void {
    this.controllers.push(c);
    this.lastRun.set(c.name, -1);
  }

  /** Asks for a controller to run at the next settle (e.g. from a timer). */
  requeue(name: string): void {
    this.woken.add(name);
  }

  /** Wakes a controller after `ms` of simulated time. */
  requeueAfter(name: string, ms: number): void {
    this.clock.setTimeout(() => this.requeue(name), ms);
  }

  /**
   * Runs controllers until nothing changes. Each controller runs when a
   * resource it watches changed since its last run or when it was woken.
   */
  settle(): void {
    if (this.frozen || this.settling) return;
    this.settling = true;
    try {
      for (let round = 0; round < 200; round++) {
        let ran = false;
        for (const c of this.controllers) {
          const last = this.lastRun.get(c.name) ?? -1;
          const due = this.woken.has(c.name) || c.watches.some((w) => (this.changedAt.get(w) ?? -1) > last);
          if (!due) continue;
          this.woken.delete(c.name);
          this.lastRun.set(c.name, this.store.revision);
          c.reconcile(this);
          ran = true;
        }
        if (!ran) break;
      }
    } finally {
      this.settling = false;
    }
    this.notify();
  }

  /**
   * Moves simulated time forward, firing timers in due order and letting
   * controllers settle after each instant, so a big jump equals many small ones.
   */
  advanceBy(ms: number): void {
    if (this.frozen) return;
    this.advanceTo(this.clock.now() + ms);
  }

  advanceTo(target: number): void {
    if (this.frozen) return;
    this.settle();
    while (true) {
      const due = this.clock.nextDueAt();
      if (due === undefined || due > target) break;
      // Fire everything due at this instant, then let controllers react.
      while (this.clock.nextDueAt() === due) this.clock.fireNext(due);
      this.settle();
    }
    this.clock.advanceTo(target);
    this.settle();
  }

  /** Loads objects verbatim (status included), for snapshots. */
  load(resource: string, obj: KubeObject): void {
    this.store.load(resource, obj);
  }

  /** Called after every change the UI may want to show. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes whenever the store or clock changes (for useSyncExternalStore). */
  getVersion(): number {
    return this.version;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

export function createSimulation(opts: SimulationOptions = {}): Simulation {
  return new Simulation(opts);
}
