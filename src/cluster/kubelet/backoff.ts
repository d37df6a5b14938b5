/**
 * Back-off and duration helpers shared by the kubelet machines.
 *
 * @see kubernetes/pkg/kubelet/kubelet.go (backOffPeriod, MaxContainerBackOff)
 * @see k8s.io/client-go/util/flowcontrol/backoff.go
 */

/** Initial container restart and image pull back-off. */
export const BACKOFF_INITIAL_MS = 10_000;
/** Cap of both back-offs (5 minutes). */
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long without trouble gets its back-off reset (2 × max). */
export const BACKOFF_RESET_MS = 600_000;
/** The pod worker's resync after a failed sync (CreateContainerConfigError, ErrImageNeverPull, …). */
export const SYNC_RETRY_MS = 10_000;
/** PLEG relist period: how long the kubelet takes to notice a container exited. */
export const PLEG_MS = 1_000;

/** Next back-off after `current` (0 = none yet): 10 s, 20 s, 40 s, … 300 s. */
export function nextBackoff(current: number): number {
  return current <= 0 ? BACKOFF_INITIAL_MS : Math.min(BACKOFF_MAX_MS, current * 2);
}

/**
 * Go's time.Duration String() for a duration in milliseconds: `512ms`,
 * `1.234s`, `1m2.5s`, `0s`.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalMs = Math.round(ms);
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const sMs = totalMs % 60_000;
  const s = (sMs / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
