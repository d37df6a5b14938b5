import type { ProcessPlan } from './process.js';

/**
 * What a process run inside a container can see and reach. Built by the
 * kubelet for each container start.
 */
export interface RunContext {
  env: Record<string, string>;
  /** Files mounted or written by the kubelet (resolv.conf, ConfigMap volumes, …). */
  files: Record<string, string>;
  /** Absolute simulated start time (ms), for timestamps printed in logs. */
  startedAt: number;
  podIP: string;
  hostname: string;
  namespace: string;
  /** Connectivity to `host:port` from this pod (port 0: DNS resolution only). */
  connect(host: string, port: number): 'ok' | 'refused' | 'timeout' | 'nxdomain';
}

export type Outcome = { kind: 'exit'; code: number } | { kind: 'forever' };

/** Accumulates a plan while a program "runs": `t` is the current offset. */
export class PlanBuilder {
  t = 0;
  constructor(
    readonly plan: ProcessPlan,
    readonly ctx: RunContext,
    readonly programs: Record<string, Program>,
  ) {}

  log(text: string): void {
    for (const line of text.split('\n')) this.plan.logs.push({ at: this.t, text: line });
  }

  /** Current content of a file, considering writes/removals so far. */
  file(path: string): string | undefined {
    let found: string | undefined = this.ctx.files[path];
    for (const f of this.plan.files) {
      if (f.path === path && f.from <= this.t && (f.until === undefined || this.t < f.until))
        found = f.content;
      if (f.path === path && f.until !== undefined && f.until <= this.t) found = undefined;
    }
    return found;
  }

  writeFile(path: string, content: string): void {
    this.removeFile(path);
    this.plan.files.push({ path, content, from: this.t });
  }

  removeFile(path: string): void {
    for (const f of this.plan.files) if (f.path === path && f.until === undefined) f.until = this.t;
  }

  run(argv: string[]): Outcome {
    if (argv.length === 0) return { kind: 'exit', code: 0 };
    const name = argv[0].split('/').pop()!;
    const prog = this.programs[name];
    if (!prog) {
      this.log(`sh: ${argv[0]}: not found`);
      return { kind: 'exit', code: 127 };
    }
    return prog(this, argv);
  }
}

export type Program = (b: PlanBuilder, argv: string[]) => Outcome;

// ---------------------------------------------------------------- tokenizer

type Tok = { w: string } | { op: string };

function tokenize(src: string, b: PlanBuilder): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let cur = '';
  let has = false;
  const push = () => {
    if (has) out.push({ w: cur });
    cur = '';
    has = false;
  };
  const expand = (s: string, quoted: boolean): string =>
    s.replace(
      /\$\(([^)]*)\)|\$\{(\w+)\}|\$(\w+|\?)/g,
      (_m, sub: string | undefined, a: string | undefined, c: string | undefined) => {
        if (sub !== undefined) return commandSubst(sub.trim(), b);
        const k = a ?? c ?? '';
        return b.ctx.env[k] ?? (quoted ? '' : '');
      },
    );
  while (i < src.length) {
    const ch = src[i];
    if (ch === "'") {
      const j = src.indexOf("'", i + 1);
      cur += src.slice(i + 1, j < 0 ? src.length : j);
      has = true;
      i = j < 0 ? src.length : j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      cur += expand(s, true);
      has = true;
      i = j + 1;
    } else if (ch === '\n' || ch === ';') {
      push();
      out.push({ op: ';' });
      i++;
    } else if (ch === '&' && src[i + 1] === '&') {
      push();
      out.push({ op: '&&' });
      i += 2;
    } else if (ch === '|' && src[i + 1] === '|') {
      push();
      out.push({ op: '||' });
      i += 2;
    } else if (ch === '&' && cur.endsWith('>')) {
      // `2>&1`, `>&2`: a redirection, not a background job.
      cur += ch;
      i++;
    } else if (ch === '&' || ch === '|') {
      push();
      out.push({ op: ch });
      i++;
    } else if (ch === ' ' || ch === '\t') {
      push();
      i++;
    } else if (ch === '$') {
      const m = /^\$\(([^)]*)\)|^\$\{(\w+)\}|^\$(\w+|\?)/.exec(src.slice(i));
      if (m) {
        cur += expand(m[0], false);
        has = true;
        i += m[0].length;
      } else {
        cur += ch;
        has = true;
        i++;
      }
    } else if (ch === '#' && !has) {
      while (i < src.length && src[i] !== '\n') i++;
    } else {
      cur += ch;
      has = true;
      i++;
    }
  }
  push();
  return out;
}

