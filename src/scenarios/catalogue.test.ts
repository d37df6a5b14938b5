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
    expect(proveScenario(loaded.scenario, nodeFileSystem).problems).toEqual([]);
  }, 300_000);
});
