import { parseQuantity } from '../api/quantity.js';
import type { MemoryCurve } from '../images/index.js';

/** Memory the node uses besides pods (kubelet, containerd, systemd, kernel). */
export const NODE_SYSTEM_MEMORY = 412 * 1024 * 1024;

/** Default hard eviction threshold: memory.available < 100Mi. */
export const MEMORY_EVICTION_THRESHOLD = 100 * 1024 * 1024;
/** evictionPressureTransitionPeriod: how long MemoryPressure stays True after the last pressure. */
export const PRESSURE_TRANSITION_MS = 5 * 60_000;
/** The eviction manager's monitoring interval. */
export const EVICTION_MONITOR_MS = 10_000;

/** One running container's memory curve on a node. */
export interface MemoryTerm {
  startedAt: number;
  curve: MemoryCurve;
}

function usedAt(terms: MemoryTerm[], base: number, t: number): number {
  let sum = base;
  for (const x of terms)
    sum += Math.min(
      x.curve.max,
      x.curve.start + (x.curve.perSecond * Math.max(0, t - x.startedAt)) / 1000,
    );
  return sum;
}

/**
 * The first instant at or after `now` when the node's memory use exceeds
 * `limit` bytes, solved on the piecewise-linear sum of the containers'
 * curves (each grows linearly, then plateaus); undefined when it never does
 * while the set of containers stays the same.
 */
export function memoryCrossing(
  terms: MemoryTerm[],
  base: number,
  limit: number,
  now: number,
): number | undefined {
  if (usedAt(terms, base, now) > limit) return now;
  const breaks = new Set<number>();
  for (const x of terms) {
    if (x.curve.perSecond <= 0) continue;
    const plateau = x.startedAt + ((x.curve.max - x.curve.start) / x.curve.perSecond) * 1000;
    if (plateau > now && Number.isFinite(plateau)) breaks.add(plateau);
  }
  const points = [now, ...[...breaks].sort((a, b) => a - b)];
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const ua = usedAt(terms, base, a);
    let slope = 0;
    for (const x of terms) {
      if (x.curve.perSecond <= 0) continue;
      const plateau = x.startedAt + ((x.curve.max - x.curve.start) / x.curve.perSecond) * 1000;
      if (a < plateau) slope += x.curve.perSecond / 1000;
    }
    if (slope <= 0) continue;
    const t = a + Math.floor((limit - ua) / slope) + 1;
    if (b === undefined || t <= b) return Math.max(now, t);
  }
  return undefined;
}

/** Kubernetes' binary-SI rendering of a byte count as the eviction manager prints it (`51200Ki`). */
export function bytesQuantity(bytes: number): string {
  const b = Math.max(0, Math.round(bytes));
  if (b === 0) return '0';
  if (b % (1024 * 1024 * 1024) === 0) return `${b / (1024 * 1024 * 1024)}Gi`;
  if (b % (1024 * 1024) === 0) return `${b / (1024 * 1024)}Mi`;
  if (b % 1024 === 0) return `${b / 1024}Ki`;
  return String(b);
}

/**
 * The Evicted message of the eviction manager.
 *
 * @see kubernetes/pkg/kubelet/eviction/helpers.go evictionMessage
 */
export function evictionMessage(
  available: number,
  containers: { name: string; usage: number; request?: string | number }[],
): string {
  // cgroup memory figures are whole pages (4Ki).
  const page = (b: number) => Math.floor(b / 4096) * 4096;
  let msg = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${bytesQuantity(page(available))}. `;
  for (const c of containers) {
    const req = c.request === undefined ? 0 : (parseQuantity(c.request) ?? 0);
    if (c.usage > req) {
      msg += `Container ${c.name} was using ${bytesQuantity(Math.ceil(c.usage / 4096) * 4096)}, request is ${c.request === undefined ? '0' : String(c.request)}, has larger consumption of memory. `;
    }
  }
  return msg;
}
