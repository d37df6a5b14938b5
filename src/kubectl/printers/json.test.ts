import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { marshalJson, toJson, toJsonList } from './json.js';

/**
 * Stored objects are deep-frozen, and the printer takes a different road for
 * them (JSON.stringify over a copy in Go's key order, text kept per object)
 * than for the plain objects most golden tests print. These tests print
 * frozen objects cold (first print), warm (from the kept text) and nested in
 * a List, against kubectl's goldens and against the plain-object printer.
 */
const fuzzDir = new URL('./testdata/yaml-fuzz/', import.meta.url);
const fuzzCases = readdirSync(fuzzDir)
  .filter((f) => /^[fnz]\d{3}\.json$/.test(f))
  .map((f) => f.slice(0, 4))
  .sort();
const fuzzInput = (c: string) => {
  const obj = JSON.parse(readFileSync(new URL(`${c}.json`, fuzzDir), 'utf8')) as { metadata: Record<string, unknown> };
  obj.metadata.labels = { x: 'y' };
  return obj;
};
const golden = (c: string) => readFileSync(new URL(`${c}.out.json`, fuzzDir), 'utf8');

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}
const frozen = <T>(v: T): T => deepFreeze(structuredClone(v));

describe('-o json of frozen (stored) objects', () => {
  it('has the fuzz cases', () => expect(fuzzCases.length).toBe(190));

  it.each(fuzzCases)('%s: cold and warm prints equal kubectl v1.32.4', (c) => {
    const obj = frozen(fuzzInput(c));
    expect(toJson(obj)).toBe(golden(c));
    expect(toJson(obj)).toBe(golden(c));
  });

  it('a List of frozen items equals the List of the same plain items, cold and warm', () => {
    const plain = fuzzCases.map(fuzzInput);
    const items = plain.map(frozen);
    const expected = toJsonList(plain);
    expect(toJsonList(items)).toBe(expected);
    expect(toJsonList(items)).toBe(expected);
    // the item texts kept at List depth must not leak into a top-level print
    expect(toJson(items[0])).toBe(golden(fuzzCases[0]));
  });

  it('compact output (jsonpath maps) is the same for frozen and plain objects', () => {
    for (const c of fuzzCases.slice(0, 40)) {
      const plain = fuzzInput(c);
      expect(marshalJson(frozen(plain))).toBe(marshalJson(plain));
    }
  });

  it('sorts keys that are out of order at any depth, leaving sorted subtrees as they are', () => {
    const obj = frozen({ z: { b: [{ y: 1, x: 2 }], a: { c: 1, d: 2 } }, a: 'first' });
    const want = '{\n    "a": "first",\n    "z": {\n        "a": {\n            "c": 1,\n            "d": 2\n        },\n        "b": [\n            {\n                "x": 2,\n                "y": 1\n            }\n        ]\n    }\n}\n';
    expect(toJson(obj)).toBe(want);
    expect(toJson(obj)).toBe(want);
  });

  it('escapes <, >, & and U+2028 as Go does', () => {
    expect(toJson(frozen({ b: 'a<b>&c\u2028', a: 1 }))).toBe('{\n    "a": 1,\n    "b": "a\\u003cb\\u003e\\u0026c\\u2028"\n}\n');
  });

  it('prints a lone surrogate as U+FFFD and keeps a literal backslash-u text', () => {
    expect(toJson(frozen({ a: 'x\ud800y' }))).toBe('{\n    "a": "x\ufffdy"\n}\n');
    expect(toJson(frozen({ a: '\\ud800' }))).toBe('{\n    "a": "\\\\ud800"\n}\n');
  });

  it('orders keys with astral characters by code point (after U+FFFF text)', () => {
    expect(marshalJson(frozen({ '\u{1F600}': 1, '\uffee': 2 }))).toBe('{"\uffee":2,"\u{1F600}":1}');
  });

  it('orders array-index keys bytewise, as Go sorts map keys', () => {
    expect(marshalJson(frozen({ a: 3, 9: 2, 10: 1 }))).toBe('{"10":1,"9":2,"a":3}');
    expect(marshalJson(frozen({ 1: 'x', 2: 'y', b: 'z' }))).toBe('{"1":"x","2":"y","b":"z"}');
  });

  it('prints an own __proto__ key', () => {
    const obj = deepFreeze(JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}') as object);
    expect(marshalJson(obj)).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
  });

  it('skips undefined object values and prints undefined array items as null', () => {
    expect(marshalJson(Object.freeze({ b: undefined, a: Object.freeze([1, undefined]) }))).toBe('{"a":[1,null]}');
  });

  it('does not keep the text of a frozen object that holds a mutable one', () => {
    const inner = { v: 1 };
    const outer = Object.freeze({ inner });
    expect(marshalJson(outer)).toBe('{"inner":{"v":1}}');
    inner.v = 2;
    expect(marshalJson(outer)).toBe('{"inner":{"v":2}}');
  });

  it('keeps insertion order when asked to (typed objects)', () => {
    const obj = frozen({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a' } });
    expect(marshalJson(obj, { sortKeys: false })).toBe('{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}}');
    expect(marshalJson(obj)).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}');
  });
});
