import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantity, isValidQuantity } from './quantity.js';

describe('canonical quantities (Quantity.String())', () => {
  it.each([
    ['0.5', '500m'],
    ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['100m', '100m'],
    ['2000m', '2'],
    ['1e3', '1e3'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['1G', '1G'],
    ['0', '0'],
    ['0.1m', '100u'],
    ['-1', '-1'],
    [2, '2'],
  ])('%s → %s', (input, out) => {
    expect(canonicalQuantity(input)).toBe(out);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['1GB', 'abc', '', '1.2.3', ' 1', '1 Gi', 'Mi']) expect(isValidQuantity(bad)).toBe(false);
  });

  it('compares exactly', () => {
    expect(compareQuantity('2Gi', '1Gi')).toBe(1);
    expect(compareQuantity('1024Mi', '1Gi')).toBe(0);
    expect(compareQuantity('500m', '1')).toBe(-1);
  });
});
