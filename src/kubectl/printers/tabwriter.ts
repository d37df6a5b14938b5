/**
 * A port of Go's `text/tabwriter` (elastic tabstops), with the
 * `RememberWidths` extension of the `github.com/liggitt/tabwriter` fork that
 * kubectl uses so `get --watch` columns never shrink between flushes.
 *
 * Semantics kept from Go:
 * - a cell is text terminated by `\t` (hard) or `\v` (soft); the text after
 *   the last tab of a line is not a cell and does not affect any column;
 * - a column block is a run of consecutive lines that have a cell in that
 *   column; each block gets its own width;
 * - `\n` ends a line; a line with a single cell (no tab) lets the writer
 *   flush everything above it; `\f` ends a line and always flushes;
 * - widths are counted in Unicode code points (Go's `utf8.RuneCount`), not
 *   bytes and not display columns: checked against kubectl v1.32.4 with
 *   `kubectl config get-contexts` and a context named `日本語…`;
 * - `Escape` (U+00FF) brackets text that is passed through as one unit.
 *
 * @see go/src/text/tabwriter/tabwriter.go
 * @see vendor/github.com/liggitt/tabwriter/tabwriter.go
 */

/** Ignore html tags and treat entities (`&amp;`) as one character. */
export const FilterHTML = 1 << 0;
/** Strip the Escape characters bracketing escaped text segments. */
export const StripEscape = 1 << 1;
/** Right-align cell contents (default is left). */
export const AlignRight = 1 << 2;
/** Treat columns whose cells are all empty and soft as zero width. */
export const DiscardEmptyColumns = 1 << 3;
/** Pad leading empty cells with tabs, independent of padchar. */
export const TabIndent = 1 << 4;
/** Print a vertical bar `|` between columns (after formatting). */
export const Debug = 1 << 5;
/** liggitt fork: remember the maximum width of each column across flushes. */
export const RememberWidths = 1 << 6;

/** The escape character of Go's tabwriter (`'\xff'`). */
export const Escape = '\u00ff';

/** Characters `write` acts on besides \t and \n, without and with FilterHTML. */
const SPECIAL = /[\v\f\u00ff]/;
const SPECIAL_HTML = /[\v\f\u00ff<&]/;
const SURROGATE = /[\ud800-\udbff]/;

interface Cell {
  /** Length of the cell text in UTF-16 code units (our buffer unit). */
  size: number;
  /** Width in code points (Go: runes). */
  width: number;
  /** True when terminated by `\t` rather than `\v`. */
  htab: boolean;
}

/** Options of {@link TabWriter}, named as Go's `NewWriter` parameters. */
export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
}

/** kubectl `get` tables: `printers.GetNewTabWriter` (6, 4, 3, ' ', RememberWidths). */
export const GET_TABWRITER: TabWriterOptions = Object.freeze({
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: ' ',
  flags: RememberWidths,
});

/** kubectl `describe`: `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`. */
export const DESCRIBE_TABWRITER: TabWriterOptions = Object.freeze({
  minwidth: 0,
  tabwidth: 8,
  padding: 2,
  padchar: ' ',
  flags: 0,
});

/** Number of code points in a string (what Go's utf8.RuneCount gives for valid UTF-8). */
export function runeCount(s: string): number {
  return runeCountIn(s, 0, s.length);
}

