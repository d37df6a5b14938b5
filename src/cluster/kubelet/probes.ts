import type { SimClock } from '../time/sim-clock.js';

/** A probe from the pod spec (the fields the kubelet reads). */
export interface ProbeSpec {
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeResult {
  ok: boolean;
  message: string;
}

/** What a probe worker needs from the running container. */
export interface ProbeTarget {
  clock: SimClock;
  startedAt: number;
  probes: Partial<Record<ProbeKind, ProbeSpec>>;
  /** Runs a probe against the process as it is at absolute time `t`. */
  evaluate(kind: ProbeKind, spec: ProbeSpec, t: number): ProbeResult;
  /** Absolute instants after `t` where a probe's outcome may change (sorted). */
  nextChange(t: number): number | undefined;
  unhealthy(kind: ProbeKind, message: string): void;
  /** Readiness or startup changed (status must be written). */
  changed(): void;
  /** Liveness or startup failed past its threshold. */
  kill(kind: 'liveness' | 'startup'): void;
}

interface Loop {
  kind: ProbeKind;
  spec: ProbeSpec;
  first: number;
  period: number;
  successes: number;
  failures: number;
  /** The last settled result (undefined until the threshold decides). */
  result?: boolean;
  timer?: number;
}

/**
 * Runs a container's probes like the kubelet's prober workers, but lazily:
 * when the outcome is steady it schedules nothing until the process's next
 * observable change, so healthy containers cost no timers.
 *
 * Ticks fall on a grid (first probe after `initialDelaySeconds`, at least
 * 1 s after start, then every `periodSeconds`), so a jump over a steady
 * stretch lands exactly where step-by-step probing would.
 *
 * @see kubernetes/pkg/kubelet/prober/worker.go
 */
export class ProbeWorker {
  started: boolean;
  ready: boolean;
  private readonly loops = new Map<ProbeKind, Loop>();
  private stopped = false;

  constructor(
    private readonly t: ProbeTarget,
    resume?: { started: boolean; ready: boolean },
  ) {
    const p = t.probes;
    this.started = resume?.started ?? !p.startup;
    this.ready = resume?.ready ?? (!p.readiness && this.started);
    if (p.startup && !this.started) this.begin('startup', t.startedAt);
    else this.beginMain(t.startedAt, !!resume);
  }

  stop(): void {
    this.stopped = true;
    for (const l of this.loops.values())
      if (l.timer !== undefined) this.t.clock.clearTimeout(l.timer);
    this.loops.clear();
  }

  private beginMain(from: number, resumed: boolean): void {
    if (this.t.probes.liveness) this.begin('liveness', from, resumed);
    if (this.t.probes.readiness) this.begin('readiness', from, resumed);
  }

  private begin(kind: ProbeKind, from: number, resumed = false): void {
    const spec = this.t.probes[kind]!;
    const period = Math.max(1, spec.periodSeconds ?? 10) * 1000;
    const first = this.t.startedAt + Math.max(1000, (spec.initialDelaySeconds ?? 0) * 1000);
    const loop: Loop = { kind, spec, first, period, successes: 0, failures: 0 };
    if (resumed) loop.result = kind === 'readiness' ? this.ready : true;
    this.loops.set(kind, loop);
    this.schedule(loop, this.tickAtOrAfter(loop, from));
  }

  private tickAtOrAfter(loop: Loop, t: number): number {
    if (t <= loop.first) return loop.first;
    return loop.first + Math.ceil((t - loop.first) / loop.period) * loop.period;
  }

  private schedule(loop: Loop, at: number): void {
    const now = this.t.clock.now();
    loop.timer = this.t.clock.setTimeout(() => this.tick(loop), Math.max(0, at - now));
  }

  private tick(loop: Loop): void {
    if (this.stopped || this.loops.get(loop.kind) !== loop) return;
    loop.timer = undefined;
    const now = this.t.clock.now();
    let r: ProbeResult;
    try {
      r = this.t.evaluate(loop.kind, loop.spec, now);
    } catch {
      r = { ok: true, message: '' };
    }
    const failureThreshold = Math.max(1, loop.spec.failureThreshold ?? 3);
    const successThreshold = Math.max(1, loop.spec.successThreshold ?? 1);
    if (r.ok) {
      loop.failures = 0;
      loop.successes++;
      if (loop.result !== true && loop.successes >= successThreshold) {
        loop.result = true;
        if (this.onResult(loop, true)) return;
      }
    } else {
      loop.successes = 0;
      loop.failures++;
      this.t.unhealthy(loop.kind, r.message);
      if (this.stopped) return;
      if (loop.result !== false && loop.failures >= failureThreshold) {
        loop.result = false;
        if (this.onResult(loop, false)) return;
      }
    }
    if (this.stopped || this.loops.get(loop.kind) !== loop) return;
    // Steady success: sleep until the process next changes.
    if (r.ok && loop.result === true) {
      const change = this.t.nextChange(now);
      if (change === undefined) return;
      this.schedule(loop, this.tickAtOrAfter(loop, change));
      return;
    }
    this.schedule(loop, now + loop.period);
  }

  /** Applies a settled result; true when the loop ended. */
  private onResult(loop: Loop, ok: boolean): boolean {
    switch (loop.kind) {
      case 'startup':
        if (ok) {
          this.started = true;
          this.loops.delete('startup');
          if (!this.t.probes.readiness) this.ready = true;
          this.beginMain(this.t.clock.now(), false);
          this.t.changed();
        } else {
          this.t.kill('startup');
        }
        return true;
      case 'liveness':
        if (!ok) {
          this.t.kill('liveness');
          return true;
        }
        return false;
      case 'readiness':
        if (this.ready !== ok) {
          this.ready = ok;
          this.t.changed();
        }
        return false;
    }
  }
}
