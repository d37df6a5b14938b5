/**
 * `kubectl -o json`, byte for byte: Go's `json.MarshalIndent(obj, "", "    ")`
 * plus a newline, over the unstructured (map) form of the object, so object
 * keys are sorted (by UTF-8 bytes, i.e. code points).
 *
 * Go's encoder escapes `<`, `>`, `&` (`\u003c`, `\u003e`, `\u0026`), U+2028
 * and U+2029, and control characters (`\b`, `\f`, `\n`, `\r`, `\t` short,
 * others as `\u00XX` in lower-case hex); it leaves DEL and other non-ASCII
 * text raw. Numbers print as JavaScript prints them, which matches Go's
 * float formatting for float64 (`1e+21`, `1e-7`, `0.00001`).
 *
 * Known limits: integers beyond 2^53 lose precision in JavaScript; a float
 * `-0.0` prints as `0` (Go prints `-0`).
 *
 * @see go/src/encoding/json/encode.go (appendString, MarshalIndent)
 * @see k8s.io/cli-runtime/pkg/printers/json.go JSONPrinter
 */
import { listWrapper } from './yaml.js';

const HEX = '0123456789abcdef';

/** Compares strings by code point (Go's byte-wise order of UTF-8 strings). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Characters that Go's encoder escapes, plus surrogates (lone ones become U+FFFD). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/**
 * A string as Go's encoding/json writes it, with HTML escaping on (the default
 * of json.Marshal).
 */
export function goJsonString(s: string): string {
  // Most strings need no escaping at all: one scan by the regexp engine.
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else {
        out += '\ufffd'; // Go strings cannot hold a lone surrogate
      }
      continue;
    }
    if (
      c >= 0x20 &&
      c !== 0x22 &&
      c !== 0x5c &&
      c !== 0x3c &&
      c !== 0x3e &&
      c !== 0x26 &&
      c !== 0x2028 &&
      c !== 0x2029
    ) {
      out += s[i];
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x2028:
      case 0x2029:
        out += '\\u202' + HEX[c & 0xf];
        break;
      default:
        out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    }
  }
  return out + '"';
}

function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  return JSON.stringify(n);
}

/**
 * The fast path. Each frozen subtree (stored objects never change) is printed
 * once by V8's own JSON.stringify over a copy whose objects have their keys in
 * Go's order, and the text is kept for later prints; other nodes (a list
 * wrapper) are laid out here around those texts. JSON.stringify is used only
 * for trees of plain objects, arrays, strings, finite numbers, booleans and
 * null (undefined and functions only as object values, which both skip),
 * without a `__proto__` key, an all-digit key (objects put array indices
 * first) or a surrogate in any string (Go replaces lone ones); the HTML
 * characters, which only occur inside strings, are escaped in its output.
 * Undefined means: take the slow path.
 */
function fastMarshal(v: unknown, indent: string | null, sortKeys: boolean): string | undefined {
  if (indent !== null && indent !== '    ') return undefined;
  return fastText(v, indent, sortKeys, '');
}

type TextCache = WeakMap<object, Map<string, string>>;
const textCaches: Record<string, TextCache> = {
  'sorted,compact': new WeakMap(),
  'sorted,indented': new WeakMap(),
  'insertion,compact': new WeakMap(),
  'insertion,indented': new WeakMap(),
};

function fastText(
  v: unknown,
  indent: string | null,
  sortKeys: boolean,
  prefix: string,
): string | undefined {
  switch (typeof v) {
    case 'string':
      return goJsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (Object.isFrozen(v)) return frozenText(v, indent, sortKeys, prefix);
  const inner = indent === null ? '' : prefix + indent;
  const open = indent === null ? '' : '\n' + inner;
  const close = indent === null ? '' : '\n' + prefix;
  const parts: string[] = [];
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    for (let i = 0; i < v.length; i++) {
      const t = fastText(v[i], indent, sortKeys, inner);
      if (t === undefined) return undefined;
      // Separate pieces: joined once, never flattened one by one.
      parts.push(i > 0 ? ',' + open : open, t);
    }
    return '[' + parts.join('') + close + ']';
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o);
  if (sortKeys) keys = sortedKeys(keys);
  const sep = indent === null ? ':' : ': ';
  for (const k of keys) {
    const x = o[k];
    if (x === undefined || typeof x === 'function') continue;
    const t = fastText(x, indent, sortKeys, inner);
    if (t === undefined) return undefined;
    parts.push((parts.length > 0 ? ',' + open : open) + goJsonString(k) + sep, t);
  }
  if (parts.length === 0) return '{}';
  return '{' + parts.join('') + close + '}';
}

/** A frozen subtree's text, from the cache when it is frozen all the way down. */
function frozenText(
  v: object,
  indent: string | null,
  sortKeys: boolean,
  prefix: string,
): string | undefined {
  const cache =
    textCaches[`${sortKeys ? 'sorted' : 'insertion'},${indent === null ? 'compact' : 'indented'}`];
  const at = indent === null ? '' : prefix;
  const hit = cache.get(v)?.get(at);
  if (hit !== undefined) return hit;
  walk.bad = false;
  walk.html = false;
  walk.mutable = false;
  const copy = orderedCopy(v, sortKeys, false);
  if (walk.bad) return undefined;
  let text: string;
  const depth = at.length / 4;
  if (at !== '' && at === '    '.repeat(depth)) {
    // Printed already indented: nested in `depth` arrays, whose brackets are cut off again.
    let nested: unknown = copy;
    for (let i = 0; i < depth; i++) nested = [nested];
    text = JSON.stringify(nested, null, indent ?? undefined);
    let head = '';
    let tail = '';
    for (let i = 0; i < depth; i++) {
      head += '[\n' + '    '.repeat(i + 1);
      tail = '\n' + '    '.repeat(i) + ']' + tail;
    }
    text = text.slice(head.length, text.length - tail.length);
  } else {
    text = JSON.stringify(copy, null, indent ?? undefined);
    // Raw newlines occur only between tokens (strings hold them escaped).
    // (split and join: replace() leaves a string that is slow to join later.)
    if (at !== '') text = text.split('\n').join('\n' + at);
  }
  if (walk.html) text = text.replace(HTML_CHARS_G, (c) => HTML_ESCAPES[c]);
  if (!walk.mutable) {
    let m = cache.get(v);
    if (!m) cache.set(v, (m = new Map()));
    m.set(at, text);
  }
  return text;
}

