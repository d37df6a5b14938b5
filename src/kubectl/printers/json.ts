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
 * once by V8's own JSON.stringify, and the text is kept for later prints;
 * other nodes (a list wrapper) are laid out here around those texts, and the
 * pieces are joined once at the end, so a warm `get pods -o json` copies its
 * output text once (joining level by level copied 8 MB twice on 1,000 pods,
 * and each big intermediate string was garbage for the collector to mark).
 *
 * JSON.stringify is used only for trees of plain objects, arrays, strings,
 * finite numbers, booleans and null (undefined only as an object value, which
 * both paths skip). Strings that Go writes differently from JSON.stringify
 * are found by scanning the printed text once: `<`, `>`, `&`, U+2028 and
 * U+2029 (escaped afterwards) and any surrogate (left to the slow path, which
 * sorts such keys by code point and turns lone ones into U+FFFD).
 * Undefined means: take the slow path.
 */
function fastMarshal(v: unknown, indent: string | null, sortKeys: boolean, suffix: string): string | undefined {
  if (indent !== null && indent !== '    ') return undefined;
  const out: string[] = [];
  if (!writeFast(v, indent, sortKeys, '', out)) return undefined;
  out.push(suffix);
  return out.join('');
}

type TextCache = WeakMap<object, Map<string, string>>;
const textCaches: Record<string, TextCache> = {
  'sorted,compact': new WeakMap(),
  'sorted,indented': new WeakMap(),
  'insertion,compact': new WeakMap(),
  'insertion,indented': new WeakMap(),
};

/** Appends the text of `v` (printed at indentation `prefix`) to `out`; false when the fast path cannot print it. */
function writeFast(v: unknown, indent: string | null, sortKeys: boolean, prefix: string, out: string[]): boolean {
  switch (typeof v) {
    case 'string':
      out.push(goJsonString(v));
      return true;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return true;
    case 'number':
      if (!Number.isFinite(v)) return false;
      out.push(JSON.stringify(v));
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) {
    out.push('null');
    return true;
  }
  if (Object.isFrozen(v)) {
    const text = frozenText(v, indent, sortKeys, prefix);
    if (text === undefined) return false;
    out.push(text);
    return true;
  }
  const inner = indent === null ? '' : prefix + indent;
  const open = indent === null ? '' : '\n' + inner;
  const close = indent === null ? '' : '\n' + prefix;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return true;
    }
    for (let i = 0; i < v.length; i++) {
      out.push(i > 0 ? ',' + open : '[' + open);
      if (!writeFast(v[i], indent, sortKeys, inner, out)) return false;
    }
    out.push(close + ']');
    return true;
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o);
  if (sortKeys) keys = sortedKeys(keys);
  const sep = indent === null ? ':' : ': ';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined || typeof x === 'function') continue;
    out.push((first ? '{' + open : ',' + open) + goJsonString(k) + sep);
    first = false;
    if (!writeFast(x, indent, sortKeys, inner, out)) return false;
  }
  out.push(first ? '{}' : close + '}');
  return true;
}

