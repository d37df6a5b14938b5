import type { KubeObject } from '../../../cluster/api/meta.js';
import { parseQuantity } from '../../../cluster/api/quantity.js';
import { DESCRIBE_TABWRITER, TabWriter } from '../tabwriter.js';
import { writeEscaped } from '../table-printer.js';

/**
 * The building blocks of `kubectl describe`: a PrefixWriter over a
 * tabwriter (0, 8, 2, ' ', 0), the multi-line label/annotation/taint/
 * toleration printers, RFC 1123Z times, and Quantity arithmetic.
 *
 * @see k8s.io/kubectl/pkg/describe/describe.go
 */

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * kubectl's PrefixWriter: 2 spaces per level, escaping terminal control
 * characters. Describers write through the describe tabwriter; `raw` writes
 * straight into a buffer, tabs and all, as `rollout history --revision` does
 * with DescribePodTemplate.
 */
export class PrefixWriter {
  readonly tw = new TabWriter(DESCRIBE_TABWRITER);
  private rawText = '';

  constructor(private readonly raw = false) {}

  write(level: number, text: string): void {
    this.emit(writeEscaped('  '.repeat(level) + text));
  }

  /** fmt.Sprintln: the text and a newline, no indentation. */
  writeLine(text = ''): void {
    this.emit(writeEscaped(`${text}\n`));
  }

  private emit(text: string): void {
    if (this.raw) this.rawText += text;
    else this.tw.write(text);
  }

  flush(): void {
    if (!this.raw) this.tw.flush();
  }

  /** tabbedString: flush and return everything written. */
  result(): string {
    if (this.raw) return this.rawText;
    this.tw.flush();
    return this.tw.take();
  }
}

