import type { FieldError } from '../field-errors.js';

/**
 * Constructors for field errors, named like apimachinery's field package so
 * validation code reads like the Go it mirrors.
 *
 * @see k8s.io/apimachinery/pkg/util/validation/field/errors.go
 */
export const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, ...(detail ? { detail } : {}) });
export const invalid = (field: string, value: unknown, detail = ''): FieldError => ({ type: 'Invalid', field, value, ...(detail ? { detail } : {}) });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value });
export const notFound = (field: string, value: unknown): FieldError => ({ type: 'NotFound', field, value });
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported',
  field,
  value,
  supported,
});
export const tooLong = (field: string, value: unknown, max: number): FieldError => ({
  type: 'TooLong',
  field,
  value,
  detail: `must have at most ${max} bytes`,
});

/** A Go `%#v` rendering to show as a bad value (maps, structs). */
export const goSyntax = (text: string): { goSyntax: string } => ({ goSyntax: text });

/** Go's %#v of a map[string]string: `map[string]string{"a":"b"}` with sorted keys. */
export function goStringMap(m: Record<string, string> | undefined): { goSyntax: string } {
  if (!m) return goSyntax('map[string]string(nil)');
  const body = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ');
  return goSyntax(`map[string]string{${body}}`);
}

/** `fmt.Sprintf("%s[%d]", path, i)` and `.Child`. */
export const idx = (path: string, i: number): string => `${path}[${i}]`;
export const child = (path: string, ...names: string[]): string => [path, ...names].filter(Boolean).join('.');
export const key = (path: string, k: string): string => `${path}[${k}]`;

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField. */
export function immutable(newVal: unknown, oldVal: unknown, field: string): FieldError[] {
  return JSON.stringify(newVal ?? null) === JSON.stringify(oldVal ?? null) ? [] : [invalid(field, newVal, FIELD_IMMUTABLE)];
}

/** JSON with object keys sorted at every level: for order-insensitive equality. */
export function stableJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (typeof x === 'object' && x !== null) {
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]));
    }
    return x;
  };
  return JSON.stringify(sort(v)) ?? 'undefined';
}
