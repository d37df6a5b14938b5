import { resourceSchemas, typeDef, type FieldDef, type TypeExpr } from './schema.js';

/**
 * Our explain schema as the OpenAPI v3 documents a kube-apiserver serves at
 * /openapi/v3 (one per group version), so that real kubectl can explain our
 * kinds: test/fake-apiserver.ts serves them, and goldens recorded that way
 * prove that render.ts lays our schema out exactly as kubectl's plaintext
 * template does.
 *
 * The shapes follow the apiserver's documents where kubectl's template looks:
 * a field of a named type is `allOf: [{$ref}]` next to the field's own
 * description; a named type is an object schema with `properties` and
 * `required`, a kind's carries `x-kubernetes-group-version-kind`, and each
 * resource path's `get` names its kind. Types that print as a primitive
 * (Time) are `type: string`; other field-less types (Quantity, IntOrString)
 * have no `type`, as their `oneOf` schemas have none.
 */

type Schema = Record<string, unknown>;

/** `#/components/schemas/...` name: kubectl prints the part after the last dot. */
function componentName(type: string): string {
  const [name, qualifier] = type.split('@');
  return `kubedojo.${qualifier ?? 'api'}.${name}`;
}

function ref(type: string): Schema {
  return { $ref: `#/components/schemas/${componentName(type)}` };
}

function typeSchema(t: TypeExpr, refs: Set<string>): Schema {
  switch (t.kind) {
    case 'array':
      return { type: 'array', items: itemSchema(t.of, refs) };
    case 'map':
      return { type: 'object', additionalProperties: itemSchema(t.of, refs) };
    case 'prim':
      return { type: t.name === 'Object' ? 'object' : t.name };
    case 'ref':
      refs.add(t.name);
      return { allOf: [ref(t.name)] };
  }
}

/** Array items and map values: a named type is referenced directly there. */
function itemSchema(t: TypeExpr, refs: Set<string>): Schema {
  if (t.kind === 'ref') {
    refs.add(t.name);
    return ref(t.name);
  }
  return typeSchema(t, refs);
}

function fieldSchema(f: FieldDef, refs: Set<string>): Schema {
  return { ...(f.description ? { description: f.description } : {}), ...typeSchema(f.type, refs), ...(f.enum ? { enum: f.enum } : {}) };
}

/** The OpenAPI v3 document of one group version (`''`/`v1` for the core group). */
export function openapiDocument(group: string, version: string, namespaced: (kind: string) => boolean, resourceOf: (kind: string) => string): Schema {
  const kinds = resourceSchemas().filter((r) => r.group === group && r.version === version);
  const schemas: Record<string, Schema> = {};
  const paths: Record<string, Schema> = {};
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const pending = new Set<string>();
  for (const r of kinds) {
    const gvk = { group, kind: r.kind, version };
    const resource = resourceOf(r.kind);
    paths[namespaced(r.kind) ? `${prefix}/namespaces/{namespace}/${resource}` : `${prefix}/${resource}`] = { get: { 'x-kubernetes-group-version-kind': gvk } };
    pending.add(r.type);
  }
  const done = new Set<string>();
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name);
    if (done.has(name)) continue;
    done.add(name);
    const def = typeDef(name);
    if (!def) throw new Error(`openapi: no type ${name}`);
    const schema: Schema = { description: def.description };
    if (def.printAs) schema.type = def.printAs;
    else if (def.fields.size > 0) {
      const refs = new Set<string>();
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      for (const [k, f] of def.fields) {
        properties[k] = fieldSchema(f, refs);
        if (f.required) required.push(k);
      }
      schema.type = 'object';
      schema.properties = properties;
      if (required.length > 0) schema.required = required;
      for (const r of refs) if (!done.has(r)) pending.add(r);
    }
    const root = kinds.find((k) => k.type === name);
    if (root) schema['x-kubernetes-group-version-kind'] = [{ group, kind: root.kind, version }];
    schemas[componentName(name)] = schema;
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas } };
}
