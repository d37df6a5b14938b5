/**
 * A small schema language: one definition both validates scenario data (with
 * messages that say what was expected) and produces the published JSON
 * Schema, so the two can never disagree.
 */
export interface SchemaIssue {
  path: string;
  message: string;
}

export interface Schema {
  validate(value: unknown, path: string, issues: SchemaIssue[]): void;
  json(): Record<string, unknown>;
  /** What a value must be, in words, for messages. */
  expected: string;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`);

function simple(expected: string, test: (v: unknown) => boolean, json: Record<string, unknown>, description?: string): Schema {
  return {
    expected,
    validate(v, path, issues) {
      if (!test(v)) issues.push({ path, message: `expected ${expected}, found ${typeOf(v)}` });
    },
    json: () => (description ? { ...json, description } : json),
  };
}

export const str = (description?: string) => simple('a string', (v) => typeof v === 'string', { type: 'string' }, description);
export const int = (description?: string) => simple('an integer', (v) => Number.isInteger(v), { type: 'integer' }, description);
export const num = (description?: string) => simple('a number', (v) => typeof v === 'number', { type: 'number' }, description);
export const bool = (description?: string) => simple('true or false', (v) => typeof v === 'boolean', { type: 'boolean' }, description);
export const any = (description?: string) => simple('any value', () => true, {}, description);

export const DURATION_RE = /^(\d+(\.\d+)?(ms|s|m|h))+$|^\d+$/;

/** `90s`, `5m`, `1h30m`, or a number of seconds. */
export const duration = (description?: string) =>
  simple(
    'a duration such as 30s, 5m or 1h30m',
    (v) => (typeof v === 'string' && DURATION_RE.test(v)) || (typeof v === 'number' && v >= 0),
    { anyOf: [{ type: 'string', pattern: DURATION_RE.source }, { type: 'number', minimum: 0 }] },
    description,
  );

export function oneOf(values: readonly string[], description?: string): Schema {
  return simple(`one of ${values.join(', ')}`, (v) => typeof v === 'string' && values.includes(v), { enum: [...values] }, description);
}

export function pattern(re: RegExp, expected: string, description?: string): Schema {
  return simple(expected, (v) => typeof v === 'string' && re.test(v), { type: 'string', pattern: re.source }, description);
}

export function list(item: Schema, opts: { min?: number; description?: string } = {}): Schema {
  return {
    expected: `a list of ${item.expected}`,
    validate(v, path, issues) {
      if (!Array.isArray(v)) {
        issues.push({ path, message: `expected a list, found ${typeOf(v)}` });
        return;
      }
      if (opts.min !== undefined && v.length < opts.min) issues.push({ path, message: `expected at least ${opts.min} item(s), found ${v.length}` });
      v.forEach((x, i) => item.validate(x, `${path}.${i}`, issues));
    },
    json: () => ({ type: 'array', items: item.json(), ...(opts.min ? { minItems: opts.min } : {}), ...(opts.description ? { description: opts.description } : {}) }),
  };
}

export function record(value: Schema, description?: string): Schema {
  return {
    expected: 'a mapping',
    validate(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `expected a mapping, found ${typeOf(v)}` });
        return;
      }
      for (const [k, x] of Object.entries(v)) value.validate(x, `${path}.${k}`, issues);
    },
    json: () => ({ type: 'object', additionalProperties: value.json(), ...(description ? { description } : {}) }),
  };
}

export interface Field {
  schema: Schema;
  required?: boolean;
}

export const req = (schema: Schema): Field => ({ schema, required: true });
export const opt = (schema: Schema): Field => ({ schema });

export function obj(fields: Record<string, Field | (() => Field)>, description?: string): Schema {
  const get = (f: Field | (() => Field)) => (typeof f === 'function' ? f() : f);
  return {
    expected: 'a mapping',
    validate(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `expected a mapping, found ${typeOf(v)}` });
        return;
      }
      const o = v as Record<string, unknown>;
      for (const [k, f] of Object.entries(fields)) {
        const field = get(f);
        if (o[k] === undefined) {
          if (field.required) issues.push({ path, message: `missing required field "${k}" (${field.schema.expected})` });
          continue;
        }
        field.schema.validate(o[k], path === '' ? k : `${path}.${k}`, issues);
      }
      for (const k of Object.keys(o)) {
        if (!(k in fields)) issues.push({ path: path === '' ? `${k}#key` : `${path}.${k}#key`, message: `unknown field "${k}"; expected one of: ${Object.keys(fields).join(', ')}` });
      }
    },
    json: () => ({
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, get(f).schema.json()])),
      required: Object.entries(fields).filter(([, f]) => get(f).required).map(([k]) => k),
      ...(description ? { description } : {}),
    }),
  };
}

