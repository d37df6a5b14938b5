import { describe, expect, it } from 'vitest';
import { lineEdits, unifiedHunks } from './unified-diff.js';

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `l${i + from}`).join('\n') + '\n';

describe('unifiedHunks', () => {
  it('is empty for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('one changed line in the middle, three lines of context (as GNU diff -u)', () => {
    const a = lines(10);
    const b = a.replace('l5\n', 'L5\n');
    expect(unifiedHunks(a, b)).toBe('@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n');
  });

  it('a new file: every line added, the old range is 0,0', () => {
    expect(unifiedHunks('', 'x\ny\n')).toBe('@@ -0,0 +1,2 @@\n+x\n+y\n');
  });

  it('a deleted file and single-line ranges', () => {
    expect(unifiedHunks('x\n', '')).toBe('@@ -1 +0,0 @@\n-x\n');
    expect(unifiedHunks('x\n', 'y\n')).toBe('@@ -1 +1 @@\n-x\n+y\n');
  });

  it('changes far apart make two hunks; close ones merge', () => {
    const a = lines(20);
    const two = a.replace('l2\n', 'X\n').replace('l18\n', 'Y\n');
    expect(unifiedHunks(a, two).match(/^@@/gm)).toHaveLength(2);
    expect(unifiedHunks(a, two)).toContain('@@ -15,6 +15,6 @@\n');
    const close = a.replace('l5\n', 'X\n').replace('l11\n', 'Y\n');
    expect(unifiedHunks(a, close).match(/^@@/gm)).toHaveLength(1);
  });

  it('an insertion in the middle', () => {
    const a = lines(6);
    const b = a.replace('l3\n', 'l3\nnew\n');
    expect(unifiedHunks(a, b)).toBe('@@ -1,6 +1,7 @@\n l1\n l2\n l3\n+new\n l4\n l5\n l6\n');
  });
});

describe('lineEdits', () => {
  it('keeps the longest common subsequence', () => {
    const ops = lineEdits(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd']);
    expect(ops.filter((o) => o.kind === ' ').length).toBe(3);
  });
});
