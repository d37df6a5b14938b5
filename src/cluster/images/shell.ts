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
  /** The container keeps stdin open (`stdin: true`, `kubectl run -i`): a shell waits for commands. */
  stdin?: boolean;
  /** Connectivity to `host:port` from this pod (port 0: DNS resolution only). */
  connect(host: string, port: number): 'ok' | 'refused' | 'timeout' | 'nxdomain';
}

export type Outcome = { kind: 'exit'; code: number } | { kind: 'forever' };

/** Accumulates a plan while a program "runs": `t` is the current offset. */
export class PlanBuilder {
  t = 0;
  /** Inside a loop body: `date` prints a token filled in per iteration. */
  dateToken = false;
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

/** `$` inside single quotes, kept literal through expansion. */
const LITERAL_DOLLAR = '\u0003';
/** What `date` prints inside a loop body: the real date is filled in per line when logs are read. */
export const DATE_TOKEN = '\u0001DATE\u0001';
/** A number in a loop line that counts up per iteration. */
export const COUNTER_TOKEN = '\u0002';
const EXPANSION = /\$\(\(([^)]*)\)\)|\$\(([^)]*)\)|\$\{(\w+)\}|\$(\w+|\?)/g;

/** Expands `$((…))`, `$(…)`, `${V}` and `$V` in a word at execution time. */
export function expandWord(w: string, b: PlanBuilder): string {
  return w
    .replace(
      EXPANSION,
      (
        _m,
        arith: string | undefined,
        sub: string | undefined,
        a: string | undefined,
        c: string | undefined,
      ) => {
        if (arith !== undefined) return String(arithmetic(arith, b.ctx.env));
        if (sub !== undefined) return commandSubst(sub.trim(), b);
        return b.ctx.env[a ?? c ?? ''] ?? '';
      },
    )
    .replaceAll(LITERAL_DOLLAR, '$');
}

/** Integer arithmetic of `$((…))`: + - * / % and parentheses over numbers and variables. */
export function arithmetic(expr: string, env: Record<string, string>): number {
  const toks = expr.match(/\d+|[A-Za-z_]\w*|[-+*/%()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -atom();
    if (t === undefined) return 0;
    if (/^\d+$/.test(t)) return Number(t);
    return Number(env[t] ?? 0) || 0;
  };
  const product = (): number => {
    let v = atom();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = atom();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i] === '+' || toks[i] === '-')
      v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return sum();
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let cur = '';
  let has = false;
  const push = () => {
    if (has) out.push({ w: cur });
    cur = '';
    has = false;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === "'") {
      const j = src.indexOf("'", i + 1);
      cur += src.slice(i + 1, j < 0 ? src.length : j).replaceAll('$', LITERAL_DOLLAR);
      has = true;
      i = j < 0 ? src.length : j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      cur += s;
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
      const m = /^\$\(\([^)]*\)\)|^\$\(([^)]*)\)|^\$\{(\w+)\}|^\$(\w+|\?)/.exec(src.slice(i));
      if (m) {
        cur += m[0];
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
      return b.dateToken ? DATE_TOKEN : busyboxDate(b.ctx.startedAt + b.t);
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
  const node = new Parser(tokenize(script)).seq([]);
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
      for (const w of n.words.map((x) => expandWord(x, b))) {
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

/**
 * Compares a line from two loop iterations: numbers that differ become
 * counters (`text` gets a placeholder per number, `counters` their start and step).
 */
function counters(
  a: string,
  b: string | undefined,
): { text: string; counters?: { base: number; step: number }[] } {
  if (b === undefined || a === b) return { text: a };
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  if (pa.length !== pb.length) return { text: a };
  const out: string[] = [];
  const cs: { base: number; step: number }[] = [];
  for (let k = 0; k < pa.length; k++) {
    if (k % 2 === 0) {
      if (pa[k] !== pb[k]) return { text: a };
      out.push(pa[k]);
    } else if (pa[k] === pb[k]) out.push(pa[k]);
    else {
      out.push(COUNTER_TOKEN);
      cs.push({ base: Number(pa[k]), step: Number(pb[k]) - Number(pa[k]) });
    }
  }
  return { text: out.join(''), counters: cs };
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
  // Two iterations tell what the loop prints, how long it takes, and which numbers in
  // its lines count up (`echo "$i: $(date)"; i=$((i+1))`).
  const start = b.t;
  const logsBefore = b.plan.logs.length;
  const wasToken = b.dateToken;
  b.dateToken = true;
  exec(b, n.body);
  const every = b.t - start;
  const first = b.plan.logs.splice(logsBefore).map((l) => ({ at: l.at - start, text: l.text }));
  exec(b, n.body);
  const second = b.plan.logs.splice(logsBefore).map((l) => l.text);
  b.dateToken = wasToken;
  b.t = start;
  const lines = first.map((l, j) => ({ ...l, ...counters(l.text, second[j]) }));
  const isStatic =
    n.cond.t === 'seq' &&
    n.cond.items.length === 1 &&
    n.cond.items[0].node.t === 'cmd' &&
    ['true', ':'].includes((n.cond.items[0].node as { argv: string[] }).argv[0]);
  if (isStatic || every <= 0) {
    if (every > 0) b.plan.periodic = { from: start, every, lines, dateBase: b.ctx.startedAt };
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
  b.plan.periodic = { from: start, every, lines, dateBase: b.ctx.startedAt };
  throw new Stop({ kind: 'forever' });
}

function execCmd(b: PlanBuilder, rawArgv: string[], rawRedirect?: string): number {
  if (rawArgv.length === 0) return 0;
  const argv = rawArgv.map((w) => expandWord(w, b));
  const redirect = rawRedirect === undefined ? undefined : expandWord(rawRedirect, b);
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
