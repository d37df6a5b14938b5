import { echoText } from './coreutils.js';
import { resolvePath, type ExecContext, type ToolResult } from './context.js';

/**
 * A small POSIX-ish shell for `sh -c '…'` and `bash -c '…'`: words with
 * quotes and `$VAR`/`${VAR}`/`$?`, `;` `&&` `||` `|`, newlines, comments,
 * redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `>/dev/null`), variable
 * assignments, and the builtins troubleshooters use (echo, cd, export,
 * exit, true, false, pwd, `command -v`, type).
 *
 * Not found: BusyBox ash says `sh: curl: not found`, dash `sh: 1: curl: not
 * found`, bash `bash: line 1: curl: command not found`; all exit 127.
 */

type Part = { s: string; quote: 'none' | 'single' | 'double' };
type Word = Part[];
interface Redir {
  fd: 1 | 2 | 0;
  op: '>' | '>>' | '<' | '>&';
  target: Word | 1 | 2;
}
interface Command {
  words: Word[];
  redirs: Redir[];
}
type Pipeline = Command[];
interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
  /** The script line it starts on, counted from 0. */
  line: number;
}

export class ShellSyntaxError extends Error {}

/** Splits a script into and-or lists separated by `;`, `&` or newlines. */
export function parseScript(src: string): AndOr[] {
  type Tok = { kind: 'word'; w: Word } | { kind: 'op'; op: string; newline?: boolean } | { kind: 'redir'; r: Omit<Redir, 'target'> & { target?: 1 | 2 } };
  const toks: Tok[] = [];
  let i = 0;
  let cur: Word | undefined;
  const push = (p: Part): void => {
    cur ??= [];
    const last = cur[cur.length - 1];
    if (last && last.quote === p.quote) last.s += p.s;
    else cur.push({ ...p });
  };
  const end = (): void => {
    if (cur) toks.push({ kind: 'word', w: cur });
    cur = undefined;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      end();
      i++;
    } else if (c === '\n' || c === ';' || (c === '&' && src[i + 1] !== '&' && src[i + 1] !== '>')) {
      end();
      toks.push({ kind: 'op', op: ';', newline: c === '\n' });
      i++;
    } else if (c === '#' && cur === undefined) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new ShellSyntaxError("Unterminated quoted string");
      push({ s: src.slice(i + 1, j), quote: 'single' });
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length && '"\\$`'.includes(src[j + 1]!)) {
          s += src[j] === '\\' && src[j + 1] === '$' ? '\\$' : src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ShellSyntaxError('Unterminated quoted string');
      push({ s, quote: 'double' });
      i = j + 1;
    } else if (c === '\\') {
      push({ s: src[i + 1] ?? '', quote: 'single' });
      i += 2;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      end();
      toks.push({ kind: 'op', op: src.slice(i, i + 2) });
      i += 2;
    } else if (c === '|') {
      end();
      toks.push({ kind: 'op', op: '|' });
      i++;
    } else if (((c === '1' || c === '2') && src[i + 1] === '>' && cur === undefined) || c === '>' || c === '<' || (c === '&' && src[i + 1] === '>')) {
      end();
      let fd: 0 | 1 | 2 = c === '<' ? 0 : 1;
      let both = false;
      if (c === '1' || c === '2') {
        fd = c === '2' ? 2 : 1;
        i++;
      } else if (c === '&') {
        both = true;
        i++;
      }
      let op: Redir['op'] = src[i] === '<' ? '<' : '>';
      i++;
      if (op === '>' && src[i] === '>') {
        op = '>>';
        i++;
      }
      if (op === '>' && src[i] === '&' && (src[i + 1] === '1' || src[i + 1] === '2')) {
        toks.push({ kind: 'redir', r: { fd, op: '>&', target: src[i + 1] === '1' ? 1 : 2 } });
        i += 2;
        continue;
      }
      toks.push({ kind: 'redir', r: { fd, op } });
      if (both) toks.push({ kind: 'redir', r: { fd: 2, op: '>&', target: 1 } });
    } else {
      push({ s: c, quote: 'none' });
      i++;
    }
  }
  end();
  // Assemble.
  const lists: AndOr[] = [];
  let cmd: Command = { words: [], redirs: [] };
  let pipe: Pipeline = [];
  let andor: AndOr | undefined;
  let pendingOp: '&&' | '||' | undefined;
  let pendingRedir: (Omit<Redir, 'target'> & { target?: 1 | 2 }) | undefined;
  let line = 0;
  let startLine = 0;
  const closeCmd = (required: boolean): void => {
    if (pendingRedir) throw new ShellSyntaxError('syntax error: unexpected newline');
    if (cmd.words.length === 0 && cmd.redirs.length === 0) {
      if (required) throw new ShellSyntaxError('syntax error: unexpected end of file');
      return;
    }
    pipe.push(cmd);
    cmd = { words: [], redirs: [] };
  };
  const closePipe = (required: boolean): void => {
    closeCmd(required);
    if (pipe.length === 0) {
      if (required) throw new ShellSyntaxError('syntax error: unexpected end of file');
      return;
    }
    if (!andor) andor = { first: pipe, rest: [], line: startLine };
    else andor.rest.push({ op: pendingOp!, p: pipe });
    pipe = [];
  };
  for (const t of toks) {
    if (!andor && pipe.length === 0 && cmd.words.length === 0 && cmd.redirs.length === 0) startLine = line;
    if (t.kind === 'op' && t.newline) line++;
    if (t.kind === 'word') {
      if (pendingRedir) {
        cmd.redirs.push({ ...pendingRedir, target: t.w } as Redir);
        pendingRedir = undefined;
      } else cmd.words.push(t.w);
    } else if (t.kind === 'redir') {
      if (t.r.op === '>&') cmd.redirs.push(t.r as Redir);
      else pendingRedir = t.r;
    } else if (t.op === '|') {
      closeCmd(true);
    } else if (t.op === '&&' || t.op === '||') {
      closePipe(true);
      pendingOp = t.op;
    } else {
      closePipe(pendingOp !== undefined);
      if (andor) lists.push(andor);
      andor = undefined;
      pendingOp = undefined;
    }
  }
  closePipe(pendingOp !== undefined);
  if (andor) lists.push(andor);
  return lists;
}

