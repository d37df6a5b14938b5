/**
 * The schema `kubectl explain` walks: a table of named types (the OpenAPI
 * components kubectl resolves `$ref`s to), each with a short description in
 * our own words and its fields.
 *
 * Fields are written compactly as `'TYPE|description'`:
 * - TYPE is a primitive (`string`, `integer`, `boolean`, `number`, `Object`),
 *   a type name from the table (`PodSpec`), `[]T` or `map[string]T`;
 * - a leading `!` marks the field required;
 * - `=A,B,C` after the type lists its enum values (`string=Always,Never|…`);
 * - a type name two groups share is qualified, `EndpointPort@discovery`.
 *
 * The field names, types, required markers and enums follow the Kubernetes
 * v1.32 API; the descriptions are ours.
 */

export type TypeExpr =
  | { kind: 'prim'; name: string }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; of: TypeExpr }
  | { kind: 'map'; of: TypeExpr };

export interface FieldDef {
  type: TypeExpr;
  description: string;
  required: boolean;
  enum?: string[];
}

export interface TypeDef {
  description: string;
  fields: Map<string, FieldDef>;
  /**
   * What kubectl prints for a field of this type when it is not the type's
   * name: its typeGuess shows a referenced schema's own `type` unless that is
   * `object` (meta/v1 Time is `type: string`, so a timestamp field prints
   * `<string>`, yet its DESCRIPTION still gets Time's description).
   */
  printAs?: string;
}

/** A type as the data modules write it: description, compact fields, and `p` for {@link TypeDef.printAs}. */
export interface RawType {
  d: string;
  f?: Record<string, string>;
  p?: string;
}

/** Every named type, for tests and the OpenAPI document. */
export function typeNames(): string[] {
  return [...raw.keys()];
}

/** The resource kinds explain can start from: group, version, kind and the root type. */
export interface ResourceSchema {
  group: string;
  version: string;
  kind: string;
  type: string;
}

const PRIMITIVES = new Set(['string', 'integer', 'boolean', 'number', 'Object']);

const types = new Map<string, TypeDef>();
const raw = new Map<string, RawType>();
const resources: ResourceSchema[] = [];

export function parseTypeExpr(s: string): TypeExpr {
  if (s.startsWith('[]')) return { kind: 'array', of: parseTypeExpr(s.slice(2)) };
  if (s.startsWith('map[string]')) return { kind: 'map', of: parseTypeExpr(s.slice('map[string]'.length)) };
  return PRIMITIVES.has(s) ? { kind: 'prim', name: s } : { kind: 'ref', name: s };
}

export function parseField(spec: string): FieldDef {
  const bar = spec.indexOf('|');
  let type = bar < 0 ? spec : spec.slice(0, bar);
  const description = bar < 0 ? '' : spec.slice(bar + 1);
  const required = type.startsWith('!');
  if (required) type = type.slice(1);
  let values: string[] | undefined;
  const eq = type.indexOf('=');
  if (eq >= 0) {
    values = type.slice(eq + 1).split(',');
    type = type.slice(0, eq);
  }
  return { type: parseTypeExpr(type), description, required, enum: values };
}

/** Adds a group's types (parsed lazily, on first use). */
export function defineTypes(group: Record<string, RawType>): void {
  for (const [name, t] of Object.entries(group)) raw.set(name, t);
}

export function defineResources(list: readonly [group: string, version: string, kind: string, type?: string][]): void {
  for (const [group, version, kind, type] of list) resources.push({ group, version, kind, type: type ?? kind });
}

export function typeDef(name: string): TypeDef | undefined {
  const cached = types.get(name);
  if (cached) return cached;
  const r = raw.get(name);
  if (!r) return undefined;
  const fields = new Map<string, FieldDef>();
  for (const key of Object.keys(r.f ?? {}).sort()) fields.set(key, parseField(r.f![key]));
  const def: TypeDef = { description: r.d, fields, ...(r.p ? { printAs: r.p } : {}) };
  types.set(name, def);
  return def;
}

export function resourceSchemas(): readonly ResourceSchema[] {
  return resources;
}

// ---------------------------------------------------------------------------
// Shared pieces of every top-level kind

export const API_VERSION = 'string|The versioned schema this object is written in, such as v1 or apps/v1; the server converts between the versions it knows.';
export const KIND = 'string|The kind of object this is, in CamelCase, such as Pod. Set by clients, read-only on update.';
export const METADATA = 'ObjectMeta|Standard object metadata: name, namespace, labels, annotations and the fields the server manages.';

/** apiVersion, kind, metadata plus the given fields. */
export function topLevel(fields: Record<string, string>): Record<string, string> {
  return { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, ...fields };
}
