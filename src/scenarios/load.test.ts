import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './load.js';
import { scenarioJsonSchema } from './scenario-schema.js';

const VALID = `apiVersion: kubedojo/v1
kind: Scenario
metadata:
  id: demo
  title: Demo
  difficulty: easy
  category: crash
  timeLimit: 5m
briefing: |
  Something broke.
startAfter: 90s
objectives:
  - id: up
    description: web is up
    check:
      podsReady: { namespace: shop, selector: app=web, count: 2 }
solution:
  - kubectl -n shop get pods
`;

describe('loadScenarioText', () => {
  it('loads a valid scenario with durations in milliseconds', () => {
    const r = loadScenarioText(VALID, 'demo.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ id: 'demo', timeLimitMs: 300_000, startAfterMs: 90_000, difficulty: 'easy' });
    expect(r.scenario.objectives[0].check).toEqual({ podsReady: { namespace: 'shop', selector: 'app=web', count: 2 } });
  });

  it('names file, line and column and what was expected', () => {
    const bad = VALID.replace('difficulty: easy', 'difficulty: impossible').replace('count: 2', 'count: two');
    const r = loadScenarioText(bad, 'demo.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'demo.yaml:6:15: metadata.difficulty: expected one of easy, medium, hard, found string "impossible"',
      'demo.yaml:16:63: objectives.0.check.podsReady.count: expected an integer, found string "two"',
    ]);
  });

  it('points at unknown fields and at YAML syntax errors', () => {
    const r1 = loadScenarioText(VALID.replace('briefing:', 'brefing:'), 'x.yaml');
    expect(r1.ok ? [] : r1.errors).toEqual([
      'x.yaml:1:1: (top level): missing required field "briefing" (a string)',
      expect.stringMatching(/^x\.yaml:9:1: brefing: unknown field "brefing"; expected one of: apiVersion, kind, metadata, briefing,/),
    ]);
    const r2 = loadScenarioText('metadata: [\n', 'y.yaml');
    expect(r2.ok ? [] : r2.errors[0]).toMatch(/^y\.yaml:2:1: invalid YAML: /);
  });

  it('rejects an unknown check kind and duplicate objective ids', () => {
    const bad = VALID.replace('podsReady:', 'podsHappy:').replace('solution:', 'guards:\n  - id: up\n    description: dup\n    check: { exists: { resource: ns, name: shop } }\nsolution:');
    const r = loadScenarioText(bad, 'd.yaml');
    expect(r.ok ? [] : r.errors).toEqual([
      expect.stringContaining('objectives.0.check: expected exactly one of: podsReady, podEnv, rolloutComplete, field, exists, connectivity, canI, all, any, not; found podsHappy'),
      expect.stringContaining('guards.0.id: duplicate objective id "up"'),
    ]);
  });
});

describe('scenarioJsonSchema', () => {
  it('publishes the same fields the loader accepts, with recursive checks by reference', () => {
    const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, unknown>; $defs: { check: { oneOf: { required: string[] }[] } } };
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'briefing']);
    expect(Object.keys(schema.properties)).toContain('wrongFixes');
    expect(schema.$defs.check.oneOf.map((o) => o.required[0])).toEqual(['podsReady', 'podEnv', 'rolloutComplete', 'field', 'exists', 'connectivity', 'canI', 'all', 'any', 'not']);
  });
});

const PARAMS = `apiVersion: kubedojo/v1
kind: Scenario
metadata:
  id: demo-params
  title: Demo with parameters
  difficulty: easy
  category: crash
parameters:
  ns: { oneOf: [shop, store, payments] }
  replicas: { oneOf: [2, 3] }
  fault:
    oneOf:
      - { name: oom, limit: 64Mi }
      - { name: typo, limit: 512Mi }
variants:
  fault:
    typo:
      hints: ["look at the image"]
briefing: |
  Pods in {{ns}} ({{fault.name}}) need {{replicas}} replicas and {{fault.limit}}.
images:
  "{{ns}}/app:1": { memory: 100Mi }
objectives:
  - id: up
    description: "{{ns}} is up"
    check:
      podsReady: { namespace: "{{ns}}", selector: app=web, count: "{{replicas}}" }
hints: ["a {{ns}} hint"]
`;

describe('parameters', () => {
  it('draws the same values for the same seed and substitutes them everywhere, typed', async () => {
    const { instantiateScenario } = await import('./load.js');
    const r = loadScenarioText(PARAMS, 'p.yaml');
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const a = instantiateScenario(r.scenario, 7);
    const b = instantiateScenario(r.scenario, 7);
    expect(a.briefing).toBe(b.briefing);
    const ns = a.parameters!.ns as string;
    expect(a.briefing).toContain(`Pods in ${ns} (`);
    expect(Object.keys(a.images)).toEqual([`${ns}/app:1`]);
    expect(a.objectives[0].check).toEqual({ podsReady: { namespace: ns, selector: 'app=web', count: a.parameters!.replicas } });
    expect(typeof (a.objectives[0].check as { podsReady: { count: unknown } }).podsReady.count).toBe('number');
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const s = instantiateScenario(r.scenario, seed);
      seen.add(String(s.parameters!.ns));
      const fault = (s.parameters!.fault as { name: string }).name;
      expect(s.hints).toEqual(fault === 'typo' ? ['look at the image'] : [`a ${s.parameters!.ns} hint`]);
    }
    expect([...seen].sort()).toEqual(['payments', 'shop', 'store']);
  });

  it('covering seeds draw every value of every parameter', async () => {
    const { coveringSeeds, chooseParameters } = await import('./parameters.js');
    const params = { a: ['x', 'y', 'z'], b: [1, 2], c: ['only'] };
    const seeds = coveringSeeds(params);
    const drawn = seeds.map((s) => chooseParameters(params, s));
    expect(new Set(drawn.map((d) => d.a)).size).toBe(3);
    expect(new Set(drawn.map((d) => d.b)).size).toBe(2);
  });

  it('reports unknown {{names}}, bad variant keys and per-value schema errors with file:line:col', () => {
    const bad = PARAMS.replace('a {{ns}} hint', 'a {{nss}} hint').replace('    typo:', '    typoo:').replace('oneOf: [2, 3]', 'oneOf: [2, three]');
    const r = loadScenarioText(bad, 'p.yaml');
    expect(r.ok ? [] : r.errors).toEqual([
      'p.yaml:28:12: unknown parameter "{{nss}}"; declared: ns, replicas, fault',
      'p.yaml:17:5: variants.fault.typoo: "typoo" is not a value of parameter fault; its values: oom, typo',
      'p.yaml:27:68: objectives.0.check.podsReady.count: expected an integer, found string "three" (with ns=store, replicas=three, fault=typo)',
    ]);
  });

  it('types images: a misspelt image field is a load error with its line', () => {
    const r = loadScenarioText(PARAMS.replace('{ memory: 100Mi }', '{ memroy: 100Mi }'), 'p.yaml');
    expect(r.ok ? [] : r.errors[0]).toMatch(/^p\.yaml:22:21: images\.\{\{ns\}\}\/app:1\.memroy: unknown field "memroy"; expected one of: size, private/);
  });
});
