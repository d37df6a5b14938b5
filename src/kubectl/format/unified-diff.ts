/**
 * A unified diff of two texts, as GNU `diff -u` prints it: an LCS edit
 * script over lines, grouped into hunks with `context` lines around each
 * change, `@@ -a,b +c,d @@` headers (`,1` omitted, an empty side numbered
 * from the line before it).
 */

type Op = { kind: ' ' | '-' | '+'; text: string };

/** The line edit script from `a` to `b` (longest common subsequence; deletions before insertions). */
export function lineEdits(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix so the table covers only the changed middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB).
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Op[] = a.slice(0, start).map((text) => ({ kind: ' ' as const, text }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push({ kind: ' ', text: a[start + i] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: a[start + i] });
      i++;
    } else {
      ops.push({ kind: '+', text: b[start + j] });
      j++;
    }
  }
  for (let k = endA; k < a.length; k++) ops.push({ kind: ' ', text: a[k] });
  return ops;
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function range(start: number, count: number): string {
  // GNU diff: an empty range names the line before it; a single line has no count.
  if (count === 0) return `${start - 1},0`;
  if (count === 1) return `${start}`;
  return `${start},${count}`;
}

/**
 * The hunks of `diff -u` between two texts (without the `---`/`+++`
 * header), or '' when they are equal. Texts are expected to end with a newline.
 */
export function unifiedHunks(a: string, b: string, context = 3): string {
  return unifiedHunksOfLines(splitLines(a), splitLines(b), context);
}

/**
 * `diff -u` hunks between two lists of lines. `show` writes one line after
 * its `-`, `+` or space (the shell's diff uses it to add GNU's
 * `\ No newline at end of file`).
 */
export function unifiedHunksOfLines(a: readonly string[], b: readonly string[], context: number, show: (kind: string, text: string) => string = (k, t) => `${k}${t}\n`): string {
  const ops = lineEdits(a, b);
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context windows touch (gap of at most 2 × context unchanged lines).
  const groups: [number, number][] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] - 1 <= 2 * context) last[1] = k;
    else groups.push([k, k]);
  }
  // Line numbers before each op, on both sides.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    posA.push(la);
    posB.push(lb);
    if (o.kind !== '+') la++;
    if (o.kind !== '-') lb++;
  }
  let out = '';
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const countA = slice.filter((o) => o.kind !== '+').length;
    const countB = slice.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(posA[from], countA)} +${range(posB[from], countB)} @@\n`;
    for (const o of slice) out += show(o.kind, o.text);
  }
  return out;
}