/** A frozen subtree's text, from the cache when it is frozen all the way down. */
function frozenText(v: object, indent: string | null, sortKeys: boolean, prefix: string): string | undefined {
  const cache = textCaches[`${sortKeys ? 'sorted' : 'insertion'},${indent === null ? 'compact' : 'indented'}`];
  const at = indent === null ? '' : prefix;
  const hit = cache.get(v)?.get(at);
  if (hit !== undefined) return hit;
  walk.bad = false;
  walk.mutable = false;
  const printable = inPrintOrder(v, sortKeys, false);
  if (walk.bad) return undefined;
  let text: string;
  const depth = at.length / 4;
  if (at !== '' && at === '    '.repeat(depth)) {
    // Printed already indented: nested in `depth` arrays, whose brackets are cut off again.
    let nested: unknown = printable;
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
    text = JSON.stringify(printable, null, indent ?? undefined);
    // Raw newlines occur only between tokens (strings hold them escaped).
    // (split and join: replace() leaves a string that is slow to join later.)
    if (at !== '') text = text.split('\n').join('\n' + at);
  }
  const wide = WIDE_CHAR.test(text);
  // JSON.stringify writes a lone surrogate as `\udXXX` (so does an escaped
  // backslash before `ud8`, which merely costs the slow path).
  if ((wide && SURROGATE.test(text)) || (text.includes('\\ud') && SURROGATE_ESCAPE.test(text))) return undefined;
  if (wide || text.includes('<') || text.includes('>') || text.includes('&')) {
    text = text.replace(HTML_CHARS_G, (c) => HTML_ESCAPES[c]);
  }
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
/**
 * Any character above U+00FF. Texts are scanned with includes() and this
 * class because V8 answers both without looking at each character of a
 * Latin-1 string (a class with `<` in it took 3 to 5 ms per 6 MB).
 */
const WIDE_CHAR = /[\u0100-\uffff]/;
const SURROGATE = /[\ud800-\udfff]/;
const SURROGATE_ESCAPE = /\\ud[89a-f]/;
const INDEX_KEY = /^\d+$/;

/** State of one walk: unsupported value seen, unfrozen node seen. */
const walk = { bad: false, mutable: false };

/**
 * `v` itself when JSON.stringify already prints it in Go's order (its keys,
 * and those of everything below, are sorted), otherwise a copy with the
 * unsorted objects (and the nodes above them) rebuilt in order; flags what
 * the fast path cannot print in `walk`. Copying only what is out of order
 * halves the first print of a pod list: most objects of a pod (resources,
 * labels, conditions, probes) are built in key order already.
 */
function inPrintOrder(v: unknown, sortKeys: boolean, inArray: boolean): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) walk.bad = true;
      return v;
    case 'undefined':
      // Skipped as an object value by both paths; in an array the slow path prints null.
      if (inArray) walk.bad = true;
      return v;
    case 'object':
      break;
    default:
      // functions (JSON.stringify would call a toJSON one), symbols, bigints
      walk.bad = true;
      return v;
  }
  if (v === null) return v;
  // Below a frozen node, "cannot be extended" stands for "frozen": it is one
  // bit to read where Object.isFrozen looks at every property (a quarter of
  // the walk on 1,000 pods), and nothing here seals objects without freezing.
  if (Object.isExtensible(v)) walk.mutable = true;
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) walk.bad = true;
      const x: unknown = v[i];
      const y = inPrintOrder(x, sortKeys, true);
      if (walk.bad) return v;
      if (y !== x && copy === undefined) copy = v.slice(0, i);
      if (copy !== undefined) copy.push(y);
    }
    return copy ?? v;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) {
    walk.bad = true;
    return v;
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o);
  let copy: Record<string, unknown> | undefined;
  if (sortKeys && !inOrder(keys)) {
    keys = keys.sort();
    copy = {};
  }
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = o[k];
    const y = inPrintOrder(x, sortKeys, false);
    if (walk.bad) return v;
    if (y !== x && copy === undefined) {
      copy = {};
      for (let j = 0; j < i; j++) if (!setInCopy(copy, keys[j], o[keys[j]])) return v;
    }
    if (copy !== undefined && !setInCopy(copy, k, y)) return v;
  }
  return copy ?? v;
}

/**
 * Adds a key to a copy being built in print order. JavaScript lists
 * array-index keys (`"10"`) first whatever the insertion order, and a
 * `__proto__` key would set the prototype: such keys go to the slow path.
 */
function setInCopy(copy: Record<string, unknown>, k: string, x: unknown): boolean {
  const c = k.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39 && INDEX_KEY.test(k)) || k === '__proto__') {
    walk.bad = true;
    return false;
  }
  if (x !== undefined) copy[k] = x;
  return true;
}

/** Keys already in ascending UTF-16 order (surrogates, whose order differs, are caught in the text). */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
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
  return marshalTop(value, null, opts.sortKeys ?? true, '');
}

/** One object as `kubectl -o json` prints it (4-space indent, trailing newline). */
export function toJson(value: unknown, opts: JsonOptions = {}): string {
  return marshalTop(value, '    ', opts.sortKeys ?? true, '\n');
}

/** A whole document: the fast path for objects, else (or when it declines) the slow one. */
function marshalTop(v: unknown, indent: string | null, sortKeys: boolean, suffix: string): string {
  if (typeof v === 'object' && v !== null) {
    const fast = fastMarshal(v, indent, sortKeys, suffix);
    if (fast !== undefined) return fast;
  }
  return marshal(v, indent, '', sortKeys) + suffix;
}

/** Several items wrapped in a `List` as `kubectl get -o json` prints them. */
export function toJsonList(items: readonly unknown[]): string {
  return toJson(listWrapper(items));
}