/** tabbedString(func(out) {...}) */
export function tabbed(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.result();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

function toMs(t: unknown): number | undefined {
  if (typeof t !== 'string' || t === '') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Go time.RFC1123Z in UTC (`Thu, 15 Jan 2026 09:50:00 +0000`); Go's zero time when absent. */
export function rfc1123z(t: unknown): string {
  const ms = toMs(t);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** Go time.Time.String() in UTC (`2026-01-15 09:10:00 +0000 UTC`), as `%s` of a metav1.Time prints. */
export function goTimeString(t: unknown): string {
  const ms = toMs(t);
  if (ms === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000 UTC`;
}

/** printLabelsMultilineWithIndent: `Title:<inner>k=v` then aligned continuation lines. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

export const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: long or multi-line values on their own lines, last-applied skipped. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function shorten(s: string, max: number): string {
  if (byteLen(s) <= max) return s;
  return Buffer.from(s, 'utf8').subarray(0, max).toString('utf8') + '...';
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** Taint.ToString(): `key=value:effect`, `key:effect`. */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => cmp(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printTolerationsMultilineWithIndent: sorted by key, `key=value:effect op=Exists for 300s`. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = stableSort(tolerations, (a, b) => cmp(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function stableSort<T>(xs: readonly T[], c: (a: T, b: T) => number): T[] {
  return xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => c(a.x, b.x) || a.i - b.i)
    .map((e) => e.x);
}

/** Controlled By: `Kind/name` of the controller owner reference. */
export function printController(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

// ---------------------------------------------------------------------------
// Quantities

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** A resource quantity with its format, for sums and percentages (resource.Quantity). */
export class Quantity {
  constructor(
    /** Value in milli-units (exact integer arithmetic for the ranges the trainer uses). */
    readonly milli: bigint,
    readonly format: Format,
  ) {}

  static parse(s: string | number | undefined): Quantity {
    if (s === undefined) return new Quantity(0n, 'DecimalSI');
    const text = String(s);
    const v = parseQuantity(text);
    if (v === undefined) return new Quantity(0n, 'DecimalSI');
    const format: Format = /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text) ? 'BinarySI' : /[eE]/.test(text) ? 'DecimalExponent' : 'DecimalSI';
    return new Quantity(BigInt(Math.round(v * 1000)), format);
  }

  add(o: Quantity): Quantity {
    return new Quantity(this.milli + o.milli, this.milli === 0n && this.format === 'DecimalSI' ? o.format : this.format);
  }

  /** MilliValue(). */
  milliValue(): number {
    return Number(this.milli);
  }

  /** Value(): whole units, rounded up. */
  value(): number {
    const q = this.milli / 1000n;
    return Number(this.milli % 1000n > 0n ? q + 1n : q);
  }

  /** The canonical string (Quantity.String()). */
  toString(): string {
    const m = this.milli;
    if (m === 0n) return '0';
    const neg = m < 0n;
    const abs = neg ? -m : m;
    const sign = neg ? '-' : '';
    if (this.format === 'BinarySI' && abs % 1000n === 0n) {
      let units = abs / 1000n;
      const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      let i = 0;
      while (i < suffixes.length - 1 && units % 1024n === 0n && units >= 1024n) {
        units /= 1024n;
        i++;
      }
      return `${sign}${units}${suffixes[i]}`;
    }
    // DecimalSI: the largest power-of-1000 exponent that keeps an integer mantissa
    const suffixes: [bigint, string][] = [
      [1000n ** 7n, 'E'],
      [1000n ** 6n, 'P'],
      [1000n ** 5n, 'T'],
      [1000n ** 4n, 'G'],
      [1000n ** 3n, 'M'],
      [1000n ** 2n, 'k'],
      [1000n, ''],
      [1n, 'm'],
    ];
    for (const [div, suffix] of suffixes) {
      if (abs % div === 0n) return `${sign}${abs / div}${suffix}`;
    }
    return `${sign}${abs}m`;
  }
}

/** Sum of quantities per resource name. */
export type ResourceTotals = Map<string, Quantity>;

function addTo(totals: ResourceTotals, name: string, q: Quantity): void {
  const cur = totals.get(name);
  totals.set(name, cur ? cur.add(q) : q);
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  restartPolicy?: string;
}

/**
 * resourcehelper.PodRequestsAndLimits: containers summed, then the max with
 * each init container (sidecars add up), plus pod overhead.
 */
export function podRequestsAndLimits(pod: KubeObject): { reqs: ResourceTotals; limits: ResourceTotals } {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[]; overhead?: Record<string, string> };
  const reqs: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  for (const c of spec.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) addTo(reqs, k, Quantity.parse(v));
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) addTo(limits, k, Quantity.parse(v));
  }
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      for (const [k, v] of Object.entries(c.resources?.requests ?? {})) addTo(reqs, k, Quantity.parse(v));
      for (const [k, v] of Object.entries(c.resources?.limits ?? {})) addTo(limits, k, Quantity.parse(v));
      continue;
    }
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) {
      const q = Quantity.parse(v);
      const cur = reqs.get(k);
      if (!cur || q.milli > cur.milli) reqs.set(k, q);
    }
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) {
      const q = Quantity.parse(v);
      const cur = limits.get(k);
      if (!cur || q.milli > cur.milli) limits.set(k, q);
    }
  }
  for (const [k, v] of Object.entries(spec.overhead ?? {})) {
    addTo(reqs, k, Quantity.parse(v));
    if (limits.has(k)) addTo(limits, k, Quantity.parse(v));
  }
  return { reqs, limits };
}

/** QoS class: status.qosClass when set, else computed from requests and limits. */
export function podQOS(pod: KubeObject): string {
  const st = (pod.status ?? {}) as { qosClass?: string };
  if (st.qosClass) return st.qosClass;
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    const names = ['cpu', 'memory'];
    for (const n of names) {
      if (r[n] !== undefined || l[n] !== undefined) any = true;
      if (l[n] === undefined) guaranteed = false;
      else if (r[n] !== undefined && Quantity.parse(r[n]).milli !== Quantity.parse(l[n]).milli) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
