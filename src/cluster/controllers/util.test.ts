import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from './util.js';

describe('sameJson', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [null, {}],
    [[], {}],
    ['1', 1],
    [{ a: null }, { a: undefined }],
    [{ a: { b: { c: [true, null] } } }, { a: { b: { c: [true, null] } } }],
    [NaN, null],
  ];
  it.each(cases)('agrees with comparing canonical JSON: %j vs %j', (a, b) => {
    expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
    expect(sameJson(b, a)).toBe(canonicalJson(a) === canonicalJson(b));
  });
});
