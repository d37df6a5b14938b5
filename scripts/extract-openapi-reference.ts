/**
 * Extracts the facts `kubectl explain` prints about the kinds we simulate
 * (field names, their types as kubectl names them, required markers) from a
 * machine-readable Kubernetes v1.32 schema, into
 * src/kubectl/explain/testdata/openapi-v1.32.json. No descriptions: those
 * are written in our own words in src/kubectl/explain/*.ts.
 *
 *   npx tsx scripts/extract-openapi-reference.ts [MODELS_DIR] [KUBERNETES_TYPES_DIR]
 *
 * MODELS_DIR (default /tmp/k8sspec/package/dist/gen/models) holds the models
 * of the npm package @kubernetes/client-node@1.1.2, generated from "OpenAPI
 * spec version: v1.32.0": each `.js` has an `attributeTypeMap` (JSON name,
 * type, format) and each `.d.ts` marks optional fields with `?` (the others
 * are in the schema's `required` list).
 *
 * The generated client flattens a few named types kubectl still tells apart:
 * a resource.Quantity becomes `string`, runtime.RawExtension and
 * meta/v1.FieldsV1 become `any`. Those leaves are looked up in
 * KUBERNETES_TYPES_DIR (default node_modules/kubernetes-types, v1.30, which
 * keeps the names); a string field it does not know (new after v1.30) stays
 * `string` and is listed under `unverified`, an `any` it does not know is an
 * error.
 *
 * See src/kubectl/explain/testdata/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '../src/cluster/kinds/index.js';
import { allKinds } from '../src/cluster/kinds/registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODELS = process.argv[2] ?? '/tmp/k8sspec/package/dist/gen/models';
const KTYPES = process.argv[3] ?? path.join(here, '../node_modules/kubernetes-types');
const OUT = path.join(here, '../src/kubectl/explain/testdata/openapi-v1.32.json');

/**
 * Named types with no fields, and what kubectl v1.32 prints for them. Its
 * typeGuess prints a $ref's name only when the referenced schema is an
 * object or has no `type` (Quantity and IntOrString are `oneOf` in OpenAPI
 * v3); Time and MicroTime are `type: string` and print as `string`.
 */
const SCALARS: Record<string, string> = {
  Quantity: 'Quantity',
  IntOrString: 'IntOrString',
  Time: 'string',
  MicroTime: 'string',
  RawExtension: 'RawExtension',
  FieldsV1: 'FieldsV1',
};

interface Attr {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

/** The model's name without the generator's version (and, for shared names, group) prefix: `CoreV1EndpointPort` → `EndpointPort`. */
export function shortName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

function readModel(model: string): { attrs: Attr[]; required: Set<string> } {
  const js = fs.readFileSync(path.join(MODELS, `${model}.js`), 'utf8');
  const m = /\.attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  if (!m) throw new Error(`${model}: no attributeTypeMap`);
  const attrs = JSON.parse(m[1]) as Attr[];
  const dts = fs.readFileSync(path.join(MODELS, `${model}.d.ts`), 'utf8');
  const required = new Set<string>();
  // Class members sit at four spaces; nested object types are deeper.
  for (const line of dts.split('\n')) {
    const f = /^ {4}'([^']+)'(\?)?:/.exec(line);
    if (f && !f[2]) required.add(f[1]);
  }
  return { attrs, required };
}

/** kubernetes-types: interface name → field → declared type text, per file. */
const ktIndex = new Map<string, { file: string; fields: Map<string, string> }[]>();
function indexKubernetesTypes(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) indexKubernetesTypes(p);
    else if (entry.name.endsWith('.d.ts')) {
      const text = fs.readFileSync(p, 'utf8');
      for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
        const fields = new Map<string, string>();
        for (const f of `${m[2]}\n`.matchAll(/^ {4}(?:readonly )?(?:"([^"]+)"|(\w+))\??: ([\s\S]*?);\n(?= {4}\S|$)/gm)) fields.set(f[1] ?? f[2], f[3]);
        const list = ktIndex.get(m[1]) ?? [];
        list.push({ file: path.relative(dir, p), fields });
        ktIndex.set(m[1], list);
      }
    }
  }
}

const unverified: string[] = [];

/** The named scalar kubernetes-types gives a field, if any (`Quantity`, `RawExtension`, …). */
function overlay(model: string, field: string): string | undefined | null {
  const version = /V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/.exec(model)?.[0].toLowerCase();
  const hits = (ktIndex.get(shortName(model)) ?? []).filter((h) => h.file.endsWith(`${version}.d.ts`) && h.fields.has(field));
  if (hits.length === 0) return null;
  const found = new Set(hits.map((h) => Object.keys(SCALARS).find((s) => new RegExp(`\\b${s}\\b`).test(h.fields.get(field)!))));
  if (found.size > 1) throw new Error(`${model}.${field}: kubernetes-types disagree: ${[...found].join(', ')}`);
  return [...found][0];
}

