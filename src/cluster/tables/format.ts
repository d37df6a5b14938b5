/** A metav1.LabelSelector, loosely typed (operators as strings). */
export interface AnySelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * Helpers shared by the table printers, mirroring apimachinery's.
 * The API server carries its own copy of HumanDuration (as the real one
 * imports apimachinery), since src/cluster may not import src/kubectl.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** @see k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration */
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

/** Epoch ms of an RFC 3339 timestamp; undefined for absent/zero. */
export function timeOf(t: unknown): number | undefined {
  if (typeof t !== 'string' || t === '') return undefined;
  const ms = Date.parse(t);
  if (Number.isNaN(ms) || ms === -62135596800000) return undefined;
  return ms;
}

/** `<unknown>` for a zero time, else HumanDuration(now - t). */
export function translateTimestampSince(t: unknown, now: number): string {
  const ms = timeOf(t);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now - ms);
}

/** labels.FormatLabels: sorted `k=v` pairs, or `<none>`. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/**
 * labels.Selector.String() of a metav1.LabelSelector: requirements sorted by
 * key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; '' for empty or nil.
 */
export function labelSelectorString(sel: AnySelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    let text: string;
    switch (e.operator) {
      case 'In':
        text = `${e.key} in (${vals.join(',')})`;
        break;
      case 'NotIn':
        text = `${e.key} notin (${vals.join(',')})`;
        break;
      case 'Exists':
        text = e.key;
        break;
      case 'DoesNotExist':
        text = `!${e.key}`;
        break;
      default:
        text = e.key;
    }
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, or `<none>`. */
export function formatLabelSelector(sel: AnySelector | undefined | null): string {
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: comma-joined container names and images. */
export function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** Go's `%d/%d` style helper for int fields that may be absent. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** intstr.IntOrString.String(). */
export function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '0';
}

/** Go's time.RFC3339 of a UTC time (`2026-01-15T09:00:00Z`), for `CREATED AT`. */
export function rfc3339Utc(t: unknown): string {
  const ms = timeOf(t);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
