/**
 * The drill prompt's line editor as a pure reducer: readline-style editing,
 * history (Up/Down, Ctrl+R reverse search) and heredoc continuation. Several
 * keys can arrive in one frame, so every key goes through here in order.
 */

export interface SearchState {
  query: string;
  /** Index into history of the current match, or -1 for none. */
  match: number;
}

export interface PromptState {
  text: string;
  cursor: number;
  history: string[];
  /** Position while browsing history (history.length = the draft line). */
  historyIndex: number;
  draft: string;
  search: SearchState | null;
  /** Lines already entered of a command with an open heredoc. */
  pending: string[];
  /** Completion candidates shown under the prompt after an ambiguous Tab. */
  candidates: string[];
}

export type PromptAction =
  | { type: 'INSERT'; text: string }
  | { type: 'BACKSPACE' }
  | { type: 'DELETE_FORWARD' }
  | { type: 'LEFT' }
  | { type: 'RIGHT' }
  | { type: 'HOME' }
  | { type: 'END' }
  | { type: 'KILL_LINE_BACK' }
  | { type: 'KILL_LINE_FORWARD' }
  | { type: 'KILL_WORD_BACK' }
  | { type: 'HISTORY_PREV' }
  | { type: 'HISTORY_NEXT' }
  | { type: 'SEARCH' }
  | { type: 'SEARCH_CANCEL' }
  | { type: 'CANCEL_LINE' }
  | { type: 'COMPLETE'; replaceFrom: number; replacement: string; candidates: string[] }
  | { type: 'SUBMIT' };

export interface PromptResult {
  state: PromptState;
  /** A complete command to run (heredoc bodies included). */
  submitted?: string;
}

export function initialPrompt(history: string[] = []): PromptState {
  return { text: '', cursor: 0, history, historyIndex: history.length, draft: '', search: null, pending: [], candidates: [] };
}

/** The heredoc terminator a line opens (`<<EOF`, `<<'EOF'`, `<<-EOF`), if any; `<<<` is a here-string, not a heredoc. */
export function heredocTerminator(line: string): { word: string; stripTabs: boolean } | undefined {
  const m = /(?<!<)<<(?!<)(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(line);
  return m ? { word: m[3], stripTabs: m[1] === '-' } : undefined;
}

function searchFrom(history: string[], query: string, before: number): number {
  if (query === '') return -1;
  for (let i = Math.min(before, history.length - 1); i >= 0; i--) if (history[i].includes(query)) return i;
  return -1;
}

const set = (s: PromptState, text: string, cursor = text.length): PromptState => ({ ...s, text, cursor, candidates: [] });

export function promptReducer(s: PromptState, a: PromptAction): PromptResult {
  if (s.search) {
    const search = s.search;
    switch (a.type) {
      case 'INSERT': {
        const query = search.query + a.text.replace(/[\r\n]/g, '');
        return { state: { ...s, search: { query, match: searchFrom(s.history, query, s.history.length - 1) } } };
      }
      case 'BACKSPACE': {
        const query = search.query.slice(0, -1);
        return { state: { ...s, search: { query, match: searchFrom(s.history, query, s.history.length - 1) } } };
      }
      case 'SEARCH': {
        const next = searchFrom(s.history, search.query, search.match - 1);
        return { state: { ...s, search: { ...search, match: next === -1 ? search.match : next } } };
      }
      case 'SEARCH_CANCEL':
      case 'CANCEL_LINE':
        return { state: { ...s, search: null } };
      case 'SUBMIT': {
        const found = search.match >= 0 ? s.history[search.match] : s.text;
        return promptReducer({ ...set(s, found), search: null }, a);
      }
      default: {
        // Any editing key accepts the match and applies to the line, as bash does.
        const found = search.match >= 0 ? s.history[search.match] : s.text;
        return promptReducer({ ...set(s, found), search: null }, a);
      }
    }
  }
  const { text, cursor } = s;
  switch (a.type) {
    case 'INSERT':
      return { state: set(s, text.slice(0, cursor) + a.text + text.slice(cursor), cursor + a.text.length) };
    case 'BACKSPACE':
      if (cursor === 0) return { state: s };
      return { state: set(s, text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1) };
    case 'DELETE_FORWARD':
      return { state: set(s, text.slice(0, cursor) + text.slice(cursor + 1), cursor) };
    case 'LEFT':
      return { state: { ...s, cursor: Math.max(0, cursor - 1) } };
    case 'RIGHT':
      return { state: { ...s, cursor: Math.min(text.length, cursor + 1) } };
    case 'HOME':
      return { state: { ...s, cursor: 0 } };
    case 'END':
      return { state: { ...s, cursor: text.length } };
    case 'KILL_LINE_BACK':
      return { state: set(s, text.slice(cursor), 0) };
    case 'KILL_LINE_FORWARD':
      return { state: set(s, text.slice(0, cursor), cursor) };
    case 'KILL_WORD_BACK': {
      let i = cursor;
      while (i > 0 && text[i - 1] === ' ') i--;
      while (i > 0 && text[i - 1] !== ' ') i--;
      return { state: set(s, text.slice(0, i) + text.slice(cursor), i) };
    }
    case 'HISTORY_PREV': {
      if (s.historyIndex === 0 || s.history.length === 0) return { state: s };
      const draft = s.historyIndex === s.history.length ? text : s.draft;
      const i = s.historyIndex - 1;
      return { state: { ...set(s, s.history[i]), historyIndex: i, draft } };
    }
    case 'HISTORY_NEXT': {
      if (s.historyIndex >= s.history.length) return { state: s };
      const i = s.historyIndex + 1;
      return { state: { ...set(s, i === s.history.length ? s.draft : s.history[i]), historyIndex: i } };
    }
    case 'SEARCH':
      return { state: { ...s, search: { query: '', match: -1 }, candidates: [] } };
    case 'SEARCH_CANCEL':
      return { state: s };
    case 'CANCEL_LINE':
      return { state: { ...set(s, ''), pending: [], historyIndex: s.history.length } };
    case 'COMPLETE': {
      const next = text.slice(0, a.replaceFrom) + a.replacement + text.slice(cursor);
      return { state: { ...set(s, next, a.replaceFrom + a.replacement.length), candidates: a.candidates } };
    }
    case 'SUBMIT': {
      const lines = [...s.pending, text];
      const opener = heredocTerminator(lines[0]);
      if (opener && lines.length > 0) {
        const last = opener.stripTabs ? text.replace(/^\t+/, '') : text;
        if (lines.length === 1 || last !== opener.word) {
          return { state: { ...set(s, ''), pending: lines } };
        }
      }
      const command = lines.join('\n');
      const history = command.trim() === '' || s.history.at(-1) === command ? s.history : [...s.history, command].slice(-500);
      return {
        state: { ...initialPrompt(history) },
        submitted: command,
      };
    }
  }
}

/**
 * Splits pasted text into editor actions: each newline submits the line so
 * far, so a pasted heredoc runs once its terminator arrives.
 */
export function pasteActions(text: string): PromptAction[] {
  const out: PromptAction[] = [];
  // eslint-disable-next-line no-control-regex
  const parts = text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').split('\n');
  parts.forEach((p, i) => {
    if (p !== '') out.push({ type: 'INSERT', text: p.replace(/\t/g, '  ') });
    if (i < parts.length - 1) out.push({ type: 'SUBMIT' });
  });
  return out;
}
