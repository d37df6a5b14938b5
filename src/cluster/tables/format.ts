/** A metav1.LabelSelector, loosely typed (operators as strings). */
export interface AnySelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Helpers shared by the table printers, mirroring apimachinery's. */

export { humanDuration, translateTimestampSince } from '../api/human-duration.js';

/** Epoch ms of an RFC 3339 timestamp; undefined for absent/zero. */
export function timeOf(t: unknown): number | undefined {
  if (typeof t !== 'string' || t === '') return undefined;
  const ms = Date.parse(t);
  if (Number.isNaN(ms) || ms === -62135596800000) return undefined;
  return ms;
}

/**
 * labels.FormatLabels: the `k=v` pairs sorted as whole strings (labels.Set.String
 * sorts the joined pairs, so `app.kubernetes.io/name=x` comes before `app=y`,
 * '.' being below '='), or `<none>`.
 */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const pairs = Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
  if (pairs.length === 0) return '<none>';
  return pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
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
