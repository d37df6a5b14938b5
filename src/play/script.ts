/**
 * A play script: one step per line (`kubectl …`, `k …`, `sleep 30s`,
 * `check`, other shell lines), `#` comments and blank lines skipped, and
 * heredoc bodies (`<<EOF` … `EOF`) kept with the line that opens them.
 */
export type Step =
  | { kind: 'shell'; text: string; display: string; line: number }
  | { kind: 'sleep'; duration: string; display: string; line: number }
  | { kind: 'check'; display: string; line: number };

export type ScriptParse = { ok: true; steps: Step[] } | { ok: false; message: string };

export function parseScript(source: string): ScriptParse {
  const lines = source.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const lineNo = i + 1;
    if (line === 'check') {
      steps.push({ kind: 'check', display: line, line: lineNo });
      continue;
    }
    const sleep = /^sleep\s+(\S+)$/.exec(line);
    if (sleep) {
      steps.push({ kind: 'sleep', duration: sleep[1], display: line, line: lineNo });
      continue;
    }
    const block = [line];
    // `<<<` is a here-string (one word on the same line), not a heredoc.
    for (const m of line.matchAll(/(?<!<)<<(?!<)-?\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))/g)) {
      const delimiter = m[1] ?? m[2] ?? m[3];
      const stripTabs = m[0].startsWith('<<-');
      let closed = false;
      while (++i < lines.length) {
        const body = lines[i].replace(/\r$/, '');
        block.push(body);
        if ((stripTabs ? body.replace(/^\t+/, '') : body) === delimiter) {
          closed = true;
          break;
        }
      }
      if (!closed) return { ok: false, message: `line ${lineNo}: here-document not closed (wanted \`${delimiter}')` };
    }
    const text = block.join('\n');
    steps.push({ kind: 'shell', text, display: text, line: lineNo });
  }
  return { ok: true, steps };
}
