/**
 * The drill's scrollback as a pure reducer: lines with a kind (so meaning
 * never rests on colour: commands start with `$`, hints with `hint`), a
 * vertical offset from the bottom and a horizontal offset for wide tables.
 */
export type LineKind = 'command' | 'stdout' | 'stderr' | 'info' | 'hint' | 'success' | 'warning';

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
  | { type: 'CLEAR' };

export const MAX_LINES = 5000;

export const initialOutput: OutputState = { lines: [], scroll: 0, hscroll: 0 };

export function outputReducer(s: OutputState, a: OutputAction): OutputState {
  switch (a.type) {
    case 'APPEND': {
      const lines = [...s.lines, ...a.lines].slice(-MAX_LINES);
      return { ...s, lines, scroll: 0, hscroll: 0 };
    }
    case 'SCROLL': {
      const max = Math.max(0, s.lines.length - a.viewport);
      return { ...s, scroll: Math.min(max, Math.max(0, s.scroll + a.by)) };
    }
    case 'HSCROLL':
      return { ...s, hscroll: Math.max(0, s.hscroll + a.by) };
    case 'CLEAR':
      return initialOutput;
  }
}

/** Splits command output into lines (a trailing newline adds no empty line; tabs become spaces). */
export function textLines(text: string, kind: LineKind): OutputLine[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((t) => ({ kind, text: t.replace(/\t/g, '        ').replace(/\r/g, '') }));
}

/** The lines to show in a viewport of `height` rows. */
export function visibleLines(s: OutputState, height: number): OutputLine[] {
  const end = s.lines.length - s.scroll;
  return s.lines.slice(Math.max(0, end - height), end);
}
