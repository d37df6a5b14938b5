import fs from 'node:fs';
import path from 'node:path';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import { allKinds } from '../../cluster/kinds/registry.js';
import { testEnv } from '../commands/testkit.js';

/**
 * `kubectl explain` goldens recorded from real kubectl v1.32.4 over our own
 * schema, served as OpenAPI v3 by test/fake-apiserver.ts
 * (scripts/record-explain-goldens.ts): our interpreter must print the same
 * bytes, so render.ts follows kubectl's plaintext template exactly.
 */
const DIR = path.resolve(import.meta.dirname, 'testdata/goldens');

const cases: { name: string; args: string[] }[] = fs
  .readFileSync(path.join(DIR, 'cases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => ({ name: l.slice(0, l.indexOf(':')).trim(), args: split(l.slice(l.indexOf(':') + 1).trim()) }));
// The recorder adds two cases per simulated kind (keep in step with scripts/record-explain-goldens.ts).
for (const d of allKinds()) {
  const resource = d.group ? `${d.resource}.${d.group}` : d.resource;
  cases.push({ name: `kind-${d.kind}`, args: ['explain', resource] }, { name: `kind-${d.kind}-recursive`, args: ['explain', resource, '--recursive'] });
}

describe('kubectl explain goldens (real kubectl v1.32.4 over our schema)', () => {
  const env = testEnv();

  it.each(cases)('$name: kubectl $args', ({ name, args }) => {
    expect(env.runArgs(args)).toEqual({
      stdout: fs.readFileSync(path.join(DIR, `${name}.stdout`), 'utf8'),
      stderr: fs.readFileSync(path.join(DIR, `${name}.stderr`), 'utf8'),
      exitCode: Number(fs.readFileSync(path.join(DIR, `${name}.exit`), 'utf8').trim()),
    });
  });

  it('has a case for every recorded golden, and a golden for every case', () => {
    const recorded = fs.readdirSync(DIR).filter((f) => f.endsWith('.exit')).map((f) => f.slice(0, -'.exit'.length));
    expect(recorded.sort()).toEqual(cases.map((c) => c.name).sort());
  });
});
