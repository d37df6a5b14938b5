import { busyboxDate } from './shell.js';
/**
 * A container process as the simulation runs it: a plan fixed when the
 * container starts (its logs, memory curve, ports, exit), so every question
 * about it (is it listening? what is its memory at t? when does it exit?)
 * has an analytic answer and no timer is needed to keep it alive.
 *
 * All times are milliseconds since the process started.
 */
export interface LogEntry {
  at: number;
  text: string;
}

/** Lines printed again and again (`while true; do echo …; sleep 5; done`). */
export interface PeriodicLogs {
  /** First iteration's offset. */
  from: number;
  /** Period of one iteration. */
  every: number;
  /**
   * Lines of one iteration, each with its offset inside the iteration.
   * `\u0002` marks a number counting up (`counters`), `\u0001DATE\u0001` the
   * output of `date` at that instant.
   */
  lines: (LogEntry & { counters?: { base: number; step: number }[] })[];
  /** Absolute start of the process, for the dates printed by `date` in the loop. */
  dateBase?: number;
  /** Last offset (exclusive) at which iterations run; open-ended when absent. */
  until?: number;
}

export interface ListenSpec {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** Offset at which the socket opens. */
  at: number;
  /** Bound to 127.0.0.1 only: other pods get connection refused. */
  localhostOnly?: boolean;
  /** Speaks HTTP on this port. */
  http?: boolean;
}

export interface HttpRoute {
  status: number;
  body?: string;
  /** Response time in ms (a slow endpoint makes probes with a short timeoutSeconds fail). */
  delayMs?: number;
  /** Offsets during which the route answers this way (defaults: always). */
  from?: number;
  until?: number;
}

/** A file that exists inside the container between two offsets. */
export interface TimedFile {
  path: string;
  content: string;
  from: number;
  until?: number;
}

export interface MemoryCurve {
  /** Bytes right after start. */
  start: number;
  /** Growth in bytes per second. */
  perSecond: number;
  /** Plateau in bytes. */
  max: number;
}

/** A condition the process polls (an init container's `until nslookup db; do sleep 2; done`). */
export interface WaitFor {
  /** True once the awaited thing is there. Re-evaluated every `every` ms. */
  check: () => boolean;
  every: number;
  /** Lines printed at each unsuccessful poll. */
  lines: string[];
  /** Lines printed once the wait ends, then the process exits with `code`. */
  doneLines: string[];
  code: number;
}

export interface ProcessPlan {
  /** argv actually executed (entrypoint + cmd after Kubernetes' overrides). */
  argv: string[];
  /** When set, the runtime cannot start the process (StartError, exit 128). */
  startError?: string;
  logs: LogEntry[];
  periodic?: PeriodicLogs;
  /** When the process exits by itself. */
  exit?: { at: number; code: number };
  memory: MemoryCurve;
  /** CPU use in millicores while running. */
  cpuMillis: number;
  listens: ListenSpec[];
  /** HTTP answers by path (port independent); unknown paths answer `notFound`. */
  http: Record<string, HttpRoute[]>;
  notFound: { status: number; body: string };
  files: TimedFile[];
  tools: Set<string>;
  /** How it reacts to SIGTERM: exits after `afterMs` with `code`, or ignores it (PID 1 without a handler). */
  sigterm: { exits: boolean; afterMs: number; code: number; lines?: string[] };
  waitFor?: WaitFor;
}

export function emptyPlan(argv: string[]): ProcessPlan {
  return {
    argv,
    logs: [],
    memory: { start: 1 << 20, perSecond: 0, max: 1 << 20 },
    cpuMillis: 0,
    listens: [],
    http: {},
    notFound: { status: 404, body: '' },
    files: [],
    tools: new Set(),
    sigterm: { exits: true, afterMs: 0, code: 0 },
  };
}

/** Memory in bytes at an offset. */
export function memoryAt(plan: ProcessPlan, offset: number): number {
  const m = plan.memory;
  return Math.floor(Math.min(m.max, m.start + (m.perSecond * Math.max(0, offset)) / 1000));
}

