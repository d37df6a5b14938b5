import { describe, expect, it } from 'vitest';
import { editorReducer, editorText, initialEditor, type EditorAction } from './editor-state.js';

const apply = (text: string, actions: EditorAction[]) => actions.reduce(editorReducer, initialEditor(text));

describe('built-in editor', () => {
  it('types, splits lines keeping indentation, and joins them with Backspace', () => {
    let s = apply('data:\n  a: 1\n', [{ type: 'MOVE', dRow: 1, dCol: 0 }, { type: 'END' }, { type: 'NEWLINE' }, { type: 'INSERT', text: 'b: 2' }]);
    expect(editorText(s)).toBe('data:\n  a: 1\n  b: 2\n');
    s = editorReducer(editorReducer(s, { type: 'HOME' }), { type: 'BACKSPACE' });
    expect(s.lines[1]).toBe('  a: 1  b: 2');
  });

  it('keeps the cursor in the text and scrolls the view to it', () => {
    let s = apply('ab\nc\n', [{ type: 'END' }, { type: 'MOVE', dRow: 1, dCol: 0 }]);
    expect([s.row, s.col]).toEqual([1, 1]);
    s = apply(Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n'), [{ type: 'PAGE', by: 20 }, { type: 'FIT', height: 10 }]);
    expect(s.top).toBe(11);
  });
});