interface ShellState {
  ctx: ExecContext;
  name: string;
  flavour: 'ash' | 'dash' | 'bash';
  status: number;
  exited: boolean;
  /**
   * The line numbers of the script's first line in errors: dash's (1-based,
   * at a prompt too) and BusyBox ash's for a builtin in a script (0-based
   * for `-c`, none at a prompt).
   */
  line: { dash: number; ash?: number };
  /** The line of the script being run, counted from its first (0). */
  offset: number;
}

function expandWord(st: ShellState, w: Word): string {
  let out = '';
  for (const p of w) {
    if (p.quote === 'single') {
      out += p.s;
      continue;
    }
    out += p.s.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|\?|\$)/g, (m, a: string | undefined, b: string | undefined) => {
      if (m === '\\$') return '$';
      const n = a ?? b!;
      if (n === '?') return String(st.status);
      if (n === '$') return '1';
      return st.ctx.vars.get(n) ?? '';
    });
  }
  return out;
}

function notFound(st: ShellState, prog: string): ToolResult {
  const msg =
    st.flavour === 'bash'
      ? `${st.name}: line 1: ${prog}: command not found\n`
      : st.flavour === 'dash'
        ? `${st.name}: ${st.line.dash + st.offset}: ${prog}: not found\n`
        : `${st.name}: ${prog}: not found\n`;
  return { stdout: '', stderr: msg, exitCode: 127 };
}