const types = new Map<string, Record<string, string>>();

/** The type expression of one client-node type string: `[]X`, `map[string]X`, a primitive, a scalar name or a model. */
function typeExpr(model: string, field: string, t: string, format: string, queue: string[]): string {
  let m: RegExpExecArray | null;
  if ((m = /^Array<(.*)>$/.exec(t))) return `[]${typeExpr(model, field, m[1], format, queue)}`;
  if ((m = /^\{ \[key: string\]: (.*); \}$/.exec(t))) return `map[string]${typeExpr(model, field, m[1], format, queue)}`;
  switch (t) {
    case 'boolean':
      return 'boolean';
    case 'number':
      if (format === 'int32' || format === 'int64') return 'integer';
      if (format === 'double') return 'number';
      throw new Error(`${model}.${field}: number with format ${format}`);
    case 'Date':
      if (format !== 'date-time') throw new Error(`${model}.${field}: Date with format ${format}`);
      return 'Time';
    case 'V1MicroTime':
      return 'MicroTime';
    case 'IntOrString':
      return 'IntOrString';
    case 'string': {
      const o = overlay(model, field);
      if (o === null) unverified.push(`${model}.${field}`);
      return o ?? 'string';
    }
    case 'any': {
      const o = overlay(model, field);
      if (!o) throw new Error(`${model}.${field}: untyped field kubernetes-types cannot name`);
      return o;
    }
    default:
      if (!fs.existsSync(path.join(MODELS, `${t}.js`))) throw new Error(`${model}.${field}: unknown type ${t}`);
      queue.push(t);
      return t;
  }
}

function walk(root: string): void {
  const queue = [root];
  while (queue.length > 0) {
    const model = queue.shift()!;
    if (types.has(model)) continue;
    const { attrs, required } = readModel(model);
    const fields: Record<string, string> = {};
    for (const a of [...attrs].sort((x, y) => (x.baseName < y.baseName ? -1 : 1))) {
      fields[a.baseName] = (required.has(a.name) ? '!' : '') + typeExpr(model, a.baseName, a.type, a.format, queue);
    }
    types.set(model, fields);
  }
}

/** The generated model of a kind: `V1Pod`, `V2HorizontalPodAutoscaler`; `CoreV1Event` where two groups share the name. */
function rootModel(group: string, version: string, kind: string): string {
  const v = version[0].toUpperCase() + version.slice(1);
  const prefix = group === '' ? 'Core' : group.split('.')[0][0].toUpperCase() + group.split('.')[0].slice(1);
  for (const name of [`${prefix}${v}${kind}`, `${v}${kind}`]) if (fs.existsSync(path.join(MODELS, `${name}.js`))) return name;
  throw new Error(`no model for ${group}/${version} ${kind}`);
}

indexKubernetesTypes(KTYPES);
const header = fs.readFileSync(path.join(MODELS, 'V1Pod.js'), 'utf8');
const specVersion = /OpenAPI spec version: (\S+)/.exec(header)?.[1];
if (specVersion !== 'v1.32.0') throw new Error(`expected models generated from v1.32.0, found ${specVersion}`);

const kinds: Record<string, string> = {};
for (const d of [...allKinds()].sort((a, b) => (`${a.group}/${a.kind}` < `${b.group}/${b.kind}` ? -1 : 1))) {
  const model = rootModel(d.group, d.version, d.kind);
  kinds[`${d.group}/${d.version}/${d.kind}`] = model;
  walk(model);
}

// One field a line: readable diffs when the reference is regenerated.
const lines: string[] = [];
lines.push('{');
lines.push(`  "openapi": ${JSON.stringify(specVersion)},`);
lines.push(`  "kinds": ${JSON.stringify(kinds, null, 4).replace(/\n/g, '\n  ').replace(/ {6}"/g, '    "')},`);
lines.push(`  "scalars": ${JSON.stringify(SCALARS)},`);
lines.push(`  "unverified": ${JSON.stringify(unverified.sort())},`);
lines.push('  "types": {');
const names = [...types.keys()].sort();
names.forEach((name, i) => {
  const entries = Object.entries(types.get(name)!).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  lines.push(`    ${JSON.stringify(name)}: {${entries.length ? `\n${entries.join(',\n')}\n    ` : ''}}${i < names.length - 1 ? ',' : ''}`);
});
lines.push('  }');
lines.push('}');
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, lines.join('\n') + '\n');
console.log(`${Object.keys(kinds).length} kinds, ${types.size} types, ${unverified.length} unverified string fields → ${path.relative(process.cwd(), OUT)}`);
