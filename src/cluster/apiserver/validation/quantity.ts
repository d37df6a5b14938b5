/**
 * Exact resource quantities: parsing into nano-units (BigInt) and the
 * canonical string the API server stores and prints (`Quantity.String()`):
 * `0.5` → `500m`, `1.5Gi` → `1536Mi`, `1000` → `1k`, `1e3` → `1e3`.
 *
 * @see k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity, CanonicalizeBytes
 */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface ExactQuantity {
  /** The value in units of 10^-9, rounded up like Kubernetes does. */
  nano: bigint;
  format: QuantityFormat;
}

/** The regular expression kubectl and the API server quote when a quantity does not parse. */
export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const RE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BIN: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export function parseExact(input: string | number): ExactQuantity | undefined {
  const s = typeof input === 'number' ? String(input) : input;
  const m = RE.exec(s);
  if (!m) return undefined;
  const [, sign, whole, frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let digits = BigInt((whole || '0') + frac);
  let scale = -frac.length; // value = digits * 10^scale * multiplier
  let format: QuantityFormat = 'DecimalSI';
  let binaryPow = 0;
  if (suffix in BIN) {
    format = 'BinarySI';
    binaryPow = BIN[suffix];
  } else if (suffix in DEC) {
    scale += DEC[suffix];
  } else if (suffix) {
    format = 'DecimalExponent';
    scale += Number.parseInt(suffix.slice(1), 10);
  }
  if (binaryPow) digits *= 1024n ** BigInt(binaryPow);
  // to nano units, rounding up (away from zero for the magnitude)
  const shift = scale + 9;
  let nano: bigint;
  if (shift >= 0) nano = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    nano = digits / d + (digits % d === 0n ? 0n : 1n);
  }
  return { nano: sign === '-' ? -nano : nano, format };
}

export function isValidQuantity(v: unknown): boolean {
  return (typeof v === 'string' || typeof v === 'number') && parseExact(v) !== undefined;
}

const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String() of an exact quantity. */
export function formatExact(q: ExactQuantity): string {
  let { nano } = q;
  const neg = nano < 0n;
  if (neg) nano = -nano;
  const sign = neg ? '-' : '';
  if (nano === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI' && nano < 1024n * 1_000_000_000n) format = 'DecimalSI';
  if (format === 'BinarySI' && nano % 1_000_000_000n !== 0n) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let n = nano / 1_000_000_000n;
    let e = 0;
    while (e < 6 && n % 1024n === 0n) {
      n /= 1024n;
      e++;
    }
    return `${sign}${n}${BIN_SUFFIX[e]}`;
  }
  let e = -9;
  while (e < 18 && nano % 1000n === 0n) {
    nano /= 1000n;
    e += 3;
  }
  if (format === 'DecimalExponent') return `${sign}${nano}${e === 0 ? '' : `e${e}`}`;
  return `${sign}${nano}${DEC_SUFFIX[e]}`;
}

/** The canonical form of a quantity string, or the input when it does not parse. */
export function canonicalQuantity(v: string | number): string {
  const q = parseExact(v);
  return q ? formatExact(q) : String(v);
}

/** Compares two quantities: negative, zero or positive. */
export function compareQuantity(a: string | number, b: string | number): number {
  const x = parseExact(a)?.nano ?? 0n;
  const y = parseExact(b)?.nano ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sum of quantities, in the format of the first one (as resource.Quantity.Add keeps it). */
export function addQuantities(values: (string | number)[], fallback: QuantityFormat = 'DecimalSI'): ExactQuantity {
  let nano = 0n;
  let format: QuantityFormat | undefined;
  for (const v of values) {
    const q = parseExact(v);
    if (!q) continue;
    nano += q.nano;
    format ??= q.format;
  }
  return { nano, format: format ?? fallback };
}
