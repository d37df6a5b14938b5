import { readFileSync } from 'node:fs';
import { formatTable, GET_TABWRITER } from '../../kubectl/printers/tabwriter.js';
import { describe, expect, it } from 'vitest';
import {
  goDurationString,
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
  translateTimestampUntil,
} from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [59 * s, '59s'],
    [60 * s, '60s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [7 * h + 59 * m + 59 * s, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [48 * h + 1 * h, '2d1h'],
    [7 * d + 23 * h + 59 * m, '7d23h'],
    [8 * d, '8d'],
    [2 * y - 1, '729d'],
    [2 * y, '2y'],
    [2 * y + 1 * d, '2y1d'],
    [8 * y - 1 * d, '7y364d'],
    [8 * y, '8y'],
    [100 * y + 300 * d, '100y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration (apimachinery ShortHumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h + 59 * m, '23h'],
    [24 * h, '1d'],
    [364 * d, '364d'],
    [365 * d, '1y'],
    [3 * y + 200 * d, '3y'],
  ])('%d ms → %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince/Until', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('prints <unknown> for zero or absent time', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
    expect(translateTimestampUntil(undefined, now)).toBe('<unknown>');
  });
  it('ages RFC 3339 and epoch timestamps', () => {
    expect(translateTimestampSince('2024-05-01T11:55:23Z', now)).toBe('4m37s');
    expect(translateTimestampSince(now - 3 * d, now)).toBe('3d');
    expect(translateTimestampSince('2024-05-01T12:00:05Z', now)).toBe('<invalid>');
    expect(translateTimestampUntil('2024-05-01T12:00:30Z', now)).toBe('30s');
  });
});

describe('goDurationString (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [1100, '1.1µs'],
    [2200000, '2.2ms'],
    [3300000000, '3.3s'],
    [4 * 60 * 1e9 + 5 * 1e9, '4m5s'],
    [4 * 60 * 1e9 + 5001 * 1e6, '4m5.001s'],
    [5 * 3600 * 1e9 + 6 * 60 * 1e9 + 7001 * 1e6, '5h6m7.001s'],
    [8 * 3600 * 1e9 + 1, '8h0m0.000000001s'],
    [-1, '-1ns'],
    [-3300000000, '-3.3s'],
    [60 * 1e9, '1m0s'],
  ])('%d ns → %s', (ns, want) => {
    expect(goDurationString(ns)).toBe(want);
  });
  it('handles int64 extremes', () => {
    expect(goDurationString(9223372036854775807n)).toBe('2562047h47m16.854775807s');
    expect(goDurationString(-9223372036854775808n)).toBe('-2562047h47m16.854775808s');
  });
});

describe('AGE column from kubectl v1.32.4 (testdata/ages/ages.stdout)', () => {
  const text = readFileSync(new URL('./testdata/ages/ages.stdout', import.meta.url), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
  it('has the rows', () => expect(rows.length).toBe(20));
  it.each(rows)('%s is %s old', (name, age) => {
    const offset = Number(name.replace('age-', ''));
    // kubectl read its clock 0-3 s after the objects were written; these ages do not depend on it
    for (const delay of [0, 1, 2, 3]) expect(humanDuration((offset + delay) * 1000)).toBe(age);
  });
  it('lays the table out like kubectl', () => {
    expect(formatTable([['NAME', 'AGE'], ...rows], GET_TABWRITER)).toBe(text);
  });
});