function runCommand(st: ShellState, c: Command, stdin: string): ToolResult {
  const ctx = st.ctx;
  let words = c.words.map((w) => expandWord(st, w));
  // Leading assignments.
  const assigns: [string, string][] = [];
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
    const w = words.shift()!;
    const eq = w.indexOf('=');
    assigns.push([w.slice(0, eq), w.slice(eq + 1)]);
  }
  // Unquoted empty expansions vanish.
  words = words.filter((w, i) => w !== '' || c.words[i]?.some((p) => p.quote !== 'none'));
  let input = stdin;
  for (const r of c.redirs) {
    if (r.op === '<') {
      const f = expandWord(st, r.target as Word);
      const content = ctx.readFile(f);
      if (content === undefined) return { stdout: '', stderr: `${st.name}: can't open ${f}: no such file\n`, exitCode: 1 };
      input = content;
    }
  }
  let res: ToolResult;
  if (words.length === 0) {
    for (const [k, v] of assigns) ctx.vars.set(k, v);
    res = { stdout: '', stderr: '', exitCode: 0 };
  } else {
    res = builtin(st, words, input) ?? ctx.run(words, input) ?? notFound(st, words[0]!);
  }
  // Redirections, left to right.
  let out = res.stdout;
  let err = res.stderr;
  let stdoutTo: 'out' | 'err' | 'null' = 'out';
  let stderrTo: 'out' | 'err' | 'null' = 'err';
  const files: { fd: 1 | 2; path: string; append: boolean }[] = [];
  for (const r of c.redirs) {
    if (r.op === '<') continue;
    if (r.op === '>&') {
      if (r.fd === 2) stderrTo = r.target === 1 ? stdoutTo : stderrTo;
      else stdoutTo = r.target === 2 ? stderrTo : stdoutTo;
      continue;
    }
    const path = expandWord(st, r.target as Word);
    const fd = r.fd === 2 ? 2 : 1;
    if (path === '/dev/null') {
      if (fd === 1) stdoutTo = 'null';
      else stderrTo = 'null';
    } else if (path === '/dev/stderr') {
      if (fd === 1) stdoutTo = 'err';
    } else if (path === '/dev/stdout') {
      if (fd === 2) stderrTo = 'out';
    } else {
      files.push({ fd, path, append: r.op === '>>' });
      if (fd === 1) stdoutTo = 'null';
      else stderrTo = 'null';
    }
  }
  for (const f of files) {
    const data = f.fd === 1 ? out : err;
    ctx.writeFile(f.path, (f.append ? (ctx.readFile(f.path) ?? '') : '') + data);
  }
  const o = { out: '', err: '' };
  const route = (data: string, to: 'out' | 'err' | 'null'): void => {
    if (to !== 'null') o[to] += data;
  };
  route(out, stdoutTo);
  route(err, stderrTo);
  out = o.out;
  err = o.err;
  return { stdout: out, stderr: err, exitCode: res.exitCode };
}

function builtin(st: ShellState, argv: string[], stdin: string): ToolResult | undefined {
  const ctx = st.ctx;
  const [cmd, ...args] = argv as [string, ...string[]];
  switch (cmd) {
    case 'echo':
      return { stdout: echoText(args), stderr: '', exitCode: 0 };
    case 'true':
    case ':':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    case 'pwd':
      return { stdout: `${ctx.cwd}\n`, stderr: '', exitCode: 0 };
    case 'cd':
      return cd(st, args);
    case 'export':
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) ctx.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'exit': {
      st.exited = true;
      const n = args[0] !== undefined ? Number(args[0]) & 255 : st.status;
      return { stdout: '', stderr: '', exitCode: n };
    }
    case 'command':
    case 'type':
    case 'which': {
      if (cmd === 'command' && args[0] !== '-v') return args.length > 0 ? (ctx.run(args, stdin) ?? notFound(st, args[0]!)) : { stdout: '', stderr: '', exitCode: 0 };
      if (cmd === 'which' && !ctx.has('which')) return undefined;
      const names = cmd === 'command' ? args.slice(1) : args;
      let out = '';
      let code = 0;
      for (const n of names) {
        const isBuiltin = ['echo', 'true', 'false', 'pwd', 'cd', 'export', 'exit', 'command', 'type', ':'].includes(n);
        if (isBuiltin && cmd !== 'which') out += cmd === 'type' ? `${n} is a shell builtin\n` : `${n}\n`;
        else if (ctx.has(n)) out += cmd === 'type' ? `${n} is /usr/bin/${n}\n` : `/usr/bin/${n}\n`;
        else {
          code = 1;
          if (cmd === 'type') out += `${n}: not found\n`;
        }
      }
      return { stdout: out, stderr: '', exitCode: code };
    }
    default:
      return undefined;
  }
}

