/**
 * The small shell the trainer understands: words with quotes and escapes,
 * `$VAR`/`${VAR}`/`$(…)` expansion, pipes, `&&`, `||`, `;`, `VAR=value`
 * assignments, `2>&1`/`2>/dev/null`/`>/dev/null`, and heredocs (`<<EOF`).
 * Parsing is separate from running so the UI can reuse it for completion.
 */

/** A piece of a word: literal text, or an expansion evaluated at run time. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'cmd'; source: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  /** Text fed on stdin by a heredoc. */
  heredoc?: string;
  /** Where stderr goes: the terminal, stdout (`2>&1`) or nowhere. */
  stderr: 'terminal' | 'stdout' | 'null';
  /** Whether stdout is discarded (`>/dev/null`). */
  stdoutNull: boolean;
}

export interface Pipeline {
  commands: SimpleCommand[];
}

/** Pipelines joined by `&&`, `||` or `;` (the operator before each, after the first). */
export interface CommandList {
  items: { op: '&&' | '||' | ';' | null; pipeline: Pipeline }[];
}

export type ParseResult = { ok: true; list: CommandList } | { ok: false; message: string };

interface HeredocPending {
  cmd: SimpleCommand;
  delimiter: string;
  stripTabs: boolean;
}

/** Parses one command line, possibly spanning several lines when it holds heredocs. */
export function parseShell(text: string): ParseResult {
  const items: CommandList['items'] = [];
  let rest = text;
  while (true) {
    const pending: HeredocPending[] = [];
    const parsed = parseLine(rest, pending);
    if (!parsed.ok) return parsed;
    parsed.list.items.forEach((it, i) => items.push(i === 0 && items.length > 0 ? { ...it, op: ';' } : it));
    rest = rest.slice(parsed.consumed);
    for (const h of pending) {
      const lines = rest.split('\n');
      const body: string[] = [];
      let found = false;
      let consumed = 0;
      for (const raw of lines) {
        consumed++;
        const line = h.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (line === h.delimiter) {
          found = true;
          break;
        }
        body.push(line);
      }
      if (!found) {
        return { ok: false, message: `warning: here-document delimited by end-of-file (wanted \`${h.delimiter}')` };
      }
      h.cmd.heredoc = body.length > 0 ? body.join('\n') + '\n' : '';
      rest = lines.slice(consumed).join('\n');
    }
    if (rest.trim() === '') break;
  }
  return { ok: true, list: { items } };
}

