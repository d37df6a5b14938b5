import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareYamlKeys, formatYamlNumber, needsQuotingAsNonString, toYaml, toYamlDocuments, toYamlList } from './yaml.js';
import { marshalJson, toJson, toJsonList } from './json.js';

describe('needsQuotingAsNonString (go-yaml v2 resolve)', () => {
  it.each(['y', 'NO', 'on', '~', '', 'null', '1', '-1', '0x1f', '1e3', '.5', '1:20', '2024-01-01', '1_000', '08', '.inf'])(
    '%j is quoted',
    (s) => expect(needsQuotingAsNonString(s)).toBe(true),
  );
  it.each(['yess', 'nil', '<<', '1e400', '2024-02-30', '0x', '12a', '+', '-', 'abc', '2024-01-01x', '._5'])(
    '%j stays a string',
    (s) => expect(needsQuotingAsNonString(s)).toBe(false),
  );
});

describe('compareYamlKeys (natural order)', () => {
  it('sorts digit runs by value and non-letters first', () => {
    expect(['a10', 'a9', 'B', '_x', '2', '10', 'a'].sort(compareYamlKeys)).toEqual(['_x', '2', '10', 'B', 'a', 'a9', 'a10']);
  });
});

describe('formatYamlNumber', () => {
  it.each([
    [1, '1'],
    [1.5, '1.5'],
    [1e20, '1e+20'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [-0.5, '-0.5'],
    [1.2345678901234567e19, '12345678901234567000'],
  ])('%d → %s', (n, want) => expect(formatYamlNumber(n)).toBe(want));
});

describe('multi-object output', () => {
  const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
  const b = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } };
  it('wraps items in a List', () => {
    expect(toYamlList([a, b])).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    expect(toYamlList([])).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(toJsonList([])).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });
  it('separates documents with ---', () => {
    expect(toYamlDocuments([a, b])).toBe(toYaml(a) + '---\n' + toYaml(b));
  });
  it('marshals compact JSON like json.Marshal', () => {
    expect(marshalJson({ b: [1, 'x<y'], a: {} })).toBe('{"a":{},"b":[1,"x\\u003cy"]}');
  });
});

describe('typed objects keep struct field order in -o json (create --dry-run=client goldens)', () => {
  const dir = new URL('./testdata/json-typed/', import.meta.url);
  const files = ['create-deployment', 'create-configmap', 'create-secret', 'create-service', 'create-job', 'create-namespace'];
  it.each(files)('%s', (name) => {
    const text = readFileSync(new URL(`${name}.json`, dir), 'utf8');
    expect(toJson(JSON.parse(text), { sortKeys: false })).toBe(text);
  });
  it('sorts by default', () => {
    expect(toJson({ kind: 'X', apiVersion: 'v1' })).toBe('{\n    "apiVersion": "v1",\n    "kind": "X"\n}\n');
  });
});

describe('which failure kubectl reports when a key holds a NEL and a value a control character', () => {
  const pad = 'x'.repeat(700);
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data });
  it.each([
    [{ 'a\u0085k': 'v', b: pad, c: '\u007f' }, "yaml: line 1: did not find expected ',' or '}'"],
    [{ b: pad, c: 'q\u007f', 'd\u0085k': 'v' }, 'yaml: control characters are not allowed'],
    [{ b: 'x'.repeat(480), 'c\u0085k': 'v', d: 'y'.repeat(30) + '\u007f' }, 'yaml: control characters are not allowed'],
  ])('%#', (data, message) => {
    expect(() => toYaml(cm(data))).toThrow(message);
  });
});
