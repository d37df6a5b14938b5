import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toYaml, YamlMarshalError } from './yaml.js';
import { toJson } from './json.js';

const dir = new URL('./testdata/yaml/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace(/\.input\.json$/, ''))
  .sort();

/** What `kubectl label --overwrite --local -f <case>.input.json x=y` does to the object. */
function labelled(name: string): Record<string, unknown> {
  const obj = JSON.parse(readFileSync(new URL(`${name}.input.json`, dir), 'utf8')) as Record<string, unknown>;
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  meta.labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}), x: 'y' };
  obj.metadata = meta;
  return obj;
}

function read(file: string): string | undefined {
  const u = new URL(file, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
}

/** Runs a printer the way kubectl reports failures: `error: <message>` and exit 1. */
function run(print: () => string): { stdout: string; stderr: string; exit: number } {
  try {
    return { stdout: print(), stderr: '', exit: 0 };
  } catch (e) {
    if (e instanceof YamlMarshalError) return { stdout: '', stderr: `error: ${e.message}\n`, exit: 1 };
    throw e;
  }
}

describe('kubectl -o yaml goldens (v1.32.4)', () => {
  it('has the recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases)('%s', (name) => {
    const got = run(() => toYaml(labelled(name)));
    expect(got.stdout).toBe(read(`${name}.yaml`));
    expect(got.stderr).toBe(read(`${name}.yaml.stderr`) ?? '');
    expect(got.exit).toBe(Number(read(`${name}.yaml.exit`) ?? 0));
  });
});

describe('kubectl -o json goldens (v1.32.4)', () => {
  it.each(cases)('%s', (name) => {
    expect(toJson(labelled(name))).toBe(read(`${name}.json`));
  });
});
