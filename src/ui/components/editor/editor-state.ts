/** The built-in editor (used when no $KUBE_EDITOR/$EDITOR/vi can run) as a pure reducer. */
export interface EditorState {
  lines: string[];
  row: number;
  col: number;
  /** First visible line. */
  top: number;
}

export type EditorAction =
  | { type: 'INSERT'; text: string }
  | { type: 'NEWLINE' }
  | { type: 'BACKSPACE' }
  | { type: 'MOVE'; dRow: number; dCol: number }
  | { type: 'HOME' }
  | { type: 'END' }
  | { type: 'PAGE'; by: number }
  | { type: 'FIT'; height: number };

export function initialEditor(text: string): EditorState {
  const lines = text.replace(/\n$/, '').split('\n');
  return { lines, row: 0, col: 0, top: 0 };
}

export function editorText(s: EditorState): string {
  return s.lines.join('\n') + '\n';
}

const clampCol = (s: EditorState): EditorState => ({ ...s, col: Math.min(s.col, s.lines[s.row].length) });

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  const line = s.lines[s.row];
  switch (a.type) {
    case 'INSERT': {
      const parts = a.text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n');
      let st = s;
      parts.forEach((p, i) => {
        if (i > 0) st = editorReducer(st, { type: 'NEWLINE' });
        const l = st.lines[st.row];
        const lines = [...st.lines];
        lines[st.row] = l.slice(0, st.col) + p + l.slice(st.col);
        st = { ...st, lines, col: st.col + p.length };
      });
      return st;
    }
    case 'NEWLINE': {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const lines = [...s.lines];
      lines.splice(s.row, 1, line.slice(0, s.col), indent + line.slice(s.col));
      return { ...s, lines, row: s.row + 1, col: indent.length };
    }
    case 'BACKSPACE': {
      if (s.col > 0) {
        const lines = [...s.lines];
        lines[s.row] = line.slice(0, s.col - 1) + line.slice(s.col);
        return { ...s, lines, col: s.col - 1 };
      }
      if (s.row === 0) return s;
      const prev = s.lines[s.row - 1];
      const lines = [...s.lines];
      lines.splice(s.row - 1, 2, prev + line);
      return { ...s, lines, row: s.row - 1, col: prev.length };
    }
    case 'MOVE': {
      if (a.dCol !== 0) {
        let { row, col } = s;
        col += a.dCol;
        if (col < 0 && row > 0) {
          row--;
          col = s.lines[row].length;
        } else if (col > s.lines[row].length && row < s.lines.length - 1) {
          row++;
          col = 0;
        }
        return clampCol({ ...s, row, col: Math.max(0, col) });
      }
      const row = Math.min(s.lines.length - 1, Math.max(0, s.row + a.dRow));
      return clampCol({ ...s, row });
    }
    case 'HOME':
      return { ...s, col: 0 };
    case 'END':
      return { ...s, col: line.length };
    case 'PAGE':
      return clampCol({ ...s, row: Math.min(s.lines.length - 1, Math.max(0, s.row + a.by)) });
    case 'FIT': {
      let top = s.top;
      if (s.row < top) top = s.row;
      if (s.row >= top + a.height) top = s.row - a.height + 1;
      return top === s.top ? s : { ...s, top };
    }
  }
}
