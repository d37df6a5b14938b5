/**
 * Splits text lines into rows of at most `width` characters, the way a
 * terminal wraps a line it cannot fit: at the column, not at a word, so
 * kubectl's aligned columns read the same as they would in a real shell.
 */
export function hardWrap(lines: readonly string[], width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  for (const line of lines) {
    // Code points, not UTF-16 units, so a `✔` or an emoji is never cut in half.
    const chars = [...line];
    if (chars.length <= w) {
      rows.push(line);
      continue;
    }
    for (let i = 0; i < chars.length; i += w) rows.push(chars.slice(i, i + w).join(''));
  }
  return rows;
}

/** The first row of a scrolled window, kept inside `[0, total - viewport]`. */
export function clampTop(top: number, total: number, viewport: number): number {
  return Math.max(0, Math.min(top, total - viewport));
}
