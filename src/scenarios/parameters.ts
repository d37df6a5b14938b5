import { Rng } from '../cluster/time/rng.js';
import type { ParameterValue } from './types.js';

/**
 * Scenario parameters: values drawn from the seed and substituted as
 * `{{name}}` (or `{{name.key}}` for a mapping value) in every string of the
 * scenario, so repeated runs differ and answers cannot be memorised.
 *
 * The draw uses its own generator, forked from the seed under a fixed label:
 * it never consumes the simulation's random numbers, and the same seed
 * always gives the same values.
 */
export const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z0-9_-]+))?\s*\}\}/g;

/** Top-level sections that are not substituted (they define the substitution). */
const NOT_SUBSTITUTED = new Set(['parameters', 'variants']);

export type Choice = Record<string, ParameterValue>;

/** The values a seed chooses, one per parameter in declaration order. */
export function chooseParameters(params: Record<string, readonly ParameterValue[]>, seed: number): Choice {
  const rng = new Rng(seed).fork('kubedojo/scenario-parameters');
  const out: Choice = {};
  for (const [name, values] of Object.entries(params)) out[name] = values[rng.int(values.length)];
  return out;
}

/** How a value is named in `variants` and in reports: a scalar as text, a mapping by its `name` (or `id`). */
export function valueKey(v: ParameterValue): string {
  if (typeof v === 'object' && v !== null) return String(v.name ?? v.id ?? JSON.stringify(v));
  return String(v);
}

/** `ns=shop, fault=oom` */
export function describeChoice(c: Choice): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${valueKey(v)}`)
    .join(', ');
}

/**
 * Seeds that together draw every value of every parameter at least once
 * (the smallest seeds that add a value not seen yet), for `kubedojo validate`.
 */
export function coveringSeeds(params: Record<string, readonly ParameterValue[]>, limit = 2000): number[] {
  const missing = new Set<string>();
  for (const [name, values] of Object.entries(params)) values.forEach((_, i) => missing.add(`${name}#${i}`));
  const seeds: number[] = [];
  for (let seed = 1; seed <= limit && (missing.size > 0 || seeds.length === 0); seed++) {
    const c = chooseParameters(params, seed);
    const added = Object.entries(c).filter(([name, v]) => missing.delete(`${name}#${params[name].indexOf(v)}`));
    if (added.length > 0 || seeds.length === 0) seeds.push(seed);
  }
  return seeds;
}

function lookupValue(choice: Choice, name: string, key: string | undefined): ParameterValue | undefined {
  const v = choice[name];
  if (v === undefined) return undefined;
  if (key === undefined) return typeof v === 'object' ? valueKey(v) : v;
  return typeof v === 'object' ? v[key] : undefined;
}

/** Replaces placeholders in one string; a string that is exactly one placeholder takes the value's type (`count: "{{n}}"` → 3). */
export function substituteString(s: string, choice: Choice): unknown {
  const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z0-9_-]+))?\s*\}\}$/.exec(s);
  if (whole) {
    const v = lookupValue(choice, whole[1], whole[2]);
    if (v !== undefined && typeof v !== 'object') return v;
  }
  return s.replace(PLACEHOLDER_RE, (m, name: string, key: string | undefined) => {
    const v = lookupValue(choice, name, key);
    return v === undefined || typeof v === 'object' ? m : String(v);
  });
}

function substituteDeep(v: unknown, choice: Choice, keys: boolean): unknown {
  if (typeof v === 'string') return substituteString(v, choice);
  if (Array.isArray(v)) return v.map((x) => substituteDeep(x, choice, keys));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[keys ? String(substituteString(k, choice)) : k] = substituteDeep(x, choice, keys);
    return out;
  }
  return v;
}

/**
 * The scenario data with placeholders replaced (the `parameters` and `variants`
 * sections keep their shape; variant bodies are substituted too). `keys: false`
 * leaves mapping keys as written, so validation messages point into the file.
 */
export function substituteScenario(data: Record<string, unknown>, choice: Choice, keys = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'variants' && typeof v === 'object' && v !== null) {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([param, byValue]) => [
          param,
          typeof byValue === 'object' && byValue !== null ? Object.fromEntries(Object.entries(byValue).map(([val, body]) => [val, substituteDeep(body, choice, keys)])) : byValue,
        ]),
      );
    } else out[k] = NOT_SUBSTITUTED.has(k) ? v : substituteDeep(v, choice, keys);
  }
  return out;
}

/** Applies the overrides of `variants` for the chosen values, in the order parameters are declared. */
export function applyVariants(data: Record<string, unknown>, choice: Choice): Record<string, unknown> {
  const variants = data.variants as Record<string, Record<string, Record<string, unknown>>> | undefined;
  if (!variants) return data;
  const out = { ...data };
  for (const [param, value] of Object.entries(choice)) {
    const body = variants[param]?.[valueKey(value)];
    if (body) Object.assign(out, body);
  }
  return out;
}

/** Every `{{name}}` in the text whose name is not a parameter: 1-based line and column. */
export function unknownPlaceholders(text: string, params: Record<string, readonly ParameterValue[]>): { line: number; column: number; name: string; message: string }[] {
  const out: { line: number; column: number; name: string; message: string }[] = [];
  text.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(PLACEHOLDER_RE)) {
      const [, name, key] = m;
      const values = params[name];
      const where = { line: i + 1, column: (m.index ?? 0) + 1, name };
      if (!values) {
        const known = Object.keys(params);
        out.push({ ...where, message: `unknown parameter "{{${name}${key ? '.' + key : ''}}}"; ${known.length ? `declared: ${known.join(', ')}` : 'the scenario declares no parameters'}` });
      } else if (key !== undefined && values.some((v) => typeof v !== 'object' || v[key] === undefined)) {
        out.push({ ...where, message: `"{{${name}.${key}}}": not every value of parameter ${name} is a mapping with key "${key}"` });
      } else if (key === undefined && values.some((v) => typeof v === 'object')) {
        const keys = Object.keys(values.find((v) => typeof v === 'object') as object);
        if (!keys.includes('name') && !keys.includes('id')) out.push({ ...where, message: `"{{${name}}}": the values of ${name} are mappings; write {{${name}.KEY}} (keys: ${keys.join(', ')})` });
      }
    }
  });
  return out;
}
