import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deepFreeze, type KubeObject } from '../../api/meta.js';
import { applyPatch, malformedPatchBody, patchDocument, type PatchType } from './index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));

interface Case {
  name: string;
  input: string;
  type: PatchType;
  patch: unknown;
}
const cases = read('cases.json') as Case[];
const goldens = read('goldens.json') as Record<string, { stdout?: unknown; stderr?: string }>;

/** Keys sorted, as kubectl prints JSON; list order kept. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

describe('patches match kubectl patch --local (v1.32.4)', () => {
  it('has at least 40 recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = deepFreeze(read(c.input) as Record<string, unknown>);
    const golden = goldens[c.name];
    const out = patchDocument(input, c.type, c.patch);
    if (golden.stderr !== undefined) {
      expect(out.ok).toBe(false);
      if (!out.ok) expect(`error: ${out.message}\n`).toBe(golden.stderr);
    } else {
      expect(out.ok ? canonical(out.value) : out).toEqual(canonical(golden.stdout));
    }
  });
});

describe('server-side patch results', () => {
  const dep = deepFreeze(read('deployment.json') as KubeObject);

  it('never mutates the stored object', () => {
    const before = JSON.stringify(dep);
    const r = applyPatch(dep, 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'x' }] } } } });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(dep)).toBe(before);
  });

  it('drops nulls and leftover directives, as typed decoding does', () => {
    const r = applyPatch(dep, 'strategic', { spec: { template: { spec: { affinity: { nodeAffinity: null, podAffinity: {} }, hostname: { $patch: 'delete' } } } } });
    const spec = r.ok ? (r.value.spec as { template: { spec: Record<string, unknown> } }).template.spec : {};
    expect(spec.affinity).toEqual({ podAffinity: {} });
    expect('hostname' in spec).toBe(false);
  });

  it('a failing JSON patch is an Invalid status without the library text', () => {
    const r = applyPatch(dep, 'json', [{ op: 'test', path: '/spec/replicas', value: 9 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('Invalid');
      expect(r.error.code).toBe(422);
      expect(r.error.message).toBe('the server rejected our request due to an error in our request');
    }
  });

  it('a missing merge key is an unclassified server error', () => {
    const r = applyPatch(dep, 'strategic', { spec: { template: { spec: { containers: [{ image: 'x' }] } } } });
    expect(!r.ok && r.error).toMatchObject({ reason: '', code: 500, message: 'map: map[image:x] does not contain declared merge key: name' });
  });

  // The handler's strict decode runs before the patch library sees the body (handlers/patch.go applyJSPatch).
  it('a JSON patch that is not a list of operations is a BadRequest from the strict decode', () => {
    const r = applyPatch(dep, 'json', { op: 'replace' });
    expect(!r.ok && r.error).toMatchObject({ reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp' });
    const n = applyPatch(dep, 'json', [1]);
    expect(!n.ok && n.error).toMatchObject({ reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp' });
  });

  it('a merge patch that is not an object is a BadRequest from the strict decode', () => {
    const r = applyPatch(dep, 'merge', [1, 2]);
    expect(!r.ok && r.error).toMatchObject({ reason: 'BadRequest', message: 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}' });
  });

  it('a body that is not JSON: the decoder error, prefixed for merge and JSON patches', () => {
    const msg = "invalid character 'b' looking for beginning of object key string";
    expect(malformedPatchBody('strategic', msg)).toMatchObject({ reason: 'BadRequest', code: 400, message: msg });
    expect(malformedPatchBody('merge', msg).message).toBe(`error decoding patch: ${msg}`);
    expect(malformedPatchBody('json', msg).message).toBe(`error decoding patch: ${msg}`);
  });
});
