/**
 * Resource quantities (`500m`, `1.5Gi`, `2e3`, `128974848`).
 *
 * `parseQuantity` gives the value in base units as a number (cores, bytes),
 * precise enough for comparisons and arithmetic in the simulation. The
 * canonical string form (what the API server stores and kubectl prints) is
 * in `canonicalQuantity`.
 *
 * @see k8s.io/apimachinery/pkg/api/resource/quantity.go
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The value of a quantity in base units, or undefined when it does not parse. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const m = QUANTITY_RE.exec(input.trim() === input ? input : '\u0000');
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] !== undefined) return n * (BINARY[m[2]] ?? DECIMAL[m[2]]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n;
}

export function isQuantity(input: unknown): boolean {
  return (typeof input === 'string' || typeof input === 'number') && parseQuantity(input) !== undefined;
}

/** Millicores (or milli-units) as an integer, rounding up like Quantity.MilliValue. */
export function milliValue(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const v = parseQuantity(input);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** Whole units (bytes), rounding up like Quantity.Value. */
export function intValue(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const v = parseQuantity(input);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e6);
}

// ---------------------------------------------------------------------------
// Exact parsing and the canonical string form (what the API server stores)
// ---------------------------------------------------------------------------

/** apimachinery's ErrFormatWrong text. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** apimachinery's ErrNumeric text. */
export const QUANTITY_NUMERIC_ERROR = "unable to parse quantity's numeric value";
/** apimachinery's ErrSuffix text. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** A quantity string that does not parse; `message` is one of the apimachinery texts above. */
export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

/** How a quantity prints: `1e3`, `1Ki`, or `1k`. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/**
 * An exact quantity: `unscaled × 10^exp10`, with its format and, when the
 * input was already canonical, the input string that String() returns as is.
 */
export interface ExactQuantity {
  unscaled: bigint;
  exp10: number;
  format: QuantityFormat;
  /** Go's Quantity.s: the string kept from parsing (e.g. `+1`, `1.500`, `500m`). */
  cached?: string;
}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_BY_EXP = new Map<number, string>([[0, ''], ...Object.entries(BIN_SUFFIX).map(([s, e]) => [e, s] as [number, string])]);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

interface QuantityParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** @see quantity.go parseQuantityString */
function splitQuantity(str: string): QuantityParts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** @see suffix.go suffixHandler.interpret */
function interpretSuffix(s: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (s in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[s], format: 'DecimalSI' };
  if (s in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    const n = BigInt(s.slice(1));
    if (n <= INT64_MAX && n >= INT64_MIN) return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
}

/** Removes factors of `base` from n; returns the rest and how many were removed. */
function removeFactors(n: bigint, base: bigint): [bigint, number] {
  let times = 0;
  if (n === 0n) return [n, 0];
  while (n % base === 0n) {
    n /= base;
    times++;
  }
  return [n, times];
}

/**
 * Parses a quantity exactly as resource.ParseQuantity does: nano precision
 * (smaller values round up), BinarySI capped at 2^63-1, and the input string
 * kept when it already is in canonical form. Throws {@link QuantityParseError}.
 *
 * @see k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity
 */
export function parseQuantityExact(str: string): ExactQuantity {
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  const { positive, num, denom, suffix } = splitQuantity(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;

  // the int64 fast path, which also decides whether the input string is kept
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (base === 10) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent * 3) / 10)) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (value <= INT64_MAX && result <= INT64_MAX) {
        const signed = positive ? result : -result;
        let keep: boolean;
        if (format === 'BinarySI') keep = exponent % 10 === 0 && (value & 7n) !== 0n;
        else keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const q: ExactQuantity = { unscaled: signed, exp10: base === 10 ? scale : 0, format };
        if (keep) q.cached = str;
        return q;
      }
    }
  }

  // the exact (inf.Dec) path
  let unscaled = BigInt(num + denom);
  let exp10 = -denom.length;
  if (base === 10) exp10 += exponent;
  else unscaled *= 1n << BigInt(exponent);
  if (unscaled !== 0n && exp10 < -9) {
    const div = 10n ** BigInt(-9 - exp10);
    unscaled = (unscaled + div - 1n) / div; // round up (away from zero) to nano
    exp10 = -9;
  }
  if (format === 'BinarySI' && compareExact(unscaled, exp10, INT64_MAX, 0) > 0) {
    unscaled = INT64_MAX;
    exp10 = 0;
  }
  if (format === 'BinarySI' && unscaled > 0n && compareExact(unscaled, exp10, 1n, 0) < 0) format = 'DecimalSI';
  return { unscaled: positive ? unscaled : -unscaled, exp10, format };
}

