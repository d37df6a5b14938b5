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

/**
 * A string as Go's encoding/json writes it, with HTML escaping on (the default
 * of json.Marshal).
 */
export function goJsonString(s: string): string {
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
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c !== 0x2028 && c !== 0x2029) {
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
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
  if (entries.length === 0) return '{}';
  if (sortKeys) entries.sort(([a], [b]) => compareCodePoints(a, b));
  const sep = indent === null ? ':' : ': ';
  const parts = entries.map(([k, x]) => inner + goJsonString(k) + sep + marshal(x, indent, inner, sortKeys));
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
