/**
 * `kubectl -o yaml`, byte for byte.
 *
 * kubectl prints YAML with sigs.k8s.io/yaml: the object is marshalled to
 * JSON, the JSON text is parsed back by go-yaml v2 (so numbers get int or
 * float types and a raw NEL in a string is folded like any YAML line break),
 * and go-yaml v2 emits it. This module mirrors the three steps:
 *
 * 1. {@link normalizeForYaml}: what the JSON → YAML round trip changes;
 * 2. the resolver (`resolve.go`): which strings would read back as something
 *    other than a string and so must be quoted (YAML 1.1: `y`, `on`, `0x1f`,
 *    `1e3`, `2024-01-01`, `1:20`, ...);
 * 3. a port of the libyaml emitter as go-yaml v2 drives it (`emitterc.go`):
 *    block style, indentless sequences, plain/single/double/literal scalar
 *    selection, folding at 80 columns, complex keys (`? `) for long or
 *    multi-line keys, `{}`/`[]` for empty collections.
 *
 * Checked against kubectl v1.32.4 goldens in `testdata/yaml/`.
 *
 * @see sigs.k8s.io/yaml yaml.go (Marshal, JSONToYAML)
 * @see gopkg.in/yaml.v2 encode.go, emitterc.go, resolve.go, sorter.go
 * @see k8s.io/cli-runtime/pkg/printers/yaml.go YAMLPrinter
 */

import { goFormatFloat } from '../format/go-fmt.js';
import { marshalJson } from './json.js';

/** The error kubectl prints (after `error: `) when a string holds a character YAML cannot carry. */
export class YamlMarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlMarshalError';
  }
}

// ---------------------------------------------------------------------------
// Step 1: the JSON → YAML round trip
// ---------------------------------------------------------------------------

const NEL_RUN = / *\u0085[ \u0085]*/g;
/** Characters the go-yaml reader rejects (Go's JSON encoder leaves them raw). */
const CONTROL_RE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function normalizeString(s: string): string {
  let out = s;
  if (/[\ud800-\udfff]/.test(out)) out = out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  // The go-yaml reader rejects these raw characters (Go's JSON encoder leaves them unescaped).
  if (CONTROL_RE.test(out)) {
    throw new YamlMarshalError('yaml: control characters are not allowed');
  }
  if (out.includes('\u0085')) {
    // NEL is a line break to the YAML scanner: inside the double-quoted JSON
    // string it folds like any break (one → space, n → n-1 newlines), eating
    // the spaces around it.
    out = out.replace(NEL_RUN, (run) => {
      const k = run.split('\u0085').length - 1;
      return k === 1 ? ' ' : '\n'.repeat(k - 1);
    });
  }
  return out;
}

/**
 * go-yaml cannot read back a JSON object key that holds a NEL (U+0085): the
 * NEL is a line break, and a flow mapping key must fit on one line. kubectl
 * then fails with `yaml: line N: did not find expected ',' or '}'`, N being
 * the number of NELs in the JSON text up to the end of that key (checked
 * against kubectl v1.32.4).
 */
function checkNelInKeys(value: unknown): void {
  if (!hasNelKey(value)) return;
  const text = marshalJson(value);
  // walk the compact JSON: strings that follow '{' or ',' inside an object are keys
  const stack: string[] = [];
  let nels = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let sawNel = false;
      for (; text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '\u0085') {
          nels++;
          sawNel = true;
        }
      }
      if (expectKey && sawNel) {
        // go-yaml's reader decodes (and checks) its input in 512-byte chunks, so a
        // forbidden character in a chunk it has already read wins over this error
        const at = Buffer.byteLength(text.slice(0, j + 2), 'utf8');
        const bad = CONTROL_RE.exec(text);
        if (bad && Math.floor(Buffer.byteLength(text.slice(0, bad.index), 'utf8') / 512) <= Math.floor(at / 512)) {
          throw new YamlMarshalError('yaml: control characters are not allowed');
        }
        throw new YamlMarshalError(`yaml: line ${nels}: did not find expected ',' or '}'`);
      }
      i = j;
      continue;
    }
    if (c === '{' || c === '[') stack.push(c);
    else if (c === '}' || c === ']') stack.pop();
    expectKey = (c === '{' || c === ',') && stack[stack.length - 1] === '{';
  }
}

function hasNelKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasNelKey);
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).some(([k, x]) => k.includes('\u0085') || hasNelKey(x));
  }
  return false;
}

/**
 * What reaches the go-yaml emitter for a JSON value: strings folded as the
 * YAML scanner reads them, undefined members dropped (as JSON.stringify).
 */
