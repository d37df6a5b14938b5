/**
 * Go's `%v` rendering of decoded JSON values (map[string]interface{},
 * []interface{}, float64, string, bool, nil), as patch error messages embed
 * them: `map[image:x name:a]`, `[a b]`, `<nil>`.
 *
 * @see fmt (Go) printValue for maps: keys sorted
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return `map[${keys.map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** Go's %v of a float64 (shortest form; exponent form only for huge or tiny values). */
export function goFloat(n: number): string {
  return String(n).replace(/e\+?(-?)(\d)$/, 'e+$10$2').replace('e+-', 'e-');
}