/** Parses up to the first newline outside quotes; `consumed` is how much text that took. */
function parseLine(line: string, pending: HeredocPending[]): (ParseResult & { ok: false }) | { ok: true; list: CommandList; consumed: number } {
  const items: CommandList['items'] = [];
  let op: '&&' | '||' | ';' | null = null;
  let pipeline: Pipeline = { commands: [] };
  let cmd = newCommand();
  let word: WordPart[] | null = null;
  let i = 0;

  const endWord = () => {
    if (word === null) return;
    const w: Word = { parts: word };
    const single = word.length === 1 && word[0].kind === 'lit' && !word[0].quoted ? word[0].text : undefined;
    const eq = single?.indexOf('=') ?? -1;
    if (cmd.words.length === 0 && single !== undefined && eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(single.slice(0, eq))) {
      cmd.assignments.push({ name: single.slice(0, eq), value: { parts: [{ kind: 'lit', text: single.slice(eq + 1), quoted: false }] } });
    } else if (cmd.words.length === 0 && word.length > 1 && word[0].kind === 'lit' && !word[0].quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word[0].text)) {
      // NAME="quoted" or NAME=$(…): the first part carries `NAME=`.
      const head = word[0].text;
      const k = head.indexOf('=');
      const valueParts: WordPart[] = [];
      if (head.length > k + 1) valueParts.push({ kind: 'lit', text: head.slice(k + 1), quoted: false });
      valueParts.push(...word.slice(1));
      cmd.assignments.push({ name: head.slice(0, k), value: { parts: valueParts } });
    } else {
      cmd.words.push(w);
    }
    word = null;
  };
  const lit = (text: string, quoted: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else word.push({ kind: 'lit', text, quoted });
  };
  const endCommand = (): string | undefined => {
    endWord();
    if (cmd.words.length === 0 && cmd.assignments.length === 0) return 'syntax error';
    pipeline.commands.push(cmd);
    cmd = newCommand();
    return undefined;
  };
  const endPipeline = (next: '&&' | '||' | ';' | null, token: string): string | undefined => {
    if (endCommand()) return `syntax error near unexpected token \`${token}'`;
    items.push({ op, pipeline });
    pipeline = { commands: [] };
    op = next;
    return undefined;
  };

  while (i < line.length) {
    const c = line[i];
    if (c === '\n') {
      i++;
      break;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < line.length && line[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) lit(line[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: "unexpected EOF while looking for matching `''" };
      lit(line.slice(i + 1, end), true);
      word ??= [];
      i = end + 1;
      continue;
    }
    if (c === '"') {
      word ??= [];
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const d = line[j];
        if (d === '"') {
          closed = true;
          j++;
          break;
        }
        if (d === '\\' && j + 1 < line.length && '$`"\\'.includes(line[j + 1])) {
          lit(line[j + 1], true);
          j += 2;
          continue;
        }
        if (d === '$') {
          const exp = readExpansion(line, j, true);
          if (typeof exp === 'string') return { ok: false, message: exp };
          if (exp) {
            word.push(exp.part);
            j = exp.end;
            continue;
          }
        }
        lit(d, true);
        j++;
      }
      if (!closed) return { ok: false, message: 'unexpected EOF while looking for matching `"\'' };
      i = j;
      continue;
    }
    if (c === '$') {
      const exp = readExpansion(line, i, false);
      if (typeof exp === 'string') return { ok: false, message: exp };
      if (exp) {
        word ??= [];
        word.push(exp.part);
        i = exp.end;
        continue;
      }
      lit('$', false);
      i++;
      continue;
    }
    if (word === null && line.startsWith('2>&1', i)) {
      cmd.stderr = 'stdout';
      i += 4;
      continue;
    }
    if (word === null && (line.startsWith('2>/dev/null', i) || line.startsWith('2> /dev/null', i))) {
      cmd.stderr = 'null';
      i += line.startsWith('2>/dev/null', i) ? 11 : 12;
      continue;
    }
    if (c === '>' || (word === null && line.startsWith('1>', i))) {
      endWord();
      const m = /^(?:1)?>\s*\/dev\/null/.exec(line.slice(i));
      if (m) {
        cmd.stdoutNull = true;
        i += m[0].length;
        continue;
      }
      return { ok: false, message: 'redirecting output to files is not simulated (only >/dev/null and 2>&1)' };
    }
    if (c === '<' && line.startsWith('<<', i)) {
      endWord();
      let j = i + 2;
      let stripTabs = false;
      if (line[j] === '-') {
        stripTabs = true;
        j++;
      }
      while (line[j] === ' ') j++;
      const m = /^(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))/.exec(line.slice(j));
      if (!m) return { ok: false, message: "syntax error near unexpected token `newline'" };
      pending.push({ cmd, delimiter: m[1] ?? m[2] ?? m[3], stripTabs });
      i = j + m[0].length;
      continue;
    }
    if (c === '<') return { ok: false, message: 'reading input from files is not simulated (use -f FILE)' };
    if (c === '|' && line[i + 1] === '|') {
      const err = endPipeline('||', '||');
      if (err) return { ok: false, message: err };
      i += 2;
      continue;
    }
    if (c === '&' && line[i + 1] === '&') {
      const err = endPipeline('&&', '&&');
      if (err) return { ok: false, message: err };
      i += 2;
      continue;
    }
    if (c === '|') {
      if (endCommand()) return { ok: false, message: "syntax error near unexpected token `|'" };
      i++;
      continue;
    }
    if (c === ';') {
      const err = endPipeline(';', ';');
      if (err) return { ok: false, message: err };
      i++;
      continue;
    }
    if (c === '&') return { ok: false, message: 'background jobs (&) are not simulated' };
    if (c === '`') return { ok: false, message: 'backquote substitution is not simulated; use $(...)' };
    lit(c, false);
    i++;
  }
  endWord();
  if (cmd.words.length > 0 || cmd.assignments.length > 0) {
    pipeline.commands.push(cmd);
  } else if (pipeline.commands.length > 0) {
    return { ok: false, message: 'syntax error: unexpected end of file' };
  }
  if (pipeline.commands.length > 0) items.push({ op, pipeline });
  else if (op === '&&' || op === '||') return { ok: false, message: 'syntax error: unexpected end of file' };
  return { ok: true, list: { items }, consumed: i };
}

function newCommand(): SimpleCommand {
  return { assignments: [], words: [], stderr: 'terminal', stdoutNull: false };
}

/** Reads `$NAME`, `${NAME}` or `$(…)` at `i`; null when `$` is literal. */
function readExpansion(line: string, i: number, quoted: boolean): { part: WordPart; end: number } | string | null {
  const next = line[i + 1];
  if (next === '(') {
    let depth = 1;
    let j = i + 2;
    let q: string | null = null;
    while (j < line.length && depth > 0) {
      const d = line[j];
      if (q) {
        if (d === q) q = null;
        else if (d === '\\' && q === '"') j++;
      } else if (d === "'" || d === '"') q = d;
      else if (d === '(') depth++;
      else if (d === ')') depth--;
      j++;
    }
    if (depth > 0) return "unexpected EOF while looking for matching `)'";
    return { part: { kind: 'cmd', source: line.slice(i + 2, j - 1), quoted }, end: j };
  }
  if (next === '{') {
    const end = line.indexOf('}', i + 2);
    if (end < 0) return "unexpected EOF while looking for matching `}'";
    return { part: { kind: 'var', name: line.slice(i + 2, end), quoted }, end: end + 1 };
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*|^\?/.exec(line.slice(i + 1));
  if (!m) return null;
  return { part: { kind: 'var', name: m[0], quoted }, end: i + 1 + m[0].length };
}
