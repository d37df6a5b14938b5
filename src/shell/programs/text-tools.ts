/**
 * The text helpers learners pipe kubectl into. Each takes argv (without the
 * program name) and stdin, and returns what GNU coreutils/grep would print.
 */
export interface ProgramResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type Program = (args: string[], stdin: string) => ProgramResult;

const done = (stdout: string, exitCode = 0, stderr = ''): ProgramResult => ({ stdout, stderr, exitCode });

function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

const joinLines = (ls: string[]): string => (ls.length === 0 ? '' : ls.join('\n') + '\n');

/** `-n 5`, `-n5`, `-5`, `--lines=5`; returns undefined when absent. */
function countFlag(args: string[]): { count?: number; fromStart?: boolean; rest: string[]; error?: string } {
  const rest: string[] = [];
  let count: number | undefined;
  let fromStart = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++i];
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-n.+/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else {
      rest.push(a);
      continue;
    }
    if (v === undefined) return { rest, error: "option requires an argument -- 'n'" };
    if (v.startsWith('+')) {
      fromStart = true;
      v = v.slice(1);
    }
    if (!/^-?\d+$/.test(v)) return { rest, error: `invalid number of lines: ‘${v}’` };
    count = Number(v);
  }
  return { count, fromStart, rest };
}

export const head: Program = (args, stdin) => {
  const f = countFlag(args);
  if (f.error) return done('', 1, `head: ${f.error}\n`);
  const n = f.count ?? 10;
  const ls = lines(stdin);
  return done(joinLines(n >= 0 ? ls.slice(0, n) : ls.slice(0, Math.max(0, ls.length + n))));
};

export const tail: Program = (args, stdin) => {
  const f = countFlag(args);
  if (f.error) return done('', 1, `tail: ${f.error}\n`);
  const ls = lines(stdin);
  if (f.fromStart) return done(joinLines(ls.slice(Math.max(0, (f.count ?? 1) - 1))));
  const n = Math.abs(f.count ?? 10);
  return done(joinLines(n === 0 ? [] : ls.slice(-n)));
};

export const wc: Program = (args, stdin) => {
  const flags = new Set(args.filter((a) => a.startsWith('-')).flatMap((a) => (a.startsWith('--') ? [a] : a.slice(1).split('').map((c) => `-${c}`))));
  const l = (stdin.match(/\n/g) ?? []).length;
  const w = stdin.split(/\s+/).filter(Boolean).length;
  const c = Buffer.byteLength(stdin);
  const wanted: number[] = [];
  const all = flags.size === 0;
  if (all || flags.has('-l') || flags.has('--lines')) wanted.push(l);
  if (all || flags.has('-w') || flags.has('--words')) wanted.push(w);
  if (all || flags.has('-c') || flags.has('--bytes') || flags.has('-m')) wanted.push(c);
  if (wanted.length === 1) return done(`${wanted[0]}\n`);
  // GNU wc pads every column to the width of the largest count when several are printed.
  const width = Math.max(...wanted.map((x) => String(x).length));
  return done(wanted.map((x) => String(x).padStart(width)).join(' ') + '\n');
};