/**
 * The offset at which memory first exceeds `limit` bytes (the OOM killer's
 * moment), or undefined when it never does. Solved analytically.
 */
export function oomOffset(plan: ProcessPlan, limit: number): number | undefined {
  const m = plan.memory;
  if (limit <= 0) return undefined;
  if (m.start > limit) return 0;
  if (m.max <= limit || m.perSecond <= 0) return undefined;
  return Math.ceil(((limit - m.start) / m.perSecond) * 1000);
}

export function listening(
  plan: ProcessPlan,
  port: number,
  offset: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
  fromOtherPod = true,
): boolean {
  return plan.listens.some(
    (l) =>
      l.port === port &&
      l.protocol === protocol &&
      l.at <= offset &&
      !(fromOtherPod && l.localhostOnly),
  );
}

export function httpAnswer(
  plan: ProcessPlan,
  port: number,
  path: string,
  offset: number,
): { status: number; body: string; delayMs?: number } | undefined {
  const l = plan.listens.find((x) => x.port === port && x.protocol === 'TCP' && x.at <= offset);
  if (!l || !l.http) return undefined;
  const clean = path.split('?')[0] || '/';
  for (const r of plan.http[clean] ?? []) {
    if ((r.from ?? 0) <= offset && (r.until === undefined || offset < r.until))
      return { status: r.status, body: r.body ?? '', delayMs: r.delayMs };
  }
  return plan.notFound;
}

export function fileAt(plan: ProcessPlan, path: string, offset: number): string | undefined {
  let found: string | undefined;
  for (const f of plan.files) {
    if (f.path === path && f.from <= offset && (f.until === undefined || offset < f.until))
      found = f.content;
  }
  return found;
}

/**
 * Offsets where anything observable about the process may change (sockets
 * open, files appear or vanish, routes change). Probes only need to be
 * re-evaluated at these instants.
 */
export function changePoints(plan: ProcessPlan): number[] {
  const pts = new Set<number>();
  for (const l of plan.listens) pts.add(l.at);
  for (const f of plan.files) {
    pts.add(f.from);
    if (f.until !== undefined) pts.add(f.until);
  }
  for (const routes of Object.values(plan.http)) {
    for (const r of routes) {
      if (r.from !== undefined) pts.add(r.from);
      if (r.until !== undefined) pts.add(r.until);
    }
  }
  return [...pts].filter((p) => p > 0).sort((a, b) => a - b);
}

/**
 * Log lines written in [0, upTo] (inclusive), periodic lines materialised;
 * at most `cap` of the newest lines.
 */
export function logsUpTo(plan: ProcessPlan, upTo: number, cap = 10_000): LogEntry[] {
  const out = plan.logs.filter((l) => l.at <= upTo);
  const p = plan.periodic;
  if (p && p.every > 0 && upTo >= p.from) {
    const end = p.until === undefined ? upTo : Math.min(upTo, p.until - 1);
    const iterations = Math.floor((end - p.from) / p.every) + 1;
    const perIter = Math.max(1, p.lines.length);
    const firstIter = Math.max(0, iterations - Math.ceil(cap / perIter) - 1);
    for (let i = firstIter; i < iterations; i++) {
      for (const line of p.lines) {
        const at = p.from + i * p.every + line.at;
        if (at > end) continue;
        let text = line.text;
        if (line.counters) {
          let c = 0;
          text = text
            .split('\u0002')
            .map((part, j, all) => {
              if (j === all.length - 1) return part;
              const k = line.counters![c++];
              return part + (k ? String(k.base + k.step * i) : '');
            })
            .join('');
        }
        if (text.includes('\u0001DATE\u0001'))
          text = text.replaceAll('\u0001DATE\u0001', busyboxDate((p.dateBase ?? 0) + at));
        out.push({ at, text });
      }
    }
    out.sort((a, b) => a.at - b.at);
  }
  return out.length > cap ? out.slice(out.length - cap) : out;
}