/**
 * `cd [DIR | -]`: no DIR is $HOME, `-` is $OLDPWD (printed); PWD and OLDPWD
 * follow. A directory that is not there fails in each shell's words: BusyBox
 * ash `sh: cd: can't cd to /x: No such file or directory` (status 2, with
 * `line N:` in a script), dash `sh: 1: cd: can't cd to /x` (2), bash
 * `bash: cd: /x: No such file or directory` (1).
 */
function cd(st: ShellState, args: string[]): ToolResult {
  const ctx = st.ctx;
  if (st.flavour === 'bash' && args.length > 1) return { stdout: '', stderr: `${st.name}: cd: too many arguments\n`, exitCode: 1 };
  let dest = args[0] ?? ctx.vars.get('HOME') ?? '/';
  let print = false;
  if (dest === '-') {
    const old = ctx.vars.get('OLDPWD');
    if (old === undefined && st.flavour === 'bash') return { stdout: '', stderr: `${st.name}: cd: OLDPWD not set\n`, exitCode: 1 };
    dest = old ?? ctx.cwd;
    print = true;
  }
  // An empty operand stays where it is.
  if (dest === '') return { stdout: '', stderr: '', exitCode: 0 };
  if (!ctx.isDir(dest)) {
    const why = ctx.readFile(dest) !== undefined ? 'Not a directory' : 'No such file or directory';
    if (st.flavour === 'bash') return { stdout: '', stderr: `${st.name}: cd: ${dest}: ${why}\n`, exitCode: 1 };
    if (st.flavour === 'dash') return { stdout: '', stderr: `${st.name}: ${st.line.dash + st.offset}: cd: can't cd to ${dest}\n`, exitCode: 2 };
    const line = st.line.ash === undefined ? '' : `line ${st.line.ash + st.offset}: `;
    return { stdout: '', stderr: `${st.name}: cd: ${line}can't cd to ${dest}: ${why}\n`, exitCode: 2 };
  }
  ctx.vars.set('OLDPWD', ctx.cwd);
  ctx.cwd = resolvePath(ctx.cwd, dest);
  ctx.vars.set('PWD', ctx.cwd);
  return { stdout: print ? `${ctx.cwd}\n` : '', stderr: '', exitCode: 0 };
}

function runPipeline(st: ShellState, p: Pipeline, input: string): ToolResult {
  let stdin = input;
  let stderr = '';
  let last: ToolResult = { stdout: '', stderr: '', exitCode: 0 };
  for (const c of p) {
    last = runCommand(st, c, stdin);
    stderr += last.stderr;
    stdin = last.stdout;
    if (st.exited) break;
  }
  return { stdout: last.stdout, stderr, exitCode: last.exitCode };
}

/**
 * Unrolls simple `for VAR in WORDS; do BODY; done` loops (not nested) into
 * `VAR=w1; BODY; VAR=w2; BODY; …` before parsing. WORDS may use `$(seq A B)`
 * or, in bash, `{A..B}`. Enough for "hit the Service five times".
 */