export const grep: Program = (args, stdin) => {
  let invert = false;
  let ignoreCase = false;
  let count = false;
  let word = false;
  let onlyMatching = false;
  let lineNumbers = false;
  let quiet = false;
  let extended = false;
  let fixed = false;
  let after = 0;
  let before = 0;
  const patterns: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') {
      patterns.push(args[++i] ?? '');
      continue;
    }
    const ctx = /^-([ABC])(\d*)$/.exec(a) ?? /^--(after|before)-context=(\d+)$/.exec(a) ?? /^--(context)=(\d+)$/.exec(a);
    if (ctx) {
      const n = Number(ctx[2] !== '' ? ctx[2] : args[++i]);
      if (!Number.isInteger(n)) return done('', 2, `grep: ${args[i]}: invalid context length argument\n`);
      const which = ctx[1];
      if (which === 'A' || which === 'after' || which === 'C' || which === 'context') after = n;
      if (which === 'B' || which === 'before' || which === 'C' || which === 'context') before = n;
      continue;
    }
    if (a.startsWith('--')) {
      if (a === '--invert-match') invert = true;
      else if (a === '--ignore-case') ignoreCase = true;
      else if (a === '--count') count = true;
      else if (a === '--word-regexp') word = true;
      else if (a === '--only-matching') onlyMatching = true;
      else if (a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '--extended-regexp') extended = true;
      else if (a === '--fixed-strings') fixed = true;
      else if (a === '--line-number') lineNumbers = true;
      else return done('', 2, `grep: unrecognized option '${a}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 'v') invert = true;
        else if (ch === 'i') ignoreCase = true;
        else if (ch === 'c') count = true;
        else if (ch === 'w') word = true;
        else if (ch === 'o') onlyMatching = true;
        else if (ch === 'n') lineNumbers = true;
        else if (ch === 'q') quiet = true;
        else if (ch === 'E') extended = true;
        else if (ch === 'F') fixed = true;
        else return done('', 2, `grep: invalid option -- '${ch}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      }
      continue;
    }
    rest.push(a);
  }
  if (patterns.length === 0) {
    if (rest.length === 0) return done('', 2, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    patterns.push(rest.shift()!);
  }
  if (rest.length > 0) return done('', 2, `grep: ${rest[0]}: No such file or directory\n`);
  let re: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (fixed ? escapeRegExp(p) : extended ? p : basicToExtended(p)));
    let src = sources.map((s) => `(?:${s})`).join('|');
    if (word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    re = new RegExp(src, ignoreCase ? 'gi' : 'g');
  } catch {
    return done('', 2, 'grep: Unmatched ( or \\(\n');
  }
  const out: string[] = [];
  let matched = 0;
  const all = lines(stdin);
  const hits = all.map((line) => {
    re.lastIndex = 0;
    return re.test(line) !== invert;
  });
  // With -A/-B/-C, GNU grep prints context lines and `--` between groups that are not adjacent.
  const context = after > 0 || before > 0;
  const shown = new Set<number>();
  if (context) {
    hits.forEach((hit, i) => {
      if (!hit) return;
      for (let j = Math.max(0, i - before); j <= Math.min(all.length - 1, i + after); j++) shown.add(j);
    });
  }
  let lastShown = -2;
  all.forEach((line, idx) => {
    const hit = hits[idx];
    if (hit) matched++;
    if (!hit && !(context && shown.has(idx))) return;
    if (context && lastShown >= 0 && idx > lastShown + 1) out.push('--');
    lastShown = idx;
    const prefix = lineNumbers ? `${idx + 1}${hit ? ':' : '-'}` : '';
    if (hit && onlyMatching && !invert) {
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) if (m[0] !== '') out.push(prefix + m[0]);
    } else out.push(prefix + line);
  });
  if (quiet) return done('', matched > 0 ? 0 : 1);
  if (count) return done(`${matched}\n`, matched > 0 ? 0 : 1);
  return done(joinLines(out), matched > 0 ? 0 : 1);
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** POSIX basic regular expressions: `\|`, `\(`, `\{` are the operators, bare ones are literal. */
function basicToExtended(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[i + 1];
      out += '|(){}+?'.includes(n) ? n : `\\${n}`;
      i++;
    } else if ('|(){}+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

export const sort: Program = (args, stdin) => {
  let reverse = false;
  let numeric = false;
  let unique = false;
  let key: number | undefined;
  let humanNumeric = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-k') key = Number.parseInt(args[++i] ?? '1', 10);
    else if (a.startsWith('-k')) key = Number.parseInt(a.slice(2), 10);
    else if (a.startsWith('-') && !a.startsWith('--')) {
      for (const ch of a.slice(1)) {
        if (ch === 'r') reverse = true;
        else if (ch === 'n') numeric = true;
        else if (ch === 'u') unique = true;
        else if (ch === 'h') humanNumeric = true;
      }
    } else if (a === '--reverse') reverse = true;
    else if (a === '--numeric-sort') numeric = true;
    else if (a === '--unique') unique = true;
  }
  const field = (l: string) => (key === undefined ? l : (l.trim().split(/\s+/)[key - 1] ?? ''));
  const num = (s: string) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)([KMGTP]i?)?/.exec(s);
    if (!m) return 0;
    const mult = humanNumeric && m[2] ? 1024 ** ('KMGTP'.indexOf(m[2][0]) + 1) : 1;
    return Number(m[1]) * mult;
  };
  let ls = lines(stdin);
  ls = [...ls].sort((a, b) => {
    const fa = field(a);
    const fb = field(b);
    let c = numeric || humanNumeric ? num(fa) - num(fb) : fa < fb ? -1 : fa > fb ? 1 : 0;
    if (c === 0) c = a < b ? -1 : a > b ? 1 : 0;
    return c;
  });
  if (reverse) ls.reverse();
  if (unique) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  return done(joinLines(ls));
};

export const uniq: Program = (args, stdin) => {
  const count = args.includes('-c');
  const ls = lines(stdin);
  const out: string[] = [];
  for (let i = 0; i < ls.length; ) {
    let j = i;
    while (j < ls.length && ls[j] === ls[i]) j++;
    out.push(count ? `${String(j - i).padStart(7)} ${ls[i]}` : ls[i]);
    i = j;
  }
  return done(joinLines(out));
};

