import { Box, Text, useCursor } from 'ink';
import { useEffect, useReducer } from 'react';
import { useKeys } from '../../hooks/use-keys.js';
import { editorReducer, editorText, initialEditor } from './editor-state.js';
import { footer, matches } from '../../keymap.js';
import { theme } from '../../theme.js';

export interface BuiltinEditorProps {
  text: string;
  title: string;
  width: number;
  height: number;
  /** Row of the editor's first line inside the Ink output. */
  top: number;
  onSave: (text: string) => void;
  onCancel: () => void;
}

/** A small full-screen text editor: arrows, typing, Enter, Backspace, Ctrl+S saves, Esc cancels. */
export function BuiltinEditor({ text, title, width, height, top, onSave, onCancel }: BuiltinEditorProps) {
  const [state, dispatch] = useReducer(editorReducer, text, initialEditor);
  const bodyHeight = Math.max(3, height - 2);
  const { setCursorPosition } = useCursor();
  useEffect(() => {
    dispatch({ type: 'FIT', height: bodyHeight });
  }, [state.row, bodyHeight]);
  const gutter = String(state.lines.length).length + 1;
  useEffect(() => {
    setCursorPosition({ x: gutter + 1 + state.col, y: top + 1 + state.row - state.top });
  }, [gutter, state.col, state.row, state.top, top, setCursorPosition]);
  useKeys((input, key) => {
    if (matches('editorSave', input, key)) return onSave(editorText(state));
    if (matches('editorCancel', input, key)) return onCancel();
    if (key.upArrow) return dispatch({ type: 'MOVE', dRow: -1, dCol: 0 });
    if (key.downArrow) return dispatch({ type: 'MOVE', dRow: 1, dCol: 0 });
    if (key.leftArrow) return dispatch({ type: 'MOVE', dRow: 0, dCol: -1 });
    if (key.rightArrow) return dispatch({ type: 'MOVE', dRow: 0, dCol: 1 });
    if (key.pageUp) return dispatch({ type: 'PAGE', by: -bodyHeight });
    if (key.pageDown) return dispatch({ type: 'PAGE', by: bodyHeight });
    if (key.home || (key.ctrl && input === 'a')) return dispatch({ type: 'HOME' });
    if (key.end || (key.ctrl && input === 'e')) return dispatch({ type: 'END' });
    if (key.return) return dispatch({ type: 'NEWLINE' });
    if (key.backspace || key.delete) return dispatch({ type: 'BACKSPACE' });
    if (key.ctrl || key.meta || key.escape) return;
    if (input) dispatch({ type: 'INSERT', text: input });
  });
  const visible = state.lines.slice(state.top, state.top + bodyHeight);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end" inverse>
        {` built-in editor: ${title} `.padEnd(width)}
      </Text>
      <Box flexDirection="column" height={bodyHeight}>
        {visible.map((l, i) => (
          <Text key={state.top + i} wrap="truncate-end">
            <Text color={theme.dim}>{String(state.top + i + 1).padStart(gutter - 1)} </Text>
            {l || ' '}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate-end" color={theme.dim}>
        {`${footer(['editorSave', 'editorCancel'])} · line ${state.row + 1}/${state.lines.length}`}
      </Text>
    </Box>
  );
}
