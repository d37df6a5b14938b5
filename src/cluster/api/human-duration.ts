/**
 * Human-readable ages as kubectl prints them (AGE columns, `4 (37s ago)`
 * restarts, describe's "Age" of events).
 *
 * Durations are in milliseconds. Go truncates toward zero when it converts a
 * time.Duration to whole seconds/minutes/hours, so do we (`Math.trunc`).
 *
 * @see k8s.io/apimachinery/pkg/util/duration/duration.go
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * ~2-3 significant figures: `45s`, `119s`, `2m`, `9m59s`, `10m`, `179m`,
 * `3h`, `7h59m`, `8h`, `47h`, `2d`, `7d23h`, `8d`, `729d`, `2y`, `7y364d`,
 * `8y`. Less than -1 s is `<invalid>`; -1 s up to 0 is `0s` (tolerated clock skew).
 *
 * @see k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * One unit only: `59s`, `59m`, `23h`, `364d`, `1y`.
 *
 * @see k8s.io/apimachinery/pkg/util/duration/duration.go ShortHumanDuration
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  // Go: int(d.Hours()/24/365) on the float hours
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** A timestamp as kubectl holds it: RFC 3339 text, epoch ms, or absent (Go's zero time). */
export type Timestamp = string | number | null | undefined;

/** 0001-01-01T00:00:00Z, Go's zero time.Time, in epoch ms. */
const GO_ZERO_TIME = -62135596800000;

function toMillis(t: Timestamp): number | undefined {
  if (t === null || t === undefined || t === '') return undefined;
  if (typeof t === 'number') return Number.isFinite(t) ? t : undefined;
  const ms = Date.parse(t);
  // Go's zero time (0001-01-01T00:00:00Z) counts as unset
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME) return undefined;
  return ms;
}

/**
 * `HumanDuration(now - t)`, or `<unknown>` for a zero/absent timestamp.
 *
 * @see kubernetes/pkg/printers/internalversion/printers.go translateTimestampSince
 */
export function translateTimestampSince(t: Timestamp, now: number): string {
  const ms = toMillis(t);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/**
 * `HumanDuration(t - now)`, or `<unknown>` for a zero/absent timestamp.
 *
 * @see kubernetes/pkg/printers/internalversion/printers.go translateTimestampUntil
 */
export function translateTimestampUntil(t: Timestamp, now: number): string {
  const ms = toMillis(t);
  return ms === undefined ? '<unknown>' : humanDuration(ms - now);
}

const UNITS: [bigint, string][] = [
  [1n, 'ns'],
  [1000n, 'µs'],
  [1000000n, 'ms'],
];

function fracString(v: bigint, digits: number): string {
  // v is in units of 10^-digits; prints "int[.frac]" without trailing zeros
  const base = 10n ** BigInt(digits);
  const int = v / base;
  let frac = (v % base).toString().padStart(digits, '0').replace(/0+$/, '');
  if (digits === 0) frac = '';
  return frac ? `${int}.${frac}` : `${int}`;
}

/**
 * Go's `time.Duration.String()` (`0s`, `1.5ms`, `90s` → `1m30s`, `1h0m0s`),
 * for a duration given in nanoseconds. Used by kubectl in messages and flags.
 *
 * @see go/src/time/time.go Duration.String
 */
export function goDurationString(nanos: bigint | number): string {
  let d = typeof nanos === 'bigint' ? nanos : BigInt(Math.round(nanos));
  if (d === 0n) return '0s';
  const neg = d < 0n;
  if (neg) d = -d;
  let out: string;
  if (d < 1000000000n) {
    let i = 0;
    while (i + 1 < UNITS.length && d >= UNITS[i + 1][0]) i++;
    const digits = [0, 3, 6][i];
    out = fracString(d, digits) + UNITS[i][1];
  } else {
    const h = d / 3600000000000n;
    const rem = d % 3600000000000n;
    const m = rem / 60000000000n;
    const s = rem % 60000000000n;
    out = fracString(s, 9) + 's';
    if (h > 0n || m > 0n) out = `${m}m` + out;
    if (h > 0n) out = `${h}h` + out;
  }
  return neg ? '-' + out : out;
}
