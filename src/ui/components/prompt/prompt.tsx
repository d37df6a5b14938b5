import { Box, Text, useCursor } from 'ink';
import { useEffect } from 'react';
import type { PromptState } from './prompt-state.js';
import { theme } from '../../theme.js';

export interface PromptProps {
  state: PromptState;
  width: number;
  /** The prompt's row inside the Ink output (for the terminal cursor). */
  row: number;
  label?: string;
  /** The primary prompt in place of `$ ` (a container shell's `/ # `); `> ` still continues a heredoc. */
  ps1?: string;
  active: boolean;
}

/** Shows a line window that keeps the cursor visible, as readline scrolls a long line. */
export function visibleWindow(text: string, cursor: number, room: number): { shown: string; cursorCol: number } {
  if (room <= 1) return { shown: '', cursorCol: 0 };
  if (text.length < room) return { shown: text, cursorCol: cursor };
  const start = Math.max(0, Math.min(cursor - room + 2, text.length - room + 1));
  const from = cursor < start ? cursor : start;
  const shown = (from > 0 ? '<' : '') + text.slice(from + (from > 0 ? 1 : 0), from + room - 1);
  return { shown, cursorCol: cursor - from };
}

/** The drill's command line: `$ ` (or a container shell's prompt), `> ` (heredoc continuation) or the reverse search. */
export function Prompt({ state, width, row, label, ps1, active }: PromptProps) {
  const { setCursorPosition } = useCursor();
  let prefix: string;
  let text: string;
  let cursor: number;
  if (state.search) {
    const match = state.search.match >= 0 ? state.history[state.search.match] : '';
    prefix = `(reverse-i-search)\`${state.search.query}': `;
    text = match.replace(/\n/g, ' ⏎ ');
    cursor = Math.max(0, text.indexOf(state.search.query));
  } else {
    prefix = label ?? (state.pending.length ? '> ' : (ps1 ?? '$ '));
    text = state.text;
    cursor = state.cursor;
  }
  const room = Math.max(4, width - prefix.length - 1);
  const { shown, cursorCol } = visibleWindow(text, cursor, room);
  const x = prefix.length + cursorCol;
  useEffect(() => {
    setCursorPosition(active ? { x, y: row } : undefined);
  }, [active, x, row, setCursorPosition]);
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <Text color={state.search ? theme.warn : theme.prompt} bold>
          {prefix}
        </Text>
        {shown}
      </Text>
    </Box>
  );
}
