import { spec } from '../model.js';
import type { ExecContext, Tool, ToolResult } from './context.js';

/**
 * The small programs troubleshooters run next to the network tools, with
 * BusyBox or GNU coreutils wording depending on the image.
 */

function cat(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  const files = argv.slice(1).filter((a) => a !== '-u');
  if (files.length === 0) return { stdout: stdin, stderr: '', exitCode: 0 };
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const f of files) {
    if (f === '-') {
      stdout += stdin;
      continue;
    }
    const c = ctx.readFile(f);
    if (c !== undefined) stdout += c;
    else if (ctx.listDir(f) !== undefined) {
      stderr += ctx.busybox ? `cat: read error: Is a directory\n` : `cat: ${f}: Is a directory\n`;
      exitCode = 1;
    } else {
      stderr += ctx.busybox ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}

function env(ctx: ExecContext): ToolResult {
  return { stdout: ctx.env().map(([k, v]) => `${k}=${v}\n`).join(''), stderr: '', exitCode: 0 };
}

function printenv(ctx: ExecContext, argv: string[]): ToolResult {
  if (argv.length === 1) return env(ctx);
  const vars = new Map(ctx.env());
  let out = '';
  let code = 0;
  for (const k of argv.slice(1)) {
    const v = vars.get(k);
    if (v === undefined) code = 1;
    else out += `${v}\n`;
  }
  return { stdout: out, stderr: '', exitCode: code };
}

/** `echo` as BusyBox and coreutils do it: -n, -e, -E. */
export function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const c of args[i]!.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let s = args.slice(i).join(' ');
  if (escapes) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  return newline ? `${s}\n` : s;
}

