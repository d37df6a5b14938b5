import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  QuantityParseError,
  addQuantities,
  canonicalQuantity,
  exactMilliValue,
  exactValue,
  intValue,
  milliValue,
  parseQuantity,
  parseQuantityExact,
  percentOf,
  quantityToString,
} from './quantity.js';

const dir = new URL('./testdata/quantity/', import.meta.url);
const read = (f: string): string | undefined => {
  const u = new URL(f, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
};
const cases = read('cases.txt')!
  .split('\n')
  .slice(0, -1)
  .map((q, i) => ({ n: i + 1, q }));

describe('canonicalQuantity: kubectl set resources goldens (v1.32.4)', () => {
  it('has the recorded cases', () => expect(cases.length).toBeGreaterThanOrEqual(80));
  it.each(cases)('$n: $q', ({ n, q }) => {
    const stderr = read(`out/${n}.stderr`);
    if (stderr !== undefined) {
      expect(() => canonicalQuantity(q)).toThrow(QuantityParseError);
      let message = '';
      try {
        canonicalQuantity(q);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(`error: ${message}\n`).toBe(stderr);
    } else {
      expect(canonicalQuantity(q)).toBe(read(`out/${n}.stdout`));
    }
  });
});

describe('exact quantities', () => {
  it('reads JSON numbers as Go writes them', () => {
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity(2)).toBe('2');
  });
  it('sums in the format of the first non-zero addend', () => {
    expect(quantityToString(addQuantities(['100m', '250m', '1']))).toBe('1350m');
    expect(quantityToString(addQuantities(['0', '64Mi', '64Mi']))).toBe('128Mi');
    expect(quantityToString(addQuantities(['1Gi', '512M']))).toBe('1548576Ki');
    expect(quantityToString(addQuantities([]))).toBe('0');
  });
  it('gives MilliValue and Value rounded up', () => {
    expect(exactMilliValue(parseQuantityExact('1.5'))).toBe(1500n);
    expect(exactMilliValue(parseQuantityExact('1u'))).toBe(1n);
    expect(exactValue(parseQuantityExact('1.5Gi'))).toBe(1610612736n);
    expect(exactValue(parseQuantityExact('100m'))).toBe(1n);
  });
  it('computes describe percentages by truncation', () => {
    expect(percentOf(500n, 2000n)).toBe(25);
    expect(percentOf(1999, 2000)).toBe(99);
    expect(percentOf(3000, 2000)).toBe(150);
    expect(percentOf(1, 0)).toBe(0);
  });
  it('keeps the float helpers working', () => {
    expect(parseQuantity('1.5Gi')).toBe(1610612736);
    expect(milliValue('250m')).toBe(250);
    expect(intValue('1Ki')).toBe(1024);
  });
});

describe('canonicalQuantity on random quantities (kubectl v1.32.4 goldens)', () => {
  const lines = read('fuzz.tsv')!.split('\n').filter((l) => l.includes('\t'));
  it.each(lines.map((l) => l.split('\t')))('%s → %s', (q, want) => {
    let got: string;
    try {
      got = canonicalQuantity(q);
    } catch (e) {
      got = `error: ${(e as Error).message}`;
    }
    expect(got).toBe(want);
  });
});
