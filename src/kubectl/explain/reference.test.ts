import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../cluster/kinds/index.js';
import { allKinds } from '../../cluster/kinds/registry.js';
import { resourceSchemas, typeDef } from './index.js';
import { typeGuess } from './render.js';
import { parseTypeExpr, typeNames, type TypeExpr } from './schema.js';

/**
 * Our explain schema against the facts extracted from the Kubernetes v1.32.0
 * OpenAPI schema (testdata/openapi-v1.32.json, see testdata/README.md):
 * walking every kind we simulate from its root, each type must have exactly
 * the reference's fields, each printed with kubectl's type string and
 * `-required-` marker, and each named type must pair with one reference type.
 */
interface Reference {
  kinds: Record<string, string>;
  scalars: Record<string, string>;
  types: Record<string, Record<string, string>>;
}

const reference = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'testdata/openapi-v1.32.json'), 'utf8')) as Reference;

/** The generated model's name as kubectl prints it (the last segment of the OpenAPI name). */
const shortName = (model: string) => model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');

/** What kubectl prints for a reference type expression. */
function printed(expr: TypeExpr): string {
  if (expr.kind === 'array') return `[]${printed(expr.of)}`;
  if (expr.kind === 'map') return `map[string]${printed(expr.of)}`;
  if (expr.kind === 'prim') return expr.name;
  return reference.scalars[expr.name] ?? shortName(expr.name);
}

/** Differences between our schema and the reference, as readable lines. */
function compare(): { diffs: string[]; visited: Map<string, string> } {
  const diffs: string[] = [];
  const visited = new Map<string, string>(); // our type → reference model
  const queue: [ours: string, ref: string, where: string][] = [];
  for (const r of resourceSchemas()) {
    const model = reference.kinds[`${r.group}/${r.version}/${r.kind}`];
    if (!model) diffs.push(`${r.group}/${r.version}/${r.kind}: not in the reference`);
    else queue.push([r.type, model, r.kind]);
  }
  for (const k of Object.keys(reference.kinds)) {
    if (!resourceSchemas().some((r) => `${r.group}/${r.version}/${r.kind}` === k)) diffs.push(`${k}: simulated kind missing from explain`);
  }
  while (queue.length > 0) {
    const [ours, model, where] = queue.shift()!;
    const seen = visited.get(ours);
    if (seen !== undefined) {
      if (seen !== model) diffs.push(`${ours} (at ${where}) stands for both ${seen} and ${model}`);
      continue;
    }
    visited.set(ours, model);
    const expectedName = reference.scalars[model] !== undefined ? model : shortName(model);
    if (ours.split('@')[0] !== expectedName) diffs.push(`${ours} (at ${where}) should be named ${expectedName}`);
    const def = typeDef(ours);
    if (!def) {
      diffs.push(`${ours} (at ${where}): no type definition`);
      continue;
    }
    const refFields = reference.types[model] ?? {};
    if (reference.scalars[model] !== undefined) {
      if ((def.printAs ?? ours) !== reference.scalars[model]) diffs.push(`${ours}: prints as ${def.printAs ?? ours}, kubectl prints ${reference.scalars[model]}`);
      if (def.fields.size > 0) diffs.push(`${ours}: has fields, the reference has none`);
      continue;
    }
    for (const name of Object.keys(refFields)) if (!def.fields.has(name)) diffs.push(`${ours}.${name}: missing (${refFields[name]})`);
    for (const [name, f] of def.fields) {
      const spec = refFields[name];
      if (spec === undefined) {
        diffs.push(`${ours}.${name}: not in the reference`);
        continue;
      }
      const required = spec.startsWith('!');
      const expr = parseTypeExpr(required ? spec.slice(1) : spec);
      if (required !== f.required) diffs.push(`${ours}.${name}: ${required ? 'should be' : 'is not'} -required-`);
      if (typeGuess(f.type) !== printed(expr)) diffs.push(`${ours}.${name}: <${typeGuess(f.type)}>, kubectl prints <${printed(expr)}>`);
      // Pair the named types under the same array/map nesting.
      let a: TypeExpr = f.type;
      let b: TypeExpr = expr;
      while ((a.kind === 'array' || a.kind === 'map') && a.kind === b.kind) {
        a = a.of;
        b = (b as { of: TypeExpr }).of;
      }
      if (b.kind === 'ref' && a.kind === 'ref') queue.push([a.name, b.name, `${ours}.${name}`]);
      else if (b.kind === 'ref') diffs.push(`${ours}.${name}: should refer to ${b.name}`);
      else if (a.kind === 'ref') diffs.push(`${ours}.${name}: refers to ${a.name}, the reference has a ${b.kind === 'prim' ? b.name : 'nested type'}`);
    }
  }
  return { diffs, visited };
}

describe('explain schema against the v1.32 OpenAPI reference', () => {
  const { diffs, visited } = compare();

  it('the reference covers every kind the cluster simulates', () => {
    const kinds = allKinds().map((d) => `${d.group}/${d.version}/${d.kind}`);
    expect(Object.keys(reference.kinds).sort()).toEqual(kinds.sort());
  });

  it('has every field with kubectl\'s type and -required- marker, and nothing invented', () => {
    expect(diffs).toEqual([]);
  });

  it('walks every reference type reachable from the simulated kinds', () => {
    const reached = new Set(visited.values());
    const reachable = new Set<string>();
    const walk = (model: string) => {
      if (reachable.has(model)) return;
      reachable.add(model);
      for (const spec of Object.values(reference.types[model] ?? {})) {
        const leaf = spec.replace(/^!/, '').replace(/^(\[\]|map\[string\])+/, '');
        if (reference.types[leaf] || reference.scalars[leaf] !== undefined) walk(leaf);
      }
    };
    Object.values(reference.kinds).forEach(walk);
    expect([...reachable].filter((m) => !reached.has(m)).sort()).toEqual([]);
  });

  it('defines no type that no simulated kind reaches', () => {
    expect(typeNames().filter((n) => !visited.has(n)).sort()).toEqual([]);
  });

  it('puts enums only where kubectl shows them: on a string field itself, not inside arrays or maps', () => {
    const bad: string[] = [];
    for (const n of typeNames()) {
      for (const [name, f] of typeDef(n)!.fields) if (f.enum && !(f.type.kind === 'prim' && f.type.name === 'string')) bad.push(`${n}.${name}`);
    }
    expect(bad).toEqual([]);
  });
});
