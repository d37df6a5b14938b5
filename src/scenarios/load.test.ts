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
      expect.stringContaining('objectives.0.check: expected exactly one of: podsReady, rolloutComplete, field, exists, connectivity, canI, all, any, not; found podsHappy'),
      expect.stringContaining('guards.0.id: duplicate objective id "up"'),
    ]);
  });
});

describe('scenarioJsonSchema', () => {
  it('publishes the same fields the loader accepts, with recursive checks by reference', () => {
    const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, unknown>; $defs: { check: { oneOf: { required: string[] }[] } } };
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'briefing']);
    expect(Object.keys(schema.properties)).toContain('wrongFixes');
    expect(schema.$defs.check.oneOf.map((o) => o.required[0])).toEqual(['podsReady', 'rolloutComplete', 'field', 'exists', 'connectivity', 'canI', 'all', 'any', 'not']);
  });
});
