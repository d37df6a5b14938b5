import type { EditResult, KubectlContext, KubectlResult } from '../kubectl/context.js';
import { runKubectl } from '../kubectl/run.js';
import { runHostCommand } from '../kubectl/host-systemd.js';
import { parseGoDuration } from '../kubectl/parse/flags.js';
import { parseShell, type Pipeline, type Redirect, type SimpleCommand, type Word } from './parse.js';
import { diff } from './programs/diff.js';
import { cp, ls, mkdir, mv, rm, tee, touch } from './programs/file-tools.js';
import type { Program, ProgramIO } from './programs/io.js';
import { jq } from './programs/jq.js';
import { sed } from './programs/sed.js';
import { awk, base64, cat, cut, echo, grep, head, sort, tail, tr, uniq, wc } from './programs/text-tools.js';
import { byteOrder, FS_ERROR_TEXT, Workspace } from './workspace.js';
import { ordered, terminalOutput, type OutputChunk } from '../kubectl/output-order.js';
import type { InteractiveSession } from '../kubectl/interactive.js';

const PROGRAMS: Record<string, Program> = {
  grep,
  egrep: (a, s, io) => grep(['-E', ...a], s, io),
  head,
  tail,
  wc,
  sort,
  uniq,
  cut,
  awk,
  sed,
  base64,
  echo,
  cat,
  tr,
  jq,
  ls,
  rm,
  cp,
  mv,
  touch,
  mkdir,
  tee,
  diff,
};

const EDITORS = ['vi', 'vim', 'nano'];
const BUILTINS = ['cd', 'pwd', 'export', 'sleep', 'true', 'false', 'ssh'];

export const SIMULATED_PROGRAMS = ['kubectl', 'k', ...Object.keys(PROGRAMS), ...EDITORS, ...BUILTINS];

/** The programs whose arguments are mostly file names (tab completion offers workspace files after them). */
export const FILE_PROGRAMS = new Set(['cat', 'ls', 'rm', 'cp', 'mv', 'touch', 'mkdir', 'tee', 'diff', 'head', 'tail', 'wc', 'sed', 'grep', 'cd', ...EDITORS]);

export interface ShellOptions {
  /**
   * Opens an editor on a file's text for `vi`/`vim`/`nano` (the trainer's
   * terminal hand-off). `deferred`: the trainer opens its built-in editor
   * instead and runs the line again with the result. Absent in `play`.
   */
  editFile?: (text: string, name: string) => EditResult | 'deferred';
  /** The terminal's width when output goes to a terminal (the trainer); absent when it does not (play). */
  terminalColumns?: () => number;
}

export { terminalOutput, type OutputChunk } from '../kubectl/output-order.js';

/** Thrown when the trainer takes an editor session over: the rest of the line runs again afterwards. */
class EditDeferred extends Error {}

/** Where one of a command's output descriptors points. */
type Sink = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string };

interface CommandResult extends KubectlResult {
  /** Printed before the command ran (errors from `$(…)`): reaches the terminal first. */
  early: string;
  /** `stdout` and `stderr` as the command wrote them, in order (kubectl's warnings before its output). */
  chunks?: OutputChunk[];
}