/**
 * A mapping with exactly one key, chosen from `variants` (how checks are
 * written: `podsReady: {...}` or `all: [...]`).
 */
export function variant(variants: Record<string, () => Schema>, description?: string): Schema {
  return {
    expected: `a mapping with one of: ${Object.keys(variants).join(', ')}`,
    validate(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `expected a mapping with one of: ${Object.keys(variants).join(', ')}; found ${typeOf(v)}` });
        return;
      }
      const keys = Object.keys(v);
      if (keys.length !== 1 || !(keys[0] in variants)) {
        issues.push({ path, message: `expected exactly one of: ${Object.keys(variants).join(', ')}; found ${keys.length === 0 ? 'none' : keys.join(', ')}` });
        return;
      }
      variants[keys[0]]().validate((v as Record<string, unknown>)[keys[0]], path === '' ? keys[0] : `${path}.${keys[0]}`, issues);
    },
    json: () => ({
      ...(description ? { description } : {}),
      oneOf: Object.entries(variants).map(([k, s]) => ({ type: 'object', additionalProperties: false, required: [k], properties: { [k]: s().json() } })),
    }),
  };
}

/** A named, possibly recursive schema: validates through `target`, publishes a `$ref`. */
export function ref(name: string, target: () => Schema): Schema {
  return {
    get expected() {
      return name;
    },
    validate: (v, path, issues) => target().validate(v, path, issues),
    json: () => ({ $ref: `#/$defs/${name}` }),
  };
}

/**
 * A value that may take several shapes (`300Mi` or `{start, perSecond, max}`).
 * When none fits and the value is a mapping, the mapping-shaped alternative's
 * own messages are reported, so a typo inside it names the exact field.
 */
export function union(alternatives: Schema[], description?: string): Schema {
  const expected = alternatives.map((a) => a.expected).join(' or ');
  return {
    expected,
    validate(v, path, issues) {
      const tries = alternatives.map((a) => {
        const found: SchemaIssue[] = [];
        a.validate(v, path, found);
        return { a, found };
      });
      if (tries.some((t) => t.found.length === 0)) return;
      const shape = typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'list' : 'mapping') : 'scalar';
      const same = tries.filter((t) => (shape === 'list' ? t.a.expected.startsWith('a list') : shape === 'mapping' ? t.a.expected === 'a mapping' : false));
      if (same.length === 1) {
        issues.push(...same[0].found);
        return;
      }
      issues.push({ path, message: `expected ${expected}, found ${typeOf(v)}` });
    },
    json: () => ({ anyOf: alternatives.map((a) => a.json()), ...(description ? { description } : {}) }),
  };
}

/** A Kubernetes quantity: `256Mi`, `0.5`, `100m`, or a number. */
export const quantity = (description?: string) =>
  simple(
    'a quantity such as 256Mi, 500m or 2',
    (v) => (typeof v === 'number' && v >= 0) || (typeof v === 'string' && /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.test(v)),
    { anyOf: [{ type: 'string', pattern: '^[+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$' }, { type: 'number', minimum: 0 }] },
    description,
  );

/** A non-negative number of seconds. */
export const seconds = (description?: string) =>
  simple('a number of seconds', (v) => typeof v === 'number' && v >= 0, { type: 'number', minimum: 0 }, description);

/** A scalar: string, number or boolean. */
export const scalar = (description?: string) =>
  simple('a string, number or true/false', (v) => ['string', 'number', 'boolean'].includes(typeof v), { type: ['string', 'number', 'boolean'] }, description);