const HTML_CHARS_G = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const SPECIAL = /[<>&\u2028\u2029\ud800-\udfff]/;
const SURROGATE = /[\ud800-\udfff]/;
const INDEX_KEY = /^\d+$/;

/** State of one copy: unsupported value seen, HTML escaping needed, unfrozen node seen. */
const walk = { bad: false, html: false, mutable: false };

function checkString(s: string): void {
  if (SPECIAL.test(s)) {
    if (SURROGATE.test(s)) walk.bad = true;
    else walk.html = true;
  }
}

/** A copy with keys in print order; flags what the fast path cannot print in `walk`. */
function orderedCopy(v: unknown, sortKeys: boolean, inArray: boolean): unknown {
  switch (typeof v) {
    case 'string':
      checkString(v);
      return v;
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) walk.bad = true;
      return v;
    case 'undefined':
    case 'function':
      // Skipped as object values by both paths; in arrays the slow path prints null or throws.
      if (inArray) walk.bad = true;
      return undefined;
    case 'object':
      break;
    default:
      walk.bad = true;
      return undefined;
  }
  if (v === null) return null;
  if (!Object.isFrozen(v)) walk.mutable = true;
  let copy: unknown;
  if (Array.isArray(v)) {
    const arr: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length && !walk.bad; i++) {
      if (!(i in v)) walk.bad = true;
      arr[i] = orderedCopy(v[i], sortKeys, true);
    }
    copy = arr;
  } else if (Object.getPrototypeOf(v) !== Object.prototype) {
    walk.bad = true;
  } else {
    const o = v as Record<string, unknown>;
    let keys = Object.keys(o);
    if (sortKeys) keys = sortedKeys(keys);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      if (walk.bad) break;
      // JavaScript objects list array-index keys first, whatever their insertion order.
      if (k === '__proto__' || INDEX_KEY.test(k)) walk.bad = true;
      checkString(k);
      const x = orderedCopy(o[k], sortKeys, false);
      if (x !== undefined) out[k] = x;
    }
    copy = out;
  }
  return copy;
}

/**
 * Keys in Go's map order (byte-wise UTF-8, i.e. code points). For keys
 * without surrogates, UTF-16 order (the default sort) is the same order.
 */
function sortedKeys(keys: string[]): string[] {
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) {
      if (k.charCodeAt(i) >= 0xd800) return keys.sort(compareCodePoints);
    }
  }
  return keys.sort();
}

function marshal(v: unknown, indent: string | null, prefix: string, sortKeys = true): string {
  if (prefix === '' && typeof v === 'object' && v !== null) {
    const fast = fastMarshal(v, indent, sortKeys);
    if (fast !== undefined) return fast;
  }
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return goJsonNumber(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return goJsonString(v);
    case 'object':
      break;
    default:
      throw new Error(`json: unsupported type: ${typeof v}`);
  }
  const inner = indent === null ? '' : prefix + indent;
  const nl = indent === null ? '' : '\n';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = v.map((x) => inner + marshal(x, indent, inner, sortKeys));
    return '[' + nl + parts.join(',' + nl) + nl + (indent === null ? '' : prefix) + ']';
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(
    ([, x]) => x !== undefined && typeof x !== 'function',
  );
  if (entries.length === 0) return '{}';
  if (sortKeys) entries.sort(([a], [b]) => compareCodePoints(a, b));
  const sep = indent === null ? ':' : ': ';
  const parts = entries.map(
    ([k, x]) => inner + goJsonString(k) + sep + marshal(x, indent, inner, sortKeys),
  );
  return '{' + nl + parts.join(',' + nl) + nl + (indent === null ? '' : prefix) + '}';
}

/** Options of {@link toJson} and {@link marshalJson}. */
export interface JsonOptions {
  /**
   * Sort object keys (default true), as Go does for maps, i.e. for every
   * object kubectl handles as unstructured (`get`, `--local -f`). Typed
   * objects that kubectl builds itself (`create|run|expose --dry-run=client
   * -o json`) print struct fields in declaration order (`kind`, `apiVersion`,
   * `metadata`, ...): pass false and build such objects in Go field order,
   * with the keys of map-typed fields (labels, data, ...) inserted sorted.
   */
  sortKeys?: boolean;
}

/** Go `json.Marshal`: compact, sorted keys, Go escaping (what jsonpath prints for maps and lists). */
export function marshalJson(value: unknown, opts: JsonOptions = {}): string {
  return marshal(value, null, '', opts.sortKeys ?? true);
}

/** One object as `kubectl -o json` prints it (4-space indent, trailing newline). */
export function toJson(value: unknown, opts: JsonOptions = {}): string {
  return marshal(value, '    ', '', opts.sortKeys ?? true) + '\n';
}

/** Several items wrapped in a `List` as `kubectl get -o json` prints them. */
export function toJsonList(items: readonly unknown[]): string {
  return toJson(listWrapper(items));
}