/** Compares a×10^ea with b×10^eb. */
function compareExact(a: bigint, ea: number, b: bigint, eb: number): number {
  const e = Math.min(ea, eb);
  const x = a * 10n ** BigInt(ea - e);
  const y = b * 10n ** BigInt(eb - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The string the API server and kubectl print for a quantity
 * (Quantity.String(): the kept input, or CanonicalizeBytes).
 *
 * @see k8s.io/apimachinery/pkg/api/resource/quantity.go CanonicalizeBytes
 */
export function quantityToString(q: ExactQuantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareExact(q.unscaled, q.exp10, -1024n, 0) > 0 && compareExact(q.unscaled, q.exp10, 1024n, 0) < 0;
    // not an integer: BinarySI would lose precision
    const fractional = q.exp10 < 0 && q.unscaled % 10n ** BigInt(-q.exp10) !== 0n;
    if (small || fractional) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const int = q.exp10 >= 0 ? q.unscaled * 10n ** BigInt(q.exp10) : q.unscaled / 10n ** BigInt(-q.exp10);
    const [amount, times] = removeFactors(int, 1024n);
    return `${amount}${BIN_BY_EXP.get(times * 10) ?? ''}`;
  }
  const [stripped, times] = removeFactors(q.unscaled, 10n);
  let amount = stripped;
  let exponent = q.exp10 + times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  // Go prints no suffix at all when none exists for the exponent (1000E prints as 1)
  return `${amount}${DEC_BY_EXP.get(exponent) ?? ''}`;
}

/**
 * The canonical form of a quantity as the API server normalises it:
 * `0.5` → `500m`, `1.5Gi` → `1536Mi`, `2000m` → `2`, `1024Ki` → `1Mi`,
 * `129e6` stays `129e6`, `+1` stays `+1`. JSON numbers are read as Go's
 * JSON encoder writes them. Throws {@link QuantityParseError}.
 */
export function canonicalQuantity(input: string | number): string {
  return quantityToString(parseQuantityExact(typeof input === 'number' ? String(input) : input));
}

/**
 * Sums quantities as kubectl's describe does (Quantity.Add): the result takes
 * the format of the first non-zero addend and prints canonically.
 */
export function addQuantities(inputs: readonly (string | number | ExactQuantity)[]): ExactQuantity {
  let sum: ExactQuantity = { unscaled: 0n, exp10: 0, format: 'DecimalSI' };
  for (const input of inputs) {
    const q = typeof input === 'object' ? input : parseQuantityExact(typeof input === 'number' ? String(input) : input);
    const format = sum.unscaled === 0n ? q.format : sum.format;
    const e = Math.min(sum.exp10, q.exp10);
    const unscaled = sum.unscaled * 10n ** BigInt(sum.exp10 - e) + q.unscaled * 10n ** BigInt(q.exp10 - e);
    sum = { unscaled, exp10: e, format };
  }
  return sum;
}

/** Quantity.MilliValue() exactly (rounded up, away from zero), as a bigint. */
export function exactMilliValue(q: ExactQuantity): bigint {
  return scaledValue(q, -3);
}

/** Quantity.Value() exactly (rounded up, away from zero), as a bigint. */
export function exactValue(q: ExactQuantity): bigint {
  return scaledValue(q, 0);
}

function scaledValue(q: ExactQuantity, scale: number): bigint {
  const shift = q.exp10 - scale;
  if (shift >= 0) return q.unscaled * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const abs = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  const r = (abs + div - 1n) / div;
  return q.unscaled < 0n ? -r : r;
}

/**
 * `int64(float64(part) / float64(whole) * 100)`: the percentage kubectl
 * describe prints next to allocated resources (`500m (25%)`), 0 when whole is 0.
 *
 * @see k8s.io/kubectl/pkg/describe/describe.go describeNodeResource
 */
export function percentOf(part: bigint | number, whole: bigint | number): number {
  if (Number(whole) === 0) return 0;
  return Math.trunc((Number(part) / Number(whole)) * 100);
}
