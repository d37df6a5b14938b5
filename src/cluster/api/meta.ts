/**
 * The generic shape every stored object has. Field names mirror Kubernetes
 * exactly so JSONPath, printers and patches work on the real shape.
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A deep copy of plain JSON data (objects read from the store are frozen),
 * exactly as a JSON round trip makes it: undefined and function values leave
 * objects and become null in arrays, non-finite numbers become null, -0
 * becomes 0. A hand-written copy is several times faster than
 * `JSON.parse(JSON.stringify(v))`; anything unusual (toJSON, class
 * instances, bigint, a `__proto__` key) takes the round trip itself.
 */
export function cloneJson<T>(v: T): T {
  if (v === undefined) return v;
  if (typeof v === 'object') {
    try {
      return copyJson(v, false) as T;
    } catch (err) {
      if (err !== NOT_PLAIN) throw err;
    }
  }
  return JSON.parse(JSON.stringify(v)) as T;
}

const NOT_PLAIN = new Error('not plain JSON data');

function copyJson(v: unknown, inArray: boolean): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object':
      break;
    case 'bigint':
      throw NOT_PLAIN;
    default:
      return inArray ? null : undefined;
  }
  if (v === null) return null;
  if (Array.isArray(v)) {
    const n = v.length;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = copyJson(v[i], true);
    return out;
  }
  if (
    Object.getPrototypeOf(v) !== Object.prototype ||
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  ) {
    throw NOT_PLAIN;
  }
  const out: Dict = {};
  for (const k of Object.keys(v)) {
    if (k === '__proto__') throw NOT_PLAIN;
    const x = copyJson((v as Dict)[k], false);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/**
 * Whether two values print the same JSON (`JSON.stringify(a) ===
 * JSON.stringify(b)`), without printing them: keys compare in order, values
 * JSON skips are skipped, shared subtrees compare by identity. Anything
 * unusual (toJSON, class instances, bigint) compares by printing.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return sameJson(a, b, false);
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Equality of JSON values regardless of key order (what Go sees after
 * decoding into typed structs or maps); undefined members count as absent.
 * jsonEqual, by contrast, is equality of the serialised text.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

const SKIPPED = Symbol('skipped');

/** A primitive as JSON sees it: non-finite numbers are null; undefined, functions and symbols are skipped (null in arrays). */
function jsonPrimitive(v: unknown, inArray: boolean): unknown {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? null : SKIPPED;
    case 'bigint':
      throw NOT_PLAIN;
    default:
      return v;
  }
}

function isPlainJson(v: object): boolean {
  if (Array.isArray(v)) return true;
  return (
    Object.getPrototypeOf(v) === Object.prototype &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}

function sameJson(a: unknown, b: unknown, inArray: boolean): boolean {
  if (a === b) return true;
  const ao = typeof a === 'object' && a !== null;
  const bo = typeof b === 'object' && b !== null;
  if (ao && !isPlainJson(a)) throw NOT_PLAIN;
  if (bo && !isPlainJson(b)) throw NOT_PLAIN;
  if (!ao || !bo) return !ao && !bo && jsonPrimitive(a, inArray) === jsonPrimitive(b, inArray);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], true)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Dict;
  const y = b as Dict;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && jsonPrimitive(x[kx[i]], false) === SKIPPED) i++;
    while (j < ky.length && jsonPrimitive(y[ky[j]], false) === SKIPPED) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !sameJson(x[kx[i]], y[ky[j]], false)) return false;
    i++;
    j++;
  }
}

/** Freezes plain JSON data in place, deeply. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Dict)[k]);
  }
  return v;
}

/** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // Most timestamps are of the current instant: remember the last one.
  if (sec !== lastSecond) {
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = sec;
  }
  return lastText;
}

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with microseconds, as Kubernetes serialises metav1.MicroTime. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** RFC 3339 with microseconds from microseconds since the epoch (metav1.MicroTime at full precision). */
export function rfc3339Micros(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = String(us - ms * 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${rest}Z`);
}

/** Parses a metav1.MicroTime (`2026-01-15T09:00:00.123456Z`) to microseconds since the epoch. */
export function parseMicros(s: string | undefined): number | undefined {
  const ms = parseTime(s);
  if (ms === undefined) return undefined;
  const frac = /\.(\d+)(?:Z|[+-]\d\d:\d\d)$/.exec(s ?? '')?.[1] ?? '';
  return Math.floor(ms / 1000) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
