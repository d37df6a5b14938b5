/**
 * The drill's scrollback as a pure reducer: lines with a kind (so meaning
 * never rests on colour: commands start with `$`, hints with `hint`), a
 * vertical offset from the bottom and a horizontal offset for wide tables.
 */
export type LineKind = 'command' | 'stdout' | 'stderr' | 'info' | 'hint' | 'success' | 'warning' | 'prose';

/** Kinds that are the trainer's prose: wrapped to the width. Command output never wraps. */
const WRAPPED: ReadonlySet<LineKind> = new Set(['info', 'hint', 'success', 'warning', 'prose']);

export interface OutputLine {
  kind: LineKind;
  text: string;
}

export interface OutputState {
  lines: OutputLine[];
  /** Lines scrolled up from the bottom (0 = following the newest output). */
  scroll: number;
  /** Columns scrolled right. */
  hscroll: number;
}

export type OutputAction =
  | { type: 'APPEND'; lines: OutputLine[] }
  | { type: 'SCROLL'; by: number; viewport: number }
  | { type: 'HSCROLL'; by: number }
  | { type: 'CLEAR' }
  /** The clock moved forward: repeated moves (a held key) update one line instead of adding many. */
  | { type: 'CLOCK'; ms: number };

const CLOCK_LINE = /^\(the cluster's clock moved (\d+)s forward\)$/;

export const MAX_LINES = 5000;

export const initialOutput: OutputState = { lines: [], scroll: 0, hscroll: 0 };

export function outputReducer(s: OutputState, a: OutputAction): OutputState {
  switch (a.type) {
    case 'APPEND': {
      const lines = [...s.lines, ...a.lines].slice(-MAX_LINES);
      return { ...s, lines, scroll: 0, hscroll: 0 };
    }
    case 'SCROLL': {
      // Bounded by logical lines here; the view clamps by wrapped rows.
      const max = Math.max(0, s.lines.length * 2 - a.viewport);
      return { ...s, scroll: Math.min(max, Math.max(0, s.scroll + a.by)) };
    }
    case 'HSCROLL':
      return { ...s, hscroll: Math.max(0, s.hscroll + a.by) };
    case 'CLEAR':
      return initialOutput;
    case 'CLOCK': {
      const last = s.lines.at(-1);
      const m = last?.kind === 'info' ? CLOCK_LINE.exec(last.text) : null;
      const total = Math.round(a.ms / 1000) + (m ? Number(m[1]) : 0);
      const line: OutputLine = { kind: 'info', text: `(the cluster's clock moved ${total}s forward)` };
      return { ...s, lines: m ? [...s.lines.slice(0, -1), line] : [...s.lines, line].slice(-MAX_LINES), scroll: 0 };
    }
  }
}

/** Rejoins prose that was hard-wrapped in a YAML block (lines over 60 columns continue on the next). */
export function reflow(text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  const out: string[] = [];
  for (const l of lines) {
    const prev = out.length ? out[out.length - 1] : undefined;
    if (prev !== undefined && prev.length > 60 && l.trim() !== '' && !/^\s*[-*]/.test(l)) out[out.length - 1] = `${prev} ${l.trim()}`;
    else out.push(l);
  }
  return out.join('\n') + '\n';
}

/** A tab moves to the next multiple of 8 columns, as on a terminal (`cat -n`, `ls` columns, `diff -u` headers). */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let col = 0;
  for (const ch of line) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

/** Splits command output into lines (a trailing newline adds no empty line; tabs expand to 8-column stops). */
export function textLines(text: string, kind: LineKind): OutputLine[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((t) => ({ kind, text: expandTabs(t.replace(/\r/g, '')) }));
}

/** Word-wraps prose to a width (kubectl output is left alone: it is cut, never wrapped). */
export function wrapText(text: string, width: number): string[] {
  if (width < 10 || text.length <= width) return [text];
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const out: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : indent + word;
    if (candidate.length > width && line) {
      out.push(line);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}

/** Screen rows for the lines at a width. */
export function displayRows(lines: readonly OutputLine[], width: number): OutputLine[] {
  const out: OutputLine[] = [];
  for (const l of lines) {
    if (WRAPPED.has(l.kind)) for (const t of wrapText(l.text, width)) out.push({ kind: l.kind, text: t });
    else out.push(l);
  }
  return out;
}

/** The rows to show in a viewport of `height` rows and `width` columns. */
export function visibleLines(s: OutputState, height: number, width = Infinity): OutputLine[] {
  const rows = width === Infinity ? s.lines : displayRows(s.lines, width);
  const scroll = Math.min(s.scroll, Math.max(0, rows.length - height));
  const end = rows.length - scroll;
  return rows.slice(Math.max(0, end - height), end);
}
