import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YamlMarshalError, toYaml } from './yaml.js';
import { toJson } from './json.js';

const dir = new URL('./testdata/yaml-fuzz/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => /^[fnz]\d{3}\.json$/.test(f))
  .map((f) => f.slice(0, 4))
  .sort();
const read = (f: string): string | undefined => {
  const u = new URL(f, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
};
const input = (c: string): Record<string, unknown> => {
  const obj = JSON.parse(read(`${c}.json`)!) as { metadata: Record<string, unknown> };
  obj.metadata.labels = { x: 'y' };
  return obj;
};

describe('YAML/JSON printers on random ConfigMaps and nested values (kubectl v1.32.4 goldens)', () => {
  it('has the cases', () => expect(cases.length).toBe(190));
  it.each(cases)('%s -o yaml', (c) => {
    const stderr = read(`${c}.yaml.stderr`);
    if (stderr === undefined) {
      expect(toYaml(input(c))).toBe(read(`${c}.yaml`));
      return;
    }
    expect(() => toYaml(input(c))).toThrow(YamlMarshalError);
    try {
      toYaml(input(c));
    } catch (e) {
      expect(`error: ${(e as Error).message}\n`).toBe(stderr);
    }
  });
  it.each(cases)('%s -o json', (c) => {
    expect(toJson(input(c))).toBe(read(`${c}.out.json`));
  });
});
