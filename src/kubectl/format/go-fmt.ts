/**
 * The few pieces of Go's fmt and strconv formatting that show up in kubectl's
 * output and error texts: float formatting (`%v`), `strconv.Quote` (`%q`),
 * `%#U`, and `%v` / `%#v` of JSON-shaped values (maps print with sorted keys).
 *
 * JSON values map to Go types as kubectl's unstructured decoding gives them:
 * objects are `map[string]interface {}`, arrays `[]interface {}`, integers
 * `int64`, other numbers `float64`, null a nil `interface {}`.
 *
 * @see go/src/fmt/print.go, go/src/fmt/format.go, go/src/strconv/quote.go, go/src/strconv/ftoa.go
 */

/**
 * Go `strconv.FormatFloat(f, 'g', -1, 64)`, which is also `fmt.Sprint(f)`:
 * shortest digits, exponent form (`1e+06`, `1.2345675e+06`, `1e-05`) when the
 * decimal exponent is < -4 or >= 6 (in shortest mode Go decides with precision 6).
 */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  // between these bounds JavaScript's shortest decimal form is Go's too
  if (exp >= -4 && exp < 6) return String(n);
  const abs = Math.abs(exp);
  return `${mant}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go `strconv.IsPrint` for one code point (approximated with Unicode categories L, M, N, P, S and space). */
export function goIsPrint(cp: number): boolean {
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Go `strconv.Quote` (what `%q` and `%#v` print for a string).
 *
 * @see go/src/strconv/quote.go appendQuotedWith
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x22 || cp === 0x5c) {
      out += '\\' + ch;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    if (goIsPrint(cp)) {
      out += ch;
      continue;
    }
    switch (cp) {
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x0b: out += '\\v'; break;
      default:
        if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
        else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
        else out += '\\U' + hex(cp, 8);
    }
  }
  return out + '"';
}

/** Go `%#U`: `U+007E '~'` (the character is shown only when printable). */
export function goRuneU(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return goIsPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Go's sort order of map keys (byte-wise UTF-8 = code point order). */
function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < x.length && i < y.length; i++) {
      const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? String(n) : goFormatFloat(n);
}

/** Go `fmt.Sprint(v)` / `%v` of a JSON value: `map[a:1 b:[x y]]`, `<nil>`. */
export function goSprintV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goSprintV).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return 'map[' + sortedKeys(o).map((k) => `${k}:${goSprintV(o[k])}`).join(' ') + ']';
  }
  return String(v);
}

/** Go `%#v` of a JSON value: `map[string]interface {}{"a":1, "b":[]interface {}{"x"}}`. */
export function goSprintSharpV(v: unknown, nested = false): string {
  if (v === null || v === undefined) return nested ? 'interface {}(nil)' : '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => goSprintSharpV(x, true)).join(', ') + '}';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const parts = sortedKeys(o).map((k) => `${goQuote(k)}:${goSprintSharpV(o[k], true)}`);
    return 'map[string]interface {}{' + parts.join(', ') + '}';
  }
  return String(v);
}