export function normalizeForYaml(v: unknown): unknown {
  if (typeof v === 'string') return normalizeString(v);
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normalizeForYaml(x)));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function') continue;
      out[normalizeString(k)] = normalizeForYaml(x);
    }
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Step 2: the resolver
// ---------------------------------------------------------------------------

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  // `<<` (merge) is in go-yaml's table too, but '<' is not a resolver hint, so it stays a string
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go strconv.ParseInt/ParseUint with base 0 (underscores already removed). */
function parsesAsGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  let body = m[2];
  let n: bigint;
  if (/^0[oO]/.test(body)) body = '0o' + body.slice(2);
  else if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  try {
    n = BigInt(body.replace(/^0X/, '0x').replace(/^0B/, '0b'));
  } catch {
    return false;
  }
  if (m[1] === '-') n = -n;
  if (n >= INT64_MIN && n <= INT64_MAX) return true;
  // ParseUint rejects any sign
  return m[1] === '' && n <= UINT64_MAX;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** go-yaml v2 parseTimestamp: the four time.Parse layouts it tries. */
function parsesAsTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const m =
    /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:([Tt])|( +))(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(Z|[+-]\d\d:\d\d)?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, t, sp, hh, mm, ss, zone] = m;
  if (t !== undefined && zone === undefined) return false; // layout needs Z07:00
  if (sp !== undefined && zone !== undefined) return false; // layout has no zone
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, Number(y))) return false;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59)) return false;
  if (zone !== undefined && zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4)) > 60)) return false;
  return true;
}

/**
 * Whether go-yaml v2 would read this text, written plain, as something other
 * than a string (bool, null, int, float, timestamp, merge key), or it is a
 * YAML 1.1 base-60 float. Such strings are emitted double-quoted.
 *
 * @see gopkg.in/yaml.v2 resolve.go resolve, encode.go stringv
 */
export function needsQuotingAsNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  if (BASE60_FLOAT.test(s)) return true;
  const c = s[0];
  // strconv.ParseFloat fails on overflow (`1e400`), which leaves the text a string
  if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && Number.isFinite(Number(s));
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (parsesAsTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    if (parsesAsGoInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
    return false;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Key order (go-yaml v2 sorter.go keyList.Less) and number formatting
// ---------------------------------------------------------------------------

const isLetter = (c: string): boolean => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a);
  return /\p{L}/u.test(c);
};
const isDigit = (c: string): boolean => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return x >= 0x30 && x <= 0x39;
  return /\p{Nd}/u.test(c);
};

/**
 * go-yaml v2's map key order for string keys: a "natural" order where runs of
 * digits compare by value (`a9` < `a10`) and non-letters sort before letters.
 *
 * @see gopkg.in/yaml.v2 sorter.go keyList.Less
 */
export function compareYamlKeys(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

/**
 * A JSON number as go-yaml prints it after the JSON round trip: integers that
 * fit int64/uint64 in decimal, anything else as Go's `strconv.FormatFloat(f, 'g', -1, 64)`.
 */
export function formatYamlNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 64) {
    // Go's JSON step wrote the shortest float digits (12345678901234567000), which go-yaml reads back as an integer
    return Object.is(n, -0) ? '0' : String(n);
  }
  return goFormatFloat(n);
}

// ---------------------------------------------------------------------------
// Step 3: the emitter
// ---------------------------------------------------------------------------

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

