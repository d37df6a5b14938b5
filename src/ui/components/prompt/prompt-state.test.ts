import { describe, expect, it } from 'vitest';
import { heredocTerminator, initialPrompt, pasteActions, promptReducer, type PromptAction, type PromptState } from './prompt-state.js';

function run(actions: PromptAction[], s: PromptState = initialPrompt()) {
  const submitted: string[] = [];
  for (const a of actions) {
    const r = promptReducer(s, a);
    s = r.state;
    if (r.submitted !== undefined) submitted.push(r.submitted);
  }
  return { s, submitted };
}
const ins = (text: string): PromptAction => ({ type: 'INSERT', text });

describe('prompt editing', () => {
  it('inserts at the cursor, moves, and kills like readline', () => {
    let { s } = run([ins('kubectl get pods'), { type: 'HOME' }, { type: 'RIGHT' }, ins('X')]);
    expect(s.text).toBe('kXubectl get pods');
    ({ s } = run([{ type: 'END' }, { type: 'KILL_WORD_BACK' }], s));
    expect(s.text).toBe('kXubectl get ');
    ({ s } = run([{ type: 'LEFT' }, { type: 'LEFT' }, { type: 'KILL_LINE_FORWARD' }], s));
    expect(s.text).toBe('kXubectl ge');
    ({ s } = run([{ type: 'KILL_LINE_BACK' }], s));
    expect(s).toMatchObject({ text: '', cursor: 0 });
  });

  it('keeps history, browses it with Up/Down and restores the draft', () => {
    const { s } = run([ins('one'), { type: 'SUBMIT' }, ins('two'), { type: 'SUBMIT' }, ins('dra')]);
    expect(s.history).toEqual(['one', 'two']);
    let r = run([{ type: 'HISTORY_PREV' }], s);
    expect(r.s.text).toBe('two');
    r = run([{ type: 'HISTORY_PREV' }, { type: 'HISTORY_PREV' }], r.s);
    expect(r.s.text).toBe('one');
    r = run([{ type: 'HISTORY_NEXT' }, { type: 'HISTORY_NEXT' }], r.s);
    expect(r.s.text).toBe('dra');
  });

  it('searches history backwards with Ctrl+R and runs the match on Enter', () => {
    const { s } = run([ins('kubectl get pods'), { type: 'SUBMIT' }, ins('kubectl describe pod x'), { type: 'SUBMIT' }, ins('echo hi'), { type: 'SUBMIT' }]);
    let r = run([{ type: 'SEARCH' }, ins('kubectl')], s);
    expect(r.s.search).toMatchObject({ query: 'kubectl', match: 1 });
    r = run([{ type: 'SEARCH' }], r.s);
    expect(r.s.search?.match).toBe(0);
    r = run([{ type: 'SUBMIT' }], r.s);
    expect(r.submitted).toEqual(['kubectl get pods']);
  });

  it('an editing key accepts the search match into the line', () => {
    const { s } = run([ins('kubectl get pods'), { type: 'SUBMIT' }, { type: 'SEARCH' }, ins('get'), { type: 'END' }]);
    expect(s.search).toBeNull();
    expect(s.text).toBe('kubectl get pods');
  });

  it('keeps reading lines of a heredoc until its terminator', () => {
    const { s, submitted } = run(pasteActions("kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF\n"));
    expect(submitted).toEqual(['kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF']);
    expect(s.pending).toEqual([]);
    const partial = run(pasteActions("cat <<'END'\nhello\n"));
    expect(partial.submitted).toEqual([]);
    expect(partial.s.pending).toEqual(["cat <<'END'", 'hello']);
  });

  it('recognises heredoc openers', () => {
    expect(heredocTerminator('kubectl apply -f - <<EOF')).toEqual({ word: 'EOF', stripTabs: false });
    expect(heredocTerminator("cat <<-'X'")).toEqual({ word: 'X', stripTabs: true });
    expect(heredocTerminator('echo a << b')).toEqual({ word: 'b', stripTabs: false });
    expect(heredocTerminator('echo "<"')).toBeUndefined();
    expect(heredocTerminator('base64 -d <<< "cGFzcw=="')).toBeUndefined();
    expect(heredocTerminator('cat > pod.yaml <<EOF')).toEqual({ word: 'EOF', stripTabs: false });
  });

  it('pastes several lines as several commands, dropping control characters', () => {
    const { submitted } = run(pasteActions('echo a\r\necho \x01b\n'));
    expect(submitted).toEqual(['echo a', 'echo b']);
  });

  it('applies completions and lists candidates', () => {
    const { s } = run([ins('kubectl -n sh'), { type: 'COMPLETE', replaceFrom: 11, replacement: 'shop ', candidates: [] }]);
    expect(s).toMatchObject({ text: 'kubectl -n shop ', cursor: 16 });
    const r = run([{ type: 'COMPLETE', replaceFrom: 16, replacement: 'd', candidates: ['deploy', 'describe'] }], s);
    expect(r.s.candidates).toEqual(['deploy', 'describe']);
    expect(run([ins('x')], r.s).s.candidates).toEqual([]);
  });
});
