/**
 * The small shell the trainer understands: words with quotes and escapes,
 * `$VAR`/`${VAR}`/`$(…)` expansion, pipes, `&&`, `||`, `;`, `VAR=value`
 * assignments, redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `&>`, `<<<`) and
 * heredocs (`<<EOF`). Parsing is separate from running so the UI can reuse
 * it for completion.
 */

/** A piece of a word: literal text, or an expansion evaluated at run time. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'cmd'; source: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

/**
 * One redirection, applied left to right as bash does (so `> f 2>&1` sends
 * both streams to f, and `2>&1 > f` only stdout). `both` is `&>`/`&>>`.
 */
export type Redirect =
  | { kind: 'file'; fd: 0 | 1 | 2 | 'both'; mode: 'read' | 'write' | 'append'; target: Word; source: string }
  | { kind: 'dup'; fd: 1 | 2; to: 1 | 2 }
  | { kind: 'here-string'; target: Word; source: string };

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  /** Text fed on stdin by a heredoc. */
  heredoc?: string;
  redirects: Redirect[];
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
  let wordStart = 0;
  let i = 0;
  // A redirection whose target is the next word (`> pod.yaml`).
  let pendingRedirect: { make: (target: Word, source: string) => Redirect; token: string } | null = null;

  const endWord = () => {
    if (word === null) return;
    const w: Word = { parts: word };
    if (pendingRedirect) {
      cmd.redirects.push(pendingRedirect.make(w, line.slice(wordStart, i).replace(/\n$/, '')));
      pendingRedirect = null;
      word = null;
      return;
    }
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
  // Read through a function: the loop below would otherwise narrow `word` to what it last assigned.
  const currentWord = (): WordPart[] | null => word;
  const startWord = (): WordPart[] => {
    if (word === null) {
      wordStart = i;
      word = [];
    }
    return word;
  };
  const lit = (text: string, quoted: boolean) => {
    const w = startWord();
    const last = w[w.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else w.push({ kind: 'lit', text, quoted });
  };
  const endCommand = (): string | undefined => {
    endWord();
    if (pendingRedirect) return 'syntax error';
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) return 'syntax error';
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
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const w = startWord();
      // `""` is a word of its own (an empty argument), even with nothing inside.
      lit('', true);
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
            w.push(exp.part);
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
        startWord().push(exp.part);
        i = exp.end;
        continue;
      }
      lit('$', false);
      i++;
      continue;
    }
    if (c === '<' && line.startsWith('<<', i) && !line.startsWith('<<<', i)) {
      endWord();
      if (pendingRedirect) return { ok: false, message: "syntax error near unexpected token `<<'" };
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
    if (c === '>' || c === '<' || (c === '&' && line[i + 1] === '>')) {
      const op = /^(?:&>>|&>|>>|>\||>&|>|<<<|<&|<>|<)/.exec(line.slice(i))![0];
      // `2>`: a word of digits right before the operator names the descriptor (`x2>f` does not).
      let fd: number | undefined;
      const before = currentWord();
      const first = before?.length === 1 ? before[0] : undefined;
      const digits: string | undefined = first?.kind === 'lit' && !first.quoted && /^\d+$/.test(first.text) && !pendingRedirect ? first.text : undefined;
      if (digits !== undefined && c !== '&') {
        fd = Number(digits);
        word = null;
      } else endWord();
      if (pendingRedirect) return { ok: false, message: `syntax error near unexpected token \`${op}'` };
      i += op.length;
      if (op === '<&' || op === '<>') return { ok: false, message: `the ${op} redirection is not simulated` };
      if (op === '>&') {
        const m = /^\s*([12])(?![^\s;&|<>])/.exec(line.slice(i));
        if (m) {
          if (fd !== undefined && fd !== 1 && fd !== 2) return { ok: false, message: `file descriptor ${fd} is not simulated (only 0, 1 and 2)` };
          cmd.redirects.push({ kind: 'dup', fd: (fd ?? 1) as 1 | 2, to: Number(m[1]) as 1 | 2 });
          i += m[0].length;
          continue;
        }
      }
      const both: boolean = op.startsWith('&') || (op === '>&' && fd === undefined);
      const mode: 'read' | 'write' | 'append' = op === '<' || op === '<<<' ? 'read' : op.endsWith('>>') ? 'append' : 'write';
      const n: number = fd ?? (op === '<' || op === '<<<' ? 0 : 1);
      if (!both && n !== 0 && n !== 1 && n !== 2) return { ok: false, message: `file descriptor ${n} is not simulated (only 0, 1 and 2)` };
      const target: 0 | 1 | 2 | 'both' = both ? 'both' : (n as 0 | 1 | 2);
      if (op === '<<<') pendingRedirect = { token: op, make: (w, source): Redirect => ({ kind: 'here-string', target: w, source }) };
      else pendingRedirect = { token: op, make: (w, source): Redirect => ({ kind: 'file', fd: target, mode, target: w, source }) };
      while (line[i] === ' ' || line[i] === '\t') i++;
      continue;
    }
    if (pendingRedirect && currentWord() === null && (c === '|' || c === '&' || c === ';')) {
      return { ok: false, message: `syntax error near unexpected token \`${line.startsWith('||', i) || line.startsWith('&&', i) ? line.slice(i, i + 2) : c}'` };
    }
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
  if (pendingRedirect) return { ok: false, message: "syntax error near unexpected token `newline'" };
  if (cmd.words.length > 0 || cmd.assignments.length > 0 || cmd.redirects.length > 0) {
    pipeline.commands.push(cmd);
  } else if (pipeline.commands.length > 0) {
    return { ok: false, message: 'syntax error: unexpected end of file' };
  }
  if (pipeline.commands.length > 0) items.push({ op, pipeline });
  else if (op === '&&' || op === '||') return { ok: false, message: 'syntax error: unexpected end of file' };
  return { ok: true, list: { items }, consumed: i };
}

function newCommand(): SimpleCommand {
  return { assignments: [], words: [], redirects: [] };
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
