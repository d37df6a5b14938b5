import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/meta.js';
import { kindOf, resourceKey } from '../../cluster/kinds/registry.js';
import { Simulation } from '../../cluster/simulation.js';
import { defaultKubeConfig, type KubectlContext } from '../context.js';
import { runKubectl } from '../run.js';
import { MemoryFs } from './testkit.js';

/**
 * Goldens recorded from real kubectl v1.32.4 (scripts/record-read-goldens.ts):
 * each fixture is loaded verbatim into a frozen simulation at the fixture's
 * `now`, each case is run through our interpreter and compared byte for byte.
 */
const ROOT = path.resolve(import.meta.dirname, '../testdata/read');

function contextFor(fixture: { now: string; objects: KubeObject[] }): KubectlContext {
  const sim = new Simulation({ frozen: true, startTime: fixture.now });
  for (const obj of fixture.objects) {
    const def = kindOf(obj.apiVersion, obj.kind);
    if (!def) throw new Error(`fixture: unknown kind ${obj.apiVersion} ${obj.kind}`);
    sim.load(resourceKey(def), obj);
  }
  return { sim, config: defaultKubeConfig(), env: {}, fs: new MemoryFs() };
}

for (const suite of fs.readdirSync(ROOT).filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory())) {
  const dir = path.join(ROOT, suite);
  const fixture = yaml.load(fs.readFileSync(path.join(dir, 'fixture.yaml'), 'utf8')) as { now: string; objects: KubeObject[] };
  const cases = fs
    .readFileSync(path.join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => ({ name: l.slice(0, l.indexOf(':')).trim(), args: split(l.slice(l.indexOf(':') + 1).trim()) }));
  describe(`read goldens: ${suite}`, () => {
    const ctx = contextFor(fixture);
    it.each(cases)('$name: kubectl $args', ({ name, args }) => {
      const r = runKubectl(args, ctx);
      const expected = {
        stdout: fs.readFileSync(path.join(dir, `${name}.stdout`), 'utf8'),
        stderr: fs.readFileSync(path.join(dir, `${name}.stderr`), 'utf8'),
        exitCode: Number(fs.readFileSync(path.join(dir, `${name}.exit`), 'utf8').trim()),
      };
      expect(r).toEqual(expected);
    });
  });
}