/** Number of code points in `s` from `from` to `to` (UTF-16 offsets). */
function runeCountIn(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * An elastic-tabstop writer. Feed text with {@link write}; call {@link flush}
 * at the end (or between sections). Output accumulates and is taken with
 * {@link take} or read from {@link output}.
 *
 * @see go/src/text/tabwriter/tabwriter.go Writer
 */
export class TabWriter {
  readonly minwidth: number;
  readonly tabwidth: number;
  readonly padding: number;
  readonly padchar: string;
  readonly flags: number;

  private out: string[] = [];
  private buf = '';
  /**
   * Width in code points of the text of `buf` not yet counted in a cell
   * (Go's `b.buf[b.pos:]`): counted as it is appended, so neither the growing
   * buffer nor a copy of the pending text is ever scanned again.
   */
  private pendingWidth = 0;
  /** Padding strings by length (a `get` table asks for the same few thousands of times). */
  private pads: string[] = [];
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = '';
  private lines: Cell[][] = [];
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(opts: Partial<TabWriterOptions> = {}) {
    this.minwidth = opts.minwidth ?? 0;
    this.tabwidth = opts.tabwidth ?? 8;
    this.padding = opts.padding ?? 1;
    this.padchar = opts.padchar ?? ' ';
    let flags = opts.flags ?? 0;
    if (this.padchar === '\t') {
      // Go: tab padding enforces left-alignment
      flags &= ~AlignRight;
    }
    this.flags = flags;
    this.reset();
  }

  /** The text produced so far (formatted, flushed parts only). */
  get output(): string {
    return this.out.join('');
  }

  /** Returns the text produced so far and clears it. */
  take(): string {
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  /** liggitt fork: the remembered column widths. */
  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** liggitt fork: seeds the remembered widths (e.g. from a previous writer). */
  setRememberedWidths(widths: readonly number[]): this {
    this.maxwidths = [...widths];
    return this;
  }

  private reset(): void {
    this.buf = '';
    this.pendingWidth = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = '';
    this.lines = [];
    this.widths = [];
    this.lines.push([]);
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      const w = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = w - textw;
      if (n < 0) throw new Error('tabwriter: internal error');
      this.out.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    if (cellw > textw) {
      const n = cellw - textw;
      this.out.push((this.pads[n] ??= this.padchar.repeat(n)));
    }
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && (this.flags & Debug) !== 0) this.out.push('|');
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out.push(this.buf.slice(pos, pos + c.size));
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out.push(this.buf.slice(pos, pos + c.size));
            pos += c.size;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline yet: emit its pending text
        this.out.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.out.push('\n');
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lines[cur].length - 1) continue;
      // a cell exists in this column: print the lines above the block
      pos = this.writeLines(pos, line0, cur);
      line0 = cur;
      let width = this.minwidth;
      let discardable = true;
      for (; cur < line1; cur++) {
        const line = this.lines[cur];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && (this.flags & DiscardEmptyColumns) !== 0) width = 0;
      if ((this.flags & RememberWidths) !== 0) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k] > width) width = this.maxwidths[k];
        else if (this.maxwidths[k] < width) this.maxwidths[k] = width;
      }
      this.widths.push(width);
      pos = this.format(pos, line0, cur);
      this.widths.pop();
      // line `cur` ends the block and has no cell here, so the loop may skip it
      line0 = cur;
    }
    return this.writeLines(pos, line0, line1);
  }

  /** Appends `text` from `from` to `to` to the current cell. */
  /**
   * Appends `text` from `from` to `to` to the current cell (`paired`: the
   * text may hold surrogate pairs). A pair split between two writes would
   * count as two code points; callers write whole strings.
   */
  private append(text: string, from: number, to: number, paired: boolean): void {
    if (to <= from) return;
    this.buf += from === 0 && to === text.length ? text : text.slice(from, to);
    this.pendingWidth += paired ? runeCountIn(text, from, to) : to - from;
    this.cell.size += to - from;
  }

  private updateWidth(): void {
    this.cell.width += this.pendingWidth;
    this.pendingWidth = 0;
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private startEscape(ch: string): void {
    switch (ch) {
      case Escape:
        this.endChar = Escape;
        break;
      case '<':
        this.endChar = '>';
        break;
      case '&':
        this.endChar = ';';
        break;
    }
  }

  private endEscape(): void {
    switch (this.endChar) {
      case Escape:
        this.updateWidth();
        if ((this.flags & StripEscape) === 0) this.cell.width -= 2;
        break;
      case '>':
        break;
      case ';':
        this.cell.width++;
        break;
    }
    this.pendingWidth = 0;
    this.endChar = '';
  }

  private flushInternal(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  /** Writes text; formatted output appears once a block can be laid out. */
  write(text: string): this {
    // Without surrogates, a width in code points is a length. (Both tests
    // are answered without a look at each character when `text` is Latin-1.)
    const paired = SURROGATE.test(text);
    const special = (this.flags & FilterHTML) !== 0 ? SPECIAL_HTML : SPECIAL;
    if (this.endChar === '' && !special.test(text)) return this.writeCells(text, paired);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.endChar === '') {
        // Most characters are none of \t \n \v \f & < and Escape: skip them first.
        if (c > 0x0c && c !== 0x26 && c !== 0x3c && c !== 0xff) continue;
        switch (c) {
          case 0x09: // \t
          case 0x0b: // \v
          case 0x0a: // \n
          case 0x0c: // \f
            this.append(text, n, i, paired);
            n = i + 1;
            this.endCell(c);
            break;
          case 0xff: // Escape
            this.append(text, n, i, paired);
            this.updateWidth();
            n = i;
            if ((this.flags & StripEscape) !== 0) n++;
            this.startEscape(Escape);
            break;
          case 0x3c: // <
          case 0x26: // &
            if ((this.flags & FilterHTML) !== 0) {
              this.append(text, n, i, paired);
              this.updateWidth();
              n = i;
              this.startEscape(text[i]);
            }
            break;
        }
      } else if (text[i] === this.endChar) {
        let j = i + 1;
        if (c === 0xff && (this.flags & StripEscape) !== 0) j = i;
        this.append(text, n, j, paired);
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(text, n, text.length, paired);
    return this;
  }

  /**
   * `write` for text whose only special characters are tabs and newlines
   * (every `get` table): they are found with indexOf, which is several
   * times faster than a loop over each character of a 1,000-row table.
   */
  private writeCells(text: string, paired: boolean): this {
    let n = 0;
    let tab = text.indexOf('\t');
    let nl = text.indexOf('\n');
    while (tab >= 0 || nl >= 0) {
      let i: number;
      if (tab >= 0 && (nl < 0 || tab < nl)) {
        i = tab;
        tab = text.indexOf('\t', i + 1);
      } else {
        i = nl;
        nl = text.indexOf('\n', i + 1);
      }
      this.append(text, n, i, paired);
      n = i + 1;
      this.endCell(text.charCodeAt(i));
    }
    this.append(text, n, text.length, paired);
    return this;
  }

  /** The cell ends at a \t, \v, \n or \f (`c`); a line break may let the writer flush. */
  private endCell(c: number): void {
    this.updateWidth();
    const ncells = this.terminateCell(c === 0x09);
    if (c === 0x0a || c === 0x0c) {
      this.lines.push([]);
      if (c === 0x0c || ncells === 1) {
        // a one-cell line cannot influence the layout of later lines
        this.flushInternal();
        if (c === 0x0c && (this.flags & Debug) !== 0) this.out.push('---\n');
      }
    }
  }

  /** Formats and emits everything buffered; ends all column blocks. */
  flush(): this {
    this.flushInternal();
    return this;
  }
}

/**
 * Lays out rows as tab-terminated cells, one line per row, and flushes. Each
 * row's last value is the text after the last tab (kubectl's printers join
 * cells with `\t` and end the line with `\n`, so the last column is not padded).
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  opts: Partial<TabWriterOptions> = GET_TABWRITER,
): string {
  const w = new TabWriter(opts);
  for (const row of rows) w.write(row.join('\t') + '\n');
  return w.flush().take();
}