const isBreakCp = (c: number | undefined): boolean =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlankCp = (c: number | undefined): boolean => c === 0x20 || c === 0x09;
const isPrintableCp = (c: number): boolean =>
  c === 0x0a ||
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** @see gopkg.in/yaml.v2 emitterc.go yaml_emitter_analyze_scalar */
function analyzeScalar(cps: number[]): Analysis {
  if (cps.length === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  const c0 = String.fromCodePoint(...cps.slice(0, 3));
  if (cps.length >= 3 && (c0 === '---' || c0 === '...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const ch = c < 0x80 ? ASCII[c] : '';
    const followedByWhitespace = i + 1 >= cps.length || isBlankCp(cps[i + 1]);
    if (i === 0) {
      switch (ch) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
        case '!': case '|': case '>': case "'": case '"': case '%': case '@': case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?': case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (ch) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintableCp(c)) specialCharacters = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankCp(c) || isBreakCp(c) || c === 0;
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

interface Scalar {
  text: string;
  cps: number[];
  analysis: Analysis;
  /** The style go-yaml's encoder asks for. */
  requested: Style;
}

function stringScalar(s: string): Scalar {
  const cps = codePoints(s);
  const requested: Style = s.includes('\n') ? 'literal' : needsQuotingAsNonString(s) ? 'double' : 'plain';
  return { text: s, cps, analysis: analyzeScalar(cps), requested };
}

function plainScalar(s: string): Scalar {
  const cps = codePoints(s);
  return { text: s, cps, analysis: analyzeScalar(cps), requested: 'plain' };
}

/** Double-quoted escapes with a one-letter form. */
const SHORT_ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
  0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/** A port of the parts of the libyaml emitter that go-yaml v2's Marshal reaches. */
class Emitter {
  private out: string[] = [];
  private column = 0;
  private indent = -1;
  private indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private simpleKeyContext = false;
  private mappingContext = false;

  result(): string {
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    this.column++;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  private writeCp(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }

  private writeBreakCp(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeCp(c);
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const c of ind) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  // -- nodes ---------------------------------------------------------------

  node(v: unknown, ctx: { sequence?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
    this.mappingContext = ctx.mapping ?? false;
    this.simpleKeyContext = ctx.simpleKey ?? false;
    if (Array.isArray(v)) this.sequence(v);
    else if (typeof v === 'object' && v !== null) this.mapping(v as Record<string, unknown>);
    else this.scalar(toScalar(v));
  }

  private sequence(items: unknown[]): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { sequence: true });
    }
    this.popIndent();
  }

  private mapping(obj: Record<string, unknown>): void {
    const keys = Object.keys(obj).sort(compareYamlKeys);
    if (keys.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const key = stringScalar(k);
      const simple = !key.analysis.multiline && utf8Length(k) <= 128;
      if (simple) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.scalar(key);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.scalar(key);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(obj[k], { mapping: true });
    }
    this.popIndent();
  }

  private selectStyle(s: Scalar): Style {
    const a = s.analysis;
    let style = s.requested;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) {
        style = 'single';
      }
      if (s.text.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    return style;
  }

  private scalar(s: Scalar): void {
    const style = this.selectStyle(s);
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(s.cps, allowBreaks, s.analysis.multiline ? undefined : s.text);
        break;
      case 'single':
        this.writeSingle(s.cps, allowBreaks);
        break;
      case 'double':
        this.writeDouble(s.cps, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(s.cps);
        break;
    }
    this.popIndent();
  }

  // -- scalar writers --------------------------------------------------------

  private writePlain(v: number[], allowBreaks: boolean, text?: string): void {
    if (!this.whitespace) this.put(' ');
    // no fold can happen when the whole scalar ends by column 81, and plain scalars hold no breaks
    if (text !== undefined && (!allowBreaks || this.column + v.length <= BEST_WIDTH + 1)) {
      this.out.push(text);
      this.column += v.length;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== v.length - 1 && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(v: number[], allowBreaks: boolean): void {
    let spaces = false;
    // go-yaml's is_bom() looks at the start of the value, not at position i: a
    // value that starts with U+FEFF gets every character escaped (`\uFEFF\x78`)
    const bomAtStart = v[0] === 0xfeff;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (bomAtStart || !isPrintableCp(c) || isBreakCp(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const e = SHORT_ESCAPES[c];
        if (e !== undefined) this.put(e);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          for (const d of c.toString(16).toUpperCase().padStart(width, '0')) this.put(d);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== v.length - 1) {
          this.writeIndent();
          if (v[i + 1] === 0x20) this.put('\\');
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints: indentation indicator, then chomping
    if (v[0] === 0x20 || isBreakCp(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else {
      const last = v.length - 1;
      if (!isBreakCp(v[last])) chomp = '-';
      else if (last === 0) chomp = '+';
      else if (isBreakCp(v[last - 1])) chomp = '+';
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreakCp(c)) {
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function toScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return plainScalar('null');
  if (typeof v === 'boolean') return plainScalar(v ? 'true' : 'false');
  if (typeof v === 'number') return plainScalar(formatYamlNumber(v));
  if (typeof v === 'bigint') return plainScalar(v.toString());
  if (typeof v === 'string') return stringScalar(v);
  throw new Error(`toYaml: cannot marshal ${typeof v}`);
}

/**
 * One object (or any JSON value) as `kubectl -o yaml` prints it, ending in a
 * newline. Throws {@link YamlMarshalError} where kubectl fails
 * (`error: yaml: control characters are not allowed`).
 */
export function toYaml(value: unknown): string {
  checkNelInKeys(value);
  const e = new Emitter();
  e.node(normalizeForYaml(value), {});
  e.writeIndent();
  return e.result();
}

/**
 * Several objects as one printer prints them in turn: `---` between documents.
 *
 * @see k8s.io/cli-runtime/pkg/printers/yaml.go YAMLPrinter.PrintObj (printCount)
 */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v, i) => (i > 0 ? '---\n' : '') + toYaml(v)).join('');
}

/**
 * The `List` wrapper `kubectl get -o yaml` prints for a list of items:
 * `apiVersion: v1`, `items:`, `kind: List`, `metadata: {resourceVersion: ""}`.
 */
export function toYamlList(items: readonly unknown[]): string {
  return toYaml(listWrapper(items));
}

/** The object kubectl wraps several items in for `-o yaml|json`. */
export function listWrapper(items: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
}