function ls(ctx: ExecContext, argv: string[]): ToolResult {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const all = argv.slice(1).some((a) => /^-[a-zA-Z]*a/.test(a));
  const targets = args.length > 0 ? args : ['.'];
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  targets.forEach((t, idx) => {
    const entries = ctx.listDir(t);
    if (entries !== undefined) {
      if (targets.length > 1) stdout += `${idx > 0 ? '\n' : ''}${t}:\n`;
      const names = (all ? ['.', '..', ...entries] : entries.filter((n) => !n.startsWith('.'))).sort();
      stdout += names.map((n) => `${n}\n`).join('');
    } else if (ctx.readFile(t) !== undefined) stdout += `${t}\n`;
    else {
      stderr += ctx.busybox ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`;
      exitCode = ctx.busybox ? 1 : 2;
    }
  });
  return { stdout, stderr, exitCode };
}

/** Parses `5`, `5s`, `2m`, `1h`, `0.5` into ms. */
export function sleepMs(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * mult);
}

function sleep(ctx: ExecContext, argv: string[]): ToolResult {
  if (argv.length < 2) return { stdout: '', stderr: ctx.busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 };
  let total = 0;
  for (const a of argv.slice(1)) {
    const ms = sleepMs(a);
    if (ms === undefined) return { stdout: '', stderr: ctx.busybox ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`, exitCode: 1 };
    total += ms;
  }
  ctx.wait(total);
  return { stdout: '', stderr: '', exitCode: 0 };
}

function id(ctx: ExecContext): ToolResult {
  const podSc = (spec(ctx.pod).securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
  const c = ((spec(ctx.pod).containers ?? []) as { name?: string; securityContext?: { runAsUser?: number; runAsGroup?: number } }[]).find(
    (x) => x.name === ctx.container,
  );
  const uid = c?.securityContext?.runAsUser ?? podSc.runAsUser ?? 0;
  const gid = c?.securityContext?.runAsGroup ?? podSc.runAsGroup ?? 0;
  const u = uid === 0 ? 'uid=0(root)' : `uid=${uid}`;
  const g = gid === 0 ? 'gid=0(root)' : `gid=${gid}`;
  const groups = gid === 0 ? (ctx.busybox ? 'groups=0(root),10(wheel)' : 'groups=0(root)') : `groups=${gid}`;
  return { stdout: `${u} ${g} ${groups}\n`, stderr: '', exitCode: 0 };
}

function lines(s: string): string[] {
  const ls = s.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function countArg(argv: string[], def: number): { n: number; files: string[] } {
  let n = def;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-n') n = Number(argv[++i]);
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else files.push(a);
  }
  return { n, files };
}

function input(ctx: ExecContext, files: string[], stdin: string, prog: string): { text: string; err?: ToolResult } {
  if (files.length === 0) return { text: stdin };
  let text = '';
  for (const f of files) {
    const c = ctx.readFile(f);
    if (c === undefined) {
      return { text, err: { stdout: '', stderr: ctx.busybox ? `${prog}: can't open '${f}': No such file or directory\n` : `${prog}: cannot open '${f}' for reading: No such file or directory\n`, exitCode: 1 } };
    }
    text += c;
  }
  return { text };
}

function head(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  const { n, files } = countArg(argv, 10);
  const { text, err } = input(ctx, files, stdin, 'head');
  if (err) return err;
  return { stdout: lines(text).slice(0, n).map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}

function tail(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  const { n, files } = countArg(argv, 10);
  const { text, err } = input(ctx, files, stdin, 'tail');
  if (err) return err;
  return { stdout: lines(text).slice(-n).map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}

function grep(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  let invert = false;
  let ignore = false;
  let count = false;
  let quiet = false;
  let extended = false;
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e') pattern = argv[++i];
    else if (/^-[ivcqEFn]+$/.test(a)) {
      invert ||= a.includes('v');
      ignore ||= a.includes('i');
      count ||= a.includes('c');
      quiet ||= a.includes('q');
      extended ||= a.includes('E');
    } else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) return { stdout: '', stderr: ctx.busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFExz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 };
  const { text, err } = input(ctx, files, stdin, 'grep');
  if (err) return { ...err, exitCode: 2 };
  let re: RegExp;
  try {
    const src = extended ? pattern : pattern.replace(/\\\|/g, '|').replace(/([+?(){}|])/g, (m) => `\\${m}`).replace(/\\\\\|/g, '|');
    re = new RegExp(src, ignore ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignore ? 'i' : '');
  }
  const hits = lines(text).filter((l) => re.test(l) !== invert);
  if (quiet) return { stdout: '', stderr: '', exitCode: hits.length > 0 ? 0 : 1 };
  const stdout = count ? `${hits.length}\n` : hits.map((l) => `${l}\n`).join('');
  return { stdout, stderr: '', exitCode: hits.length > 0 ? 0 : 1 };
}

function wc(ctx: ExecContext, argv: string[], stdin: string): ToolResult {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const files = argv.slice(1).filter((a) => !a.startsWith('-'));
  const { text, err } = input(ctx, files, stdin, 'wc');
  if (err) return err;
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter((x) => x !== '').length;
  const c = Buffer.byteLength(text);
  const parts: number[] = [];
  if (flags === '' || flags.includes('l')) parts.push(l);
  if (flags === '' || flags.includes('w')) parts.push(w);
  if (flags === '' || flags.includes('c')) parts.push(c);
  // One count is printed bare; several are right-aligned in columns.
  const width = parts.length === 1 ? 0 : ctx.busybox ? 9 : 7;
  const body = parts.map((p) => String(p).padStart(width)).join(' ').trimStart();
  return { stdout: `${body}${files.length > 0 ? ` ${files[0]}` : ''}\n`, stderr: '', exitCode: 0 };
}

function seq(_ctx: ExecContext, argv: string[]): ToolResult {
  const ns = argv.slice(1).map(Number);
  if (ns.length === 0 || ns.some((n) => Number.isNaN(n))) return { stdout: '', stderr: 'seq: invalid argument\n', exitCode: 1 };
  const [first, step, last] = ns.length === 1 ? [1, 1, ns[0]!] : ns.length === 2 ? [ns[0]!, 1, ns[1]!] : [ns[0]!, ns[1]!, ns[2]!];
  let out = '';
  for (let i = first, n = 0; step > 0 ? i <= last : i >= last; i += step, n++) {
    if (n > 100000 || step === 0) break;
    out += `${i}\n`;
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}

export const COREUTILS: Record<string, Tool> = {
  seq,
  cat,
  env: (ctx) => env(ctx),
  printenv,
  echo: (_ctx, argv) => ({ stdout: echoText(argv.slice(1)), stderr: '', exitCode: 0 }),
  hostname: (ctx, argv) => {
    // `hostname -i`: the addresses the hostname resolves to (/etc/hosts: the pod IP).
    if (argv.includes('-i') || argv.includes('-I')) {
      const line = (ctx.readFile('/etc/hosts') ?? '').split('\n').find((l) => l.split(/\s+/).slice(1).includes(ctx.hostname()));
      const ip = line?.split(/\s+/)[0];
      return ip ? { stdout: `${ip}${argv.includes('-I') ? ' ' : ''}\n`, stderr: '', exitCode: 0 } : { stdout: '', stderr: `hostname: ${ctx.hostname()}: Unknown host\n`, exitCode: 1 };
    }
    return { stdout: `${ctx.hostname()}\n`, stderr: '', exitCode: 0 };
  },
  ls,
  sleep,
  true: () => ({ stdout: '', stderr: '', exitCode: 0 }),
  false: () => ({ stdout: '', stderr: '', exitCode: 1 }),
  id: (ctx) => id(ctx),
  pwd: () => ({ stdout: '/\n', stderr: '', exitCode: 0 }),
  whoami: (ctx) => {
    const r = id(ctx);
    return { stdout: r.stdout.startsWith('uid=0(') ? 'root\n' : '', stderr: r.stdout.startsWith('uid=0(') ? '' : `whoami: unknown uid ${/uid=(\d+)/.exec(r.stdout)?.[1]}\n`, exitCode: r.stdout.startsWith('uid=0(') ? 0 : 1 };
  },
  head,
  tail,
  grep,
  wc,
};