export const cut: Program = (args, stdin) => {
  let delim = '\t';
  let fields: string | undefined;
  let chars: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d') delim = args[++i] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = args[++i];
    else if (a.startsWith('-f')) fields = a.slice(2);
    else if (a === '-c') chars = args[++i];
    else if (a.startsWith('-c')) chars = a.slice(2);
  }
  const spec = fields ?? chars;
  if (!spec) return done('', 1, 'cut: you must specify a list of bytes, characters, or fields\nTry \'cut --help\' for more information.\n');
  const ranges = spec.split(',').map((r) => {
    const [a, b] = r.split('-');
    const lo = a === '' ? 1 : Number(a);
    const hi = r.includes('-') ? (b === '' ? Infinity : Number(b)) : lo;
    return [lo, hi] as const;
  });
  const pick = (n: number) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
  const out = lines(stdin).map((l) => {
    if (chars) return [...l].filter((_, i) => pick(i + 1)).join('');
    if (!l.includes(delim)) return l;
    return l.split(delim).filter((_, i) => pick(i + 1)).join(delim);
  });
  return done(joinLines(out));
};

/** The one awk idiom troubleshooters use: printing fields (`{print $1}`, `{print $1, $3}`), optionally after a /regex/ or NR>1. */
export const awk: Program = (args, stdin) => {
  let sep: RegExp = /\s+/;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-F') sep = new RegExp(escapeRegExp(args[++i] ?? ' '));
    else if (args[i].startsWith('-F')) sep = new RegExp(escapeRegExp(args[i].slice(2)));
    else rest.push(args[i]);
  }
  const prog = (rest[0] ?? '').trim();
  const m = /^(?:(NR\s*(?:>|>=|==|!=|<|<=)\s*\d+|\/(?:[^/\\]|\\.)*\/|\$\d+\s*[!=]=\s*"[^"]*")\s*)?\{\s*print\s*([^}]*)\}$/.exec(prog);
  if (!m) return done('', 2, `awk: only '{print $N, ...}' programs are simulated here\n`);
  const cond = m[1];
  const items = m[2].trim() === '' ? ['$0'] : m[2].split(',').map((s) => s.trim());
  const out: string[] = [];
  lines(stdin).forEach((line, idx) => {
    const fieldsOf = line.trim() === '' ? [] : line.trim().split(sep);
    const fieldAt = (n: number) => (n === 0 ? line : (fieldsOf[n - 1] ?? ''));
    if (cond) {
      if (cond.startsWith('NR')) {
        const c = /NR\s*(>=|<=|==|!=|>|<)\s*(\d+)/.exec(cond)!;
        const nr = idx + 1;
        const v = Number(c[2]);
        const ok = { '>': nr > v, '>=': nr >= v, '==': nr === v, '!=': nr !== v, '<': nr < v, '<=': nr <= v }[c[1]];
        if (!ok) return;
      } else if (cond.startsWith('/')) {
        if (!new RegExp(cond.slice(1, -1)).test(line)) return;
      } else {
        const c = /^\$(\d+)\s*([!=]=)\s*"([^"]*)"/.exec(cond)!;
        const eq = fieldAt(Number(c[1])) === c[3];
        if (eq !== (c[2] === '==')) return;
      }
    }
    out.push(
      items
        .map((it) => {
          const f = /^\$(\d+|NF)$/.exec(it);
          if (f) return f[1] === 'NF' ? fieldAt(fieldsOf.length) : fieldAt(Number(f[1]));
          const s = /^"(.*)"$/.exec(it);
          if (s) return s[1];
          if (it === 'NR') return String(idx + 1);
          if (it === 'NF') return String(fieldsOf.length);
          return '';
        })
        .join(' '),
    );
  });
  return done(joinLines(out));
};

export const base64: Program = (args, stdin) => {
  const decode = args.some((a) => a === '-d' || a === '--decode' || a === '-D');
  if (decode) {
    const clean = stdin.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return done(Buffer.from(clean, 'base64').toString('utf8'), 1, 'base64: invalid input\n');
    return done(Buffer.from(clean, 'base64').toString('utf8'));
  }
  const wrapIdx = args.findIndex((a) => a === '-w' || a.startsWith('-w'));
  const wrap = wrapIdx >= 0 ? Number(args[wrapIdx] === '-w' ? args[wrapIdx + 1] : args[wrapIdx].slice(2)) : 76;
  const enc = Buffer.from(stdin, 'utf8').toString('base64');
  if (wrap === 0) return done(enc);
  const chunks = enc.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? [];
  return done(joinLines(chunks));
};

export const echo: Program = (args) => {
  let newline = true;
  let i = 0;
  while (i < args.length && /^-[neE]+$/.test(args[i])) {
    if (args[i].includes('n')) newline = false;
    i++;
  }
  return done(args.slice(i).join(' ') + (newline ? '\n' : ''));
};