function commandSubst(cmd: string, b: PlanBuilder): string {
  const argv = cmd.split(/\s+/);
  switch (argv[0]) {
    case 'hostname':
      return b.ctx.hostname;
    case 'date':
      return busyboxDate(b.ctx.startedAt + b.t);
    case 'cat':
      return (b.file(argv[1] ?? '') ?? '').trimEnd();
    default:
      return '';
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Thu Jan 15 09:00:00 UTC 2026`, busybox `date` output. */
export function busyboxDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------- parser

type Node =
  | { t: 'cmd'; argv: string[]; redirect?: string }
  | { t: 'seq'; items: { node: Node; op: string }[] }
  | { t: 'while'; until: boolean; cond: Node; body: Node }
  | { t: 'for'; v: string; words: string[]; body: Node };

class Parser {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t && 'w' in t ? t.w : undefined;
  }
  skipSeps(): void {
    while (
      this.i < this.toks.length &&
      'op' in this.toks[this.i] &&
      (this.toks[this.i] as { op: string }).op === ';'
    )
      this.i++;
  }
  /** Parses until one of the terminator words. */
  seq(stop: string[]): Node {
    const items: { node: Node; op: string }[] = [];
    let op = ';';
    this.skipSeps();
    while (this.i < this.toks.length) {
      const w = this.peekWord();
      if (w !== undefined && stop.includes(w)) break;
      const node = this.command();
      items.push({ node, op });
      const t = this.toks[this.i];
      if (t && 'op' in t) {
        op = t.op === '&&' || t.op === '||' ? t.op : ';';
        this.i++;
        if (op === ';') this.skipSeps();
      } else op = ';';
    }
    return { t: 'seq', items };
  }
  expectWord(w: string): void {
    this.skipSeps();
    if (this.peekWord() === w) this.i++;
  }
  command(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.seq(['do']);
      this.expectWord('do');
      const body = this.seq(['done']);
      this.expectWord('done');
      return { t: 'while', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.i++;
      const v = this.peekWord() ?? 'i';
      this.i++;
      const words: string[] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.peekWord() !== undefined)
          words.push(this.toks[this.i++] && (this.toks[this.i - 1] as { w: string }).w);
      }
      this.expectWord('do');
      const body = this.seq(['done']);
      this.expectWord('done');
      return { t: 'for', v, words, body };
    }
    const argv: string[] = [];
    let redirect: string | undefined;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if ('op' in t) break;
      this.i++;
      if (t.w === '>' || t.w === '>>') {
        redirect = this.peekWord();
        this.i++;
      } else if (/^\d?>>?&?\d?$/.test(t.w) || t.w === '2>&1') {
        // fd redirections: ignored
      } else if (/^>>?./.test(t.w)) redirect = t.w.replace(/^>>?/, '');
      else argv.push(t.w);
    }
    return { t: 'cmd', argv, redirect };
  }
}

/** Thrown internally to stop execution at `exit` or a daemon that never returns. */
class Stop {
  constructor(readonly outcome: Outcome) {}
}

/**
 * Runs a `sh -c` script into the plan: echo, sleep, exit, touch, rm, cat,
 * loops (`while true; do …; sleep N; done` becomes periodic logs, `until
 * nslookup db; do …; done` a polled wait) and the image's own programs.
 */
export function runScript(b: PlanBuilder, script: string): Outcome {
  const node = new Parser(tokenize(script, b)).seq([]);
  try {
    const code = exec(b, node);
    return { kind: 'exit', code };
  } catch (e) {
    if (e instanceof Stop) return e.outcome;
    throw e;
  }
}

function exec(b: PlanBuilder, n: Node): number {
  switch (n.t) {
    case 'seq': {
      let code = 0;
      for (const { node, op } of n.items) {
        if (op === '&&' && code !== 0) continue;
        if (op === '||' && code === 0) continue;
        code = exec(b, node);
      }
      return code;
    }
    case 'for': {
      let code = 0;
      for (const w of n.words) {
        b.ctx.env[n.v] = w;
        code = exec(b, n.body);
      }
      return code;
    }
    case 'while':
      return execLoop(b, n);
    case 'cmd':
      return execCmd(b, n.argv, n.redirect);
  }
}

function execLoop(b: PlanBuilder, n: { until: boolean; cond: Node; body: Node }): number {
  const condTrue = () => {
    const saved = { t: b.t, logs: b.plan.logs.length };
    const code = exec(b, n.cond);
    b.plan.logs.length = saved.logs;
    b.t = saved.t;
    return code === 0;
  };
  const stays = () => (n.until ? !condTrue() : condTrue());
  if (!stays()) return 0;
  // One iteration tells what the loop prints and how long it takes.
  const start = b.t;
  const logsBefore = b.plan.logs.length;
  exec(b, n.body);
  const every = b.t - start;
  const lines = b.plan.logs.splice(logsBefore).map((l) => ({ at: l.at - start, text: l.text }));
  b.t = start;
  const isStatic =
    n.cond.t === 'seq' &&
    n.cond.items.length === 1 &&
    n.cond.items[0].node.t === 'cmd' &&
    ['true', ':'].includes((n.cond.items[0].node as { argv: string[] }).argv[0]);
  if (isStatic || every <= 0) {
    if (every > 0) b.plan.periodic = { from: start, every, lines };
    else b.plan.cpuMillis = Math.max(b.plan.cpuMillis, 1000);
    throw new Stop({ kind: 'forever' });
  }
  // A polled condition (`until nslookup db`): re-checked every iteration by the kubelet.
  const cond = n.cond;
  const until = n.until;
  b.plan.waitFor = {
    every,
    lines: lines.map((l) => l.text),
    doneLines: [],
    code: 0,
    check: () => {
      const probe = new PlanBuilder(
        { ...b.plan, logs: [], files: [...b.plan.files] },
        b.ctx,
        b.programs,
      );
      const ok = exec(probe, cond) === 0;
      return until ? ok : !ok;
    },
  };
  b.plan.periodic = { from: start, every, lines };
  throw new Stop({ kind: 'forever' });
}

function execCmd(b: PlanBuilder, argv: string[], redirect?: string): number {
  if (argv.length === 0) return 0;
  const [cmd, ...rest] = argv;
  const capture = (fn: () => number): number => {
    if (!redirect) return fn();
    const before = b.plan.logs.length;
    const code = fn();
    const out = b.plan.logs.splice(before).map((l) => l.text);
    if (redirect !== '/dev/null') b.writeFile(redirect, out.map((l) => l + '\n').join(''));
    return code;
  };
  switch (cmd) {
    case 'exit':
      throw new Stop({ kind: 'exit', code: Number(rest[0] ?? 0) || 0 });
    case 'exec':
      throw new Stop(b.run(rest));
    case 'trap':
    case 'set':
    case 'export':
      for (const a of cmd === 'export' ? rest : []) {
        const eq = a.indexOf('=');
        if (eq > 0) b.ctx.env[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return 0;
    case 'cd':
      return 0;
    default: {
      if (/^\w+=/.test(cmd) && rest.length === 0) {
        const eq = cmd.indexOf('=');
        b.ctx.env[cmd.slice(0, eq)] = cmd.slice(eq + 1);
        return 0;
      }
      return capture(() => {
        const out = b.run(argv);
        if (out.kind === 'forever') throw new Stop(out);
        return out.code;
      });
    }
  }
}