export function unrollFor(script: string, bash: boolean): string {
  // `$(seq A B)` is the one command substitution supported.
  let out = script.replace(/\$\(\s*seq\s+(\d+)(?:\s+(\d+))?\s*\)/g, (_m, a: string, b?: string) => {
    const lo = b !== undefined ? Number(a) : 1;
    const hi = Number(b ?? a);
    const ns: number[] = [];
    for (let i = lo; i <= hi && ns.length < 1000; i++) ns.push(i);
    return ns.join(' ');
  });
  const re = /\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;\n]*?)\s*[;\n]\s*do\b([\s\S]*?)[;\n]\s*done\b/;
  for (let guard = 0; guard < 20; guard++) {
    const m = re.exec(out);
    if (!m) break;
    const [all, v, list, body] = m as unknown as [string, string, string, string];
    const words: string[] = [];
    for (const w of list.trim().split(/\s+/).filter((x) => x !== '')) {
      const brace = bash ? /^\{(\d+)\.\.(\d+)\}$/.exec(w) : null;
      if (brace) for (let i = Number(brace[1]); i <= Number(brace[2]) && words.length < 1000; i++) words.push(String(i));
      else words.push(w);
    }
    const unrolled = words.map((w) => `${v}=${w}; ${body.trim().replace(/;$/, '')}`).join('; ');
    out = out.slice(0, m.index) + (unrolled || 'true') + out.slice(m.index + all.length);
  }
  return out;
}

/** Runs a script; the result of the whole script. `stdin` feeds its first command. */
export function runScript(ctx: ExecContext, name: string, script: string, stdin = '', from: 'c' | 'input' = 'input'): ToolResult {
  const flavour: ShellState['flavour'] = name === 'bash' ? 'bash' : ctx.busybox ? 'ash' : 'dash';
  const line = { dash: ctx.line ?? 1, ash: ctx.interactive ? undefined : (ctx.line ?? (from === 'c' ? 0 : 1)) };
  const st: ShellState = { ctx, name, flavour, status: 0, exited: false, line, offset: 0 };
  let lists: AndOr[];
  try {
    lists = parseScript(unrollFor(script, flavour === 'bash'));
  } catch (e) {
    const msg = e instanceof ShellSyntaxError ? e.message : String(e);
    return { stdout: '', stderr: flavour === 'bash' ? `${name}: -c: line 1: ${msg}\n` : `${name}: ${flavour === 'dash' ? '1: ' : ''}${msg}\n`, exitCode: 2 };
  }
  let stdout = '';
  let stderr = '';
  let input = stdin;
  for (const l of lists) {
    st.offset = l.line;
    let r = runPipeline(st, l.first, input);
    input = '';
    stdout += r.stdout;
    stderr += r.stderr;
    st.status = r.exitCode;
    for (const { op, p } of l.rest) {
      if (st.exited) break;
      if ((op === '&&' && st.status !== 0) || (op === '||' && st.status === 0)) continue;
      r = runPipeline(st, p, '');
      stdout += r.stdout;
      stderr += r.stderr;
      st.status = r.exitCode;
    }
    if (st.exited) break;
  }
  return { stdout, stderr, exitCode: st.status };
}

/** `sh [-c SCRIPT]`, `bash -c SCRIPT`: without -c, the script is read from stdin. */
export function shell(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  const name = (argv[0] ?? 'sh').replace(/^.*\//, '');
  const args = argv.slice(1).filter((a) => a !== '-e' && a !== '-x' && a !== '-l' && a !== '-i' && a !== '-eu' && a !== '-ex');
  const c = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
  if (c >= 0) {
    const script = args[c + 1];
    if (script === undefined) {
      return { stdout: '', stderr: name === 'bash' ? `${name}: -c: option requires an argument\n` : `${name}: -c requires an argument\n`, exitCode: 2 };
    }
    return runScript(ctx, name, script, stdin, 'c');
  }
  if (args.length > 0) {
    const file = ctx.readFile(args[0]!);
    if (file === undefined) return { stdout: '', stderr: `${name}: can't open '${args[0]}': No such file or directory\n`, exitCode: 2 };
    return runScript(ctx, name, file);
  }
  // An interactive shell without a terminal reads commands from stdin.
  return runScript(ctx, name, stdin);
}