export const cat: Program = (args, stdin) => {
  const files = args.filter((a) => a !== '-');
  if (files.length > 0) return done('', 1, `cat: ${files[0]}: files are not simulated here; use kubectl get -o yaml\n`);
  return done(stdin);
};

export const tr: Program = (args, stdin) => {
  const del = args[0] === '-d';
  const sets = args.filter((a) => !a.startsWith('-'));
  const expand = (s: string) => s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/([^-])-([^-])/g, (_, a: string, b: string) => {
    let out = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out += String.fromCharCode(c);
    return out;
  });
  const from = expand(sets[0] ?? '');
  if (del) return done([...stdin].filter((c) => !from.includes(c)).join(''));
  const to = expand(sets[1] ?? '');
  return done([...stdin].map((c) => {
    const k = from.indexOf(c);
    return k < 0 ? c : (to[Math.min(k, to.length - 1)] ?? c);
  }).join(''));
};

/**
 * The sed idioms people pipe kubectl into: `s/old/new/` (with `g` and any
 * delimiter), `-n 'N,Mp'`, `Nd`, `/re/d` and `/re/p`, separated by `;` or
 * given with several `-e`.
 */
export const sed: Program = (args, stdin) => {
  let quiet = false;
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--quiet') quiet = true;
    else if (a === '-e') scripts.push(args[++i] ?? '');
    else if (a === '-E' || a === '-r') continue;
    else if (a.startsWith('-')) return done('', 1, `sed: invalid option -- '${a.slice(1)}'\n`);
    else if (scripts.length === 0) scripts.push(a);
    else return done('', 2, `sed: can't read ${a}: files are not simulated here\n`);
  }
  type Cmd = { addr?: { from: number | RegExp; to?: number | RegExp }; op: 's' | 'p' | 'd'; re?: RegExp; repl?: string };
  const cmds: Cmd[] = [];
  for (const part of scripts.flatMap((sc) => sc.split(/;\s*/)).filter((x) => x.trim() !== '')) {
    const m = /^\s*(?:(\d+|\$|\/(?:[^/\\]|\\.)*\/)(?:,(\d+|\$|\/(?:[^/\\]|\\.)*\/))?)?\s*(.*)$/.exec(part)!;
    const addrOf = (x: string | undefined) => (x === undefined ? undefined : x === '$' ? Infinity : x.startsWith('/') ? new RegExp(x.slice(1, -1)) : Number(x));
    const from = addrOf(m[1]);
    const to = addrOf(m[2]);
    const body = m[3];
    const addr = from === undefined ? undefined : { from, to };
    if (body === 'p' || body === 'd') {
      cmds.push({ addr, op: body });
      continue;
    }
    if (body.startsWith('s') && body.length > 1) {
      const d = body[1];
      const pieces = body.slice(2).split(d);
      if (pieces.length < 3) return done('', 1, `sed: -e expression #1, char ${body.length}: unterminated \`s' command\n`);
      const flags = pieces[2];
      try {
        cmds.push({ addr, op: 's', re: new RegExp(pieces[0], flags.includes('g') ? 'g' : ''), repl: pieces[1].replace(/\\(\d)/g, '$$$1').replace(/&/g, '$$&') });
      } catch {
        return done('', 1, `sed: -e expression #1: invalid regular expression\n`);
      }
      continue;
    }
    return done('', 1, `sed: -e expression #1: only s///, p and d are simulated here\n`);
  }
  const out: string[] = [];
  const ls = lines(stdin);
  const inRange = new Map<Cmd, boolean>();
  const matches = (a: number | RegExp, line: string, n: number) => (typeof a === 'number' ? n === a || (a === Infinity && n === ls.length) : a.test(line));
  ls.forEach((orig, idx) => {
    const n = idx + 1;
    let line = orig;
    let deleted = false;
    const extra: string[] = [];
    for (const c of cmds) {
      let selected = true;
      if (c.addr) {
        if (c.addr.to === undefined) selected = matches(c.addr.from, line, n);
        else if (inRange.get(c)) {
          selected = true;
          const to = c.addr.to;
          if (typeof to === 'number' ? n >= to : to.test(line)) inRange.set(c, false);
        } else if (matches(c.addr.from, line, n)) {
          selected = true;
          const to = c.addr.to;
          inRange.set(c, !(typeof to === 'number' && n >= to));
        } else selected = false;
      }
      if (!selected) continue;
      if (c.op === 'd') {
        deleted = true;
        break;
      }
      if (c.op === 'p') extra.push(line);
      if (c.op === 's') line = line.replace(c.re!, c.repl!);
    }
    if (deleted) return;
    out.push(...extra);
    if (!quiet) out.push(line);
  });
  return done(joinLines(out));
};
