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
