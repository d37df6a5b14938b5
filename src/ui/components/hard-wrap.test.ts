import { describe, expect, it } from 'vitest';
import { clampTop, hardWrap } from './hard-wrap.js';

describe('hardWrap', () => {
  it('keeps lines that fit and cuts longer ones at the column', () => {
    expect(hardWrap(['abcd', 'abcdefghij'], 4)).toEqual(['abcd', 'abcd', 'efgh', 'ij']);
  });
  it('never splits a character made of two UTF-16 units', () => {
    expect(hardWrap(['ab🙂cd'], 3)).toEqual(['ab🙂', 'cd']);
  });
  it('keeps empty lines as rows', () => {
    expect(hardWrap(['', 'x'], 10)).toEqual(['', 'x']);
  });
});

describe('clampTop', () => {
  it('stays between the first row and the last full window', () => {
    expect(clampTop(-3, 20, 8)).toBe(0);
    expect(clampTop(5, 20, 8)).toBe(5);
    expect(clampTop(50, 20, 8)).toBe(12);
    expect(clampTop(4, 5, 8)).toBe(0);
  });
});
