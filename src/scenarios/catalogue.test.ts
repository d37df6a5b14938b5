import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../kubectl/node-fs.js';
import { catalogueFiles, loadScenarioFile } from './load.js';
import { proveScenario } from './validate.js';

/**
 * `kubedojo validate` over the whole catalogue: every scenario loads, starts
 * broken, is solved by its reference solution with every guard holding, and
 * is not solved by any of its wrong fixes, for seeds drawing every value of
 * every parameter.
 */
describe('the scenario catalogue', () => {
  const files = catalogueFiles();
  it('has scenarios', () => expect(files.length).toBeGreaterThan(0));
  const ids = new Map<string, string>();
  it.each(files.map((f) => [f.replace(/^.*\/scenarios\//, ''), f]))('%s is proven', (_name, file) => {
    const loaded = loadScenarioFile(file);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    expect(ids.get(loaded.scenario.id), `id ${loaded.scenario.id} is used twice`).toBeUndefined();
    ids.set(loaded.scenario.id, file);
    const s = loaded.scenario;
    if (s.objectives.length > 0) {
      // What every drill owes the learner (docs/scenarios.md): three hints, a reference solution,
      // wrong fixes proven not to work, guards against shortcuts, and a debrief.
      expect(s.hints, 'three hints').toHaveLength(3);
      expect(s.solution.length, 'a solution').toBeGreaterThan(0);
      expect(s.wrongFixes.length, 'wrong fixes').toBeGreaterThan(0);
      expect(s.guards.length, 'guards').toBeGreaterThan(0);
      expect(s.debrief.trim(), 'a debrief').not.toBe('');
    }
    expect(proveScenario(s, nodeFileSystem).problems).toEqual([]);
  }, 300_000);
});