/**
 * A shell session inside the trainer: runs command lines the way bash would
 * for the subset learners use around kubectl, keeping variables, the working
 * directory and the files they write (an in-memory workspace) between lines.
 * kubectl calls go to the same interpreter the player and UI use.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  readonly ctx: KubectlContext;
  readonly workspace: Workspace;
  private lastStatus = 0;
  private oldPwd: string | undefined;
  /** Inside `$(…)`: output is captured, so no command writes to a terminal. */
  private capturing = 0;
  /** The program the learner types into (a container's shell after `kubectl exec -it`), if any. */
  private inside: InteractiveSession | undefined;
  /** A session a command opened while it ran; it takes the terminal once the command returns. */
  private opened: InteractiveSession | undefined;
  /**
   * Whether standard input is the learner's terminal, so `kubectl exec -it`
   * and `kubectl run -it` open sessions (off while a scenario's setup runs).
   */
  terminalAttached = true;

  constructor(
    ctx: KubectlContext,
    private readonly opts: ShellOptions = {},
  ) {
    // A session hands over its workspace; otherwise (a snapshot, a test) the shell lays one over what it got.
    this.workspace = ctx.fs instanceof Workspace ? ctx.fs : new Workspace(ctx.fs, { cwd: process.cwd(), home: ctx.env.HOME ?? '/root', now: () => ctx.sim.now() });
    this.ctx = ctx.fs === this.workspace ? ctx : { ...ctx, fs: this.workspace };
  }

  /**
   * Runs one command line (with heredoc bodies when it has `<<EOF`); inside
   * an interactive session, the line goes to that program instead.
   */
  run(text: string): KubectlResult {
    if (this.inside) return this.runInside(text);
    try {
      return this.runText(text, true);
    } catch (e) {
      if (e instanceof EditDeferred) return { stdout: '', stderr: '', exitCode: 0 };
      throw e;
    } finally {
      this.opened = undefined;
    }
  }

  /** The program the learner is typing into (a container's shell), or undefined at the trainer's own prompt. */
  get session(): InteractiveSession | undefined {
    return this.inside;
  }

  /** What the prompt shows: the session's prompt inside a container, else undefined (the trainer's `$ `). */
  prompt(): string | undefined {
    return this.inside?.prompt();
  }

  /**
   * After simulated time passed: when the session ended meanwhile (its
   * container died, the pod went away), kubectl's last words; the learner is
   * back at the trainer's prompt.
   */
  poll(): KubectlResult | undefined {
    const r = this.inside?.poll();
    if (r) this.leave(r);
    return r;
  }

  /** End of input (Ctrl+D on an empty line) inside a session: it ends as `exit` would. */
  eof(): KubectlResult | undefined {
    if (!this.inside) return undefined;
    const r = this.inside.eof();
    this.leave(r);
    return r;
  }

  private runInside(text: string): KubectlResult {
    const step = this.inside!.run(text);
    if (step.ended) this.leave(step.result);
    return step.result;
  }

  private leave(last: KubectlResult): void {
    this.inside = undefined;
    this.lastStatus = last.exitCode;
  }

  private runText(text: string, fromTerminal = false): KubectlResult {
    const parsed = parseShell(text);
    if (!parsed.ok) {
      this.lastStatus = 2;
      return this.result([{ stream: 'stderr', text: `kubedojo: ${parsed.message}\n` }], 2);
    }
    const chunks: OutputChunk[] = [];
    let status = 0;
    // A lone command reads the terminal (what it does after a session ends is not simulated for lists).
    const lone = fromTerminal && parsed.list.items.length === 1 && parsed.list.items[0].pipeline.commands.length === 1;
    for (const { op, pipeline } of parsed.list.items) {
      if (op === '&&' && status !== 0) continue;
      if (op === '||' && status === 0) continue;
      status = this.runPipeline(pipeline, chunks, lone);
      this.lastStatus = status;
    }
    if (this.opened) {
      this.inside = this.opened;
      this.opened = undefined;
    }
    return this.result(chunks, status);
  }

  private result(chunks: OutputChunk[], exitCode: number): KubectlResult {
    return ordered(chunks, exitCode);
  }

  /**
   * Runs the stages in order, each reading the previous one's stdout.
   * Terminal order: the stages run at once in a real shell, and the last
   * one (wc, sort, a kubectl that prints at the end) usually prints only
   * after its input ended, so what earlier stages wrote to stderr reaches the
   * terminal first (`kubectl get pods --no-headers | wc -l` on an empty
   * namespace shows "No resources found …" before `0`); then the last
   * stage's stdout, then its stderr.
   */
  private runPipeline(pipeline: Pipeline, chunks: OutputChunk[], fromTerminal = false): number {
    let input = '';
    let status = 0;
    pipeline.commands.forEach((cmd, i) => {
      const last = i === pipeline.commands.length - 1;
      const r = this.runCommand(cmd, input, last, fromTerminal);
      chunks.push({ stream: 'stderr', text: r.early });
      if (last) {
        chunks.push(...(r.chunks ?? [{ stream: 'stdout', text: r.stdout }, { stream: 'stderr', text: r.stderr }]));
        status = r.exitCode;
      } else {
        chunks.push({ stream: 'stderr', text: r.stderr });
        input = r.stdout;
      }
    });
    return status;
  }

  private runCommand(cmd: SimpleCommand, pipedInput: string, last: boolean, fromTerminal = false): CommandResult {
    let early = '';
    const argv: string[] = [];
    for (const w of cmd.words) {
      const v = this.expand(w);
      early += v.stderr;
      argv.push(...v.values);
    }
    if (cmd.words.length === 0) {
      for (const a of cmd.assignments) {
        const v = this.expand(a.value, false);
        early += v.stderr;
        this.vars.set(a.name, v.values.join(' '));
      }
    }
    // Redirections, left to right, before the command runs (so `> f` empties f even when the command fails).
    const fds: Record<1 | 2, Sink> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
    let stdin = cmd.heredoc ?? pipedInput;
    let stdinIsFile = false;
    let out = '';
    let err = '';
    // What reached this command's stdout and stderr (the terminal, or the next stage), in order.
    const chunks: OutputChunk[] = [];
    const deliver = (sink: Sink, text: string) => {
      if (text === '') return;
      if (sink.kind === 'out') {
        out += text;
        chunks.push({ stream: 'stdout', text });
      } else if (sink.kind === 'err') {
        err += text;
        chunks.push({ stream: 'stderr', text });
      } else if (sink.kind === 'file') this.workspace.writeFile(sink.path, text, { append: true });
    };
    let stdinRedirected = cmd.heredoc !== undefined;
    for (const r of cmd.redirects) {
      const failed = this.redirect(r, fds, (text, fromFile) => {
        stdin = text;
        stdinIsFile = fromFile;
        stdinRedirected = true;
      });
      if (failed !== undefined) {
        early += failed.stderr;
        deliver(fds[2], failed.message);
        return { early, stdout: out, stderr: err, exitCode: 1 };
      }
    }
    if (argv.length === 0) return { early, stdout: '', stderr: '', exitCode: 0 };
    const tty = last && fds[1].kind === 'out' && this.capturing === 0 ? this.opts.terminalColumns?.() : undefined;
    const terminal = fromTerminal && !stdinRedirected && this.terminalAttached && this.capturing === 0;
    const r = this.exec(argv, stdin, { fs: this.workspace, tty, stdinIsFile }, terminal);
    // Both streams into one file or pipe (`&> f`, `2>&1 | …`): a C program's stdout is then fully
    // buffered and written at exit, after the errors it printed on the way (`ls nosuch a.txt &> f`).
    const shared = fds[1] === fds[2] || (fds[1].kind === 'file' && fds[2].kind === 'file' && fds[1].path === fds[2].path);
    if (shared && argv[0] !== 'kubectl' && argv[0] !== 'k') {
      deliver(fds[2], r.stderr);
      deliver(fds[1], r.stdout);
    } else {
      // In the order the command wrote them (kubectl's warnings before its output).
      for (const c of terminalOutput(r)) deliver(fds[c.stream === 'stdout' ? 1 : 2], c.text);
    }
    return { early, stdout: out, stderr: err, exitCode: r.exitCode, chunks };
  }

  /** Applies one redirection; a failure is the message bash prints (on the command's stderr as it stands). */
  private redirect(r: Redirect, fds: Record<1 | 2, Sink>, setStdin: (text: string, fromFile: boolean) => void): { message: string; stderr: string } | undefined {
    if (r.kind === 'dup') {
      fds[r.fd] = fds[r.to];
      return undefined;
    }
    if (r.kind === 'here-string') {
      const v = this.expand(r.target, false);
      setStdin(v.values.join(' ') + '\n', false);
      return v.stderr ? { message: '', stderr: v.stderr } : undefined;
    }
    const v = this.expand(r.target, true);
    const fail = (why: string) => ({ message: `kubedojo: ${why}\n`, stderr: v.stderr });
    if (v.values.length !== 1) return fail(`${r.source}: ambiguous redirect`);
    const name = v.values[0];
    if (name === '') return fail(`: ${FS_ERROR_TEXT.ENOENT}`);
    if (r.mode === 'read') {
      if (name === '/dev/stdin') return undefined;
      const st = this.workspace.stat(name);
      if (!st) return fail(`${name}: ${FS_ERROR_TEXT[this.workspace.missing(name)]}`);
      if (st.kind === 'dir') return fail(`${name}: ${FS_ERROR_TEXT.EISDIR}`);
      setStdin(this.workspace.readFile(name) ?? '', true);
      return undefined;
    }
    let sink: Sink;
    if (name === '/dev/stdout') sink = fds[1];
    else if (name === '/dev/stderr') sink = fds[2];
    else if (name === '/dev/null') sink = { kind: 'null' };
    else {
      // Opening for writing creates the file (and `>` empties it) before the command runs.
      const e = r.mode === 'append' ? this.workspace.writeFile(name, '', { append: true }) : this.workspace.writeFile(name, '');
      if (e) return fail(`${name}: ${FS_ERROR_TEXT[e]}`);
      sink = { kind: 'file', path: this.workspace.resolve(name) };
    }
    if (r.fd === 'both') {
      fds[1] = sink;
      fds[2] = sink;
    } else if (r.fd !== 0) fds[r.fd] = sink;
    return undefined;
  }

  private exec(argv: string[], stdin: string, io: ProgramIO, terminal = false): KubectlResult {
    const [prog, ...args] = argv;
    if (prog === 'kubectl' || prog === 'k') {
      const attach = terminal ? { attach: (s: InteractiveSession) => void (this.opened = s) } : undefined;
      return runKubectl(args, { ...this.ctx, stdin, env: { ...this.ctx.env, ...Object.fromEntries(this.vars) }, terminal: attach });
    }
    if (prog === 'export') {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (prog === 'ssh') return this.ssh(args);
    if (prog === 'true') return { stdout: '', stderr: '', exitCode: 0 };
    if (prog === 'false') return { stdout: '', stderr: '', exitCode: 1 };
    if (prog === 'sleep') {
      const ms = parseSleep(args[0] ?? '');
      if (ms === undefined) return { stdout: '', stderr: `sleep: invalid time interval ‘${args[0] ?? ''}’\n`, exitCode: 1 };
      this.ctx.sim.advanceBy(ms);
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (prog === 'pwd') return { stdout: `${this.workspace.cwd}\n`, stderr: '', exitCode: 0 };
    if (prog === 'cd') return this.cd(args);
    if (EDITORS.includes(prog)) return this.edit(prog, args);
    const p = PROGRAMS[prog];
    if (p) return p(args, stdin, io);
    return {
      stdout: '',
      stderr: `kubedojo: ${prog}: command not found (only kubectl and these helpers are simulated: ${[...Object.keys(PROGRAMS), ...EDITORS].join(', ')}, cd, pwd, sleep, ssh NODE)\n`,
      exitCode: 127,
    };
  }

  private cd(args: string[]): KubectlResult {
    const fail = (why: string) => ({ stdout: '', stderr: `kubedojo: cd: ${why}\n`, exitCode: 1 });
    if (args.length > 1) return fail('too many arguments');
    let target = args[0] ?? this.lookup('HOME');
    let print = false;
    if (target === '-') {
      if (this.oldPwd === undefined) return fail('OLDPWD not set');
      target = this.oldPwd;
      print = true;
    }
    if (target === '') return { stdout: '', stderr: '', exitCode: 0 };
    const st = this.workspace.stat(target);
    if (!st) return fail(`${target}: ${FS_ERROR_TEXT[this.workspace.missing(target)]}`);
    if (st.kind !== 'dir') return fail(`${target}: ${FS_ERROR_TEXT.ENOTDIR}`);
    this.oldPwd = this.workspace.cwd;
    this.workspace.cwd = this.workspace.resolve(target);
    return { stdout: print ? `${this.workspace.cwd}\n` : '', stderr: '', exitCode: 0 };
  }

  /**
   * `vi FILE`: the trainer's editor on the file's text; what is saved goes
   * back into the workspace (a new file only if something was written).
   */
  private edit(prog: string, args: string[]): KubectlResult {
    const editFile = this.opts.editFile;
    if (!editFile) {
      return { stdout: '', stderr: `kubedojo: ${prog}: editors need the interactive trainer (kubedojo drill); in a script, write files with cat > FILE <<EOF or edit them with sed -i\n`, exitCode: 1 };
    }
    const name = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
    if (name === undefined) return { stdout: '', stderr: `kubedojo: ${prog}: name the file to edit (${prog} FILE)\n`, exitCode: 1 };
    const st = this.workspace.stat(name);
    if (st?.kind === 'dir') return { stdout: '', stderr: `kubedojo: ${prog}: ${name}: ${FS_ERROR_TEXT.EISDIR}\n`, exitCode: 1 };
    const before = st ? (this.workspace.readFile(name) ?? '') : '';
    const r = editFile(before, name);
    if (r === 'deferred') throw new EditDeferred();
    if (!r.ok) return { stdout: '', stderr: `kubedojo: ${prog}: ${r.message}\n`, exitCode: 1 };
    if (r.text === before && (st || r.text === '')) return { stdout: '', stderr: '', exitCode: 0 };
    const e = this.workspace.writeFile(name, r.text);
    // vim's own words when the file cannot be written where it was named.
    if (e) return { stdout: '', stderr: `"${name}" E212: Can't open file for writing\n`, exitCode: 1 };
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  /**
   * `ssh [user@]NODE [sudo] COMMAND…`: how an operator reaches a node whose
   * kubelet is down (a debug pod could not start there). Only the kubelet's
   * systemd unit and journal are simulated on the host.
   */
  private ssh(args: string[]): KubectlResult {
    const rest = args.filter((a, i) => !(a.startsWith('-') && args.slice(0, i).every((b) => b.startsWith('-'))));
    const target = rest[0];
    if (target === undefined) {
      return { stdout: '', stderr: 'usage: ssh [user@]NODE COMMAND (e.g. ssh node01 sudo systemctl status kubelet)\n', exitCode: 255 };
    }
    const node = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
    const known = this.ctx.sim.store.get('nodes', '', node) ?? this.ctx.sim.store.list('nodes').find((n) => ((n.status as { addresses?: { address: string }[] } | undefined)?.addresses ?? []).some((a) => a.address === node));
    if (!known) return { stdout: '', stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n`, exitCode: 255 };
    let command = rest.slice(1);
    if (command[0] === 'sudo') command = command.slice(1);
    if (command.length === 0) {
      return { stdout: '', stderr: `kubedojo: interactive shells are not simulated; give the command to run, e.g. ssh ${node} sudo systemctl status kubelet\n`, exitCode: 255 };
    }
    const r = runHostCommand(this.ctx.sim, known.metadata.name!, command);
    if (r) return r;
    return { stdout: '', stderr: `kubedojo: on nodes only systemctl and journalctl for the kubelet are simulated (${command[0]} is not)\n`, exitCode: 127 };
  }

  /**
   * Expands a word into fields: variables, `$(…)` (its stderr is passed on,
   * as bash does), a leading `~`, word splitting of unquoted expansions, and
   * pathname expansion of unquoted `*`, `?`, `[…]` against the workspace
   * (a pattern that matches nothing stays as typed, bash's default).
   */
  private expand(w: Word, glob = true): { values: string[]; stderr: string } {
    const fields: { text: string; pattern: string; glob: boolean }[] = [];
    let cur = { text: '', pattern: '', glob: false };
    let hasContent = false;
    let stderr = '';
    const add = (text: string, quoted: boolean) => {
      cur.text += text;
      cur.pattern += quoted ? text.replace(/[*?[\]\\]/g, '\\$&') : text;
      if (!quoted && /[*?[]/.test(text)) cur.glob = true;
      hasContent = true;
    };
    w.parts.forEach((part, index) => {
      if (part.kind === 'lit') {
        let text = part.text;
        // Tilde expansion: `~` or `~/…` at the start of an unquoted word is $HOME.
        if (index === 0 && !part.quoted && (text === '~' || text.startsWith('~/'))) text = this.lookup('HOME') + text.slice(1);
        add(text, part.quoted);
        return;
      }
      let text: string;
      if (part.kind === 'var') text = this.lookup(part.name);
      else {
        this.capturing++;
        let r: KubectlResult;
        try {
          r = this.runText(part.source);
        } finally {
          this.capturing--;
        }
        stderr += r.stderr;
        text = r.stdout.replace(/\n+$/, '');
      }
      if (part.quoted) {
        add(text, true);
        return;
      }
      text.split(/[ \t\n]+/).forEach((p, i) => {
        if (i > 0) {
          if (hasContent || cur.text !== '') fields.push(cur);
          cur = { text: '', pattern: '', glob: false };
          hasContent = false;
        }
        if (p !== '') add(p, false);
      });
    });
    if (hasContent || cur.text !== '') fields.push(cur);
    const values = fields.flatMap((f) => {
      if (!glob || !f.glob) return [f.text];
      const matches = this.glob(f.pattern);
      return matches.length > 0 ? matches : [f.text];
    });
    return { values, stderr };
  }

  /** Pathnames matching a pattern (backslash-escaped characters are literal), sorted as bash does in a C.UTF-8 locale. */
  private glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const segments = pattern.split('/').filter((s, i) => !(absolute && i === 0));
    let paths = [absolute ? '/' : ''];
    const joinShown = (p: string, name: string) => (p === '' ? name : p.endsWith('/') ? p + name : `${p}/${name}`);
    for (const seg of segments) {
      if (seg === '') {
        paths = paths.map((p) => (p.endsWith('/') ? p : `${p}/`));
        continue;
      }
      if (!/(^|[^\\])[*?[]/.test(seg)) {
        paths = paths.map((p) => joinShown(p, seg.replace(/\\(.)/g, '$1')));
        continue;
      }
      const re = globRegExp(seg);
      if (!re) return [];
      paths = paths.flatMap((p) =>
        this.workspace
          .readDir(p === '' ? '.' : p)
          .filter((n) => (!n.startsWith('.') || seg.startsWith('.')) && re.test(n))
          .map((n) => joinShown(p, n)),
      );
    }
    return paths.filter((p) => this.workspace.stat(p) !== undefined).sort(byteOrder);
  }

  private lookup(name: string): string {
    if (name === '?') return String(this.lastStatus);
    if (name === 'PWD' && !this.vars.has('PWD')) return this.workspace.cwd;
    if (name === 'HOME' && !this.vars.has('HOME') && this.ctx.env.HOME === undefined) return this.workspace.home;
    return this.vars.get(name) ?? this.ctx.env[name] ?? '';
  }
}

/** A glob segment as a RegExp over one file name; undefined for a bracket no file name can match (`[z-a]`). */
function globRegExp(seg: string): RegExp | undefined {
  let src = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) src += seg[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        src += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${src}$`);
  } catch {
    return undefined;
  }
}

/** `sleep 30`, `30s`, `5m`, `1h`, `0.5`. */
export function parseSleep(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(s);
  if (m) return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return parseGoDuration(s);
}
