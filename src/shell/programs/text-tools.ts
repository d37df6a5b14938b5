/**
 * The text helpers learners pipe kubectl into. Each takes argv (without the
 * program name), stdin and the session's files, and returns what GNU
 * coreutils/grep/sed (and Debian's mawk) would print, error texts included.
 */
import { FS_ERROR_TEXT } from '../workspace.js';
import { escapeRegExp, posixToJs } from './regex.js';
import { done, joinLines, lines, readOperand, tryHelp, type Program, type ProgramIO, type ProgramResult } from './io.js';

export type { Program, ProgramResult } from './io.js';

/**
 * Reads FILE operands in order (none means stdin). `message` words each
 * tool's complaint about a missing file or a directory.
 */
function readAll(io: ProgramIO, files: string[], stdin: string, message: (name: string, why: string, code: string) => string): { inputs: { name: string; text: string }[]; stderr: string; failed: boolean } {
  const input = { text: stdin };
  const inputs: { name: string; text: string }[] = [];
  let stderr = '';
  for (const name of files.length === 0 ? ['-'] : files) {
    const r = readOperand(io, name, input);
    if ('error' in r) stderr += message(name, FS_ERROR_TEXT[r.error], r.error);
    else inputs.push({ name, text: r.text });
  }
  return { inputs, stderr, failed: stderr !== '' };
}

/** head's and tail's `==> NAME <==` banner (standard input for `-`). */
const banner = (name: string) => `==> ${name === '-' ? 'standard input' : name} <==\n`;

/** head and tail over several files: a banner before each, a blank line between them, `-q` drops the banners. */
function perFile(prog: 'head' | 'tail', files: string[], flags: string[], stdin: string, io: ProgramIO, body: (text: string) => string): ProgramResult {
  let quiet = false;
  let verbose = false;
  for (const f of flags) {
    if (f === '-q' || f === '--quiet' || f === '--silent') quiet = true;
    else if (f === '-v' || f === '--verbose') verbose = true;
  }
  const names = files.length === 0 ? ['-'] : files;
  const input = { text: stdin };
  let out = '';
  let err = '';
  let shown = 0;
  for (const name of names) {
    const r = readOperand(io, name, input);
    if ('error' in r) {
      err += r.error === 'EISDIR' ? `${prog}: error reading '${name}': Is a directory\n` : `${prog}: cannot open '${name}' for reading: ${FS_ERROR_TEXT[r.error]}\n`;
      // A directory still gets its banner: head opened it before the read failed.
      if (r.error !== 'EISDIR') continue;
    }
    if ((names.length > 1 && !quiet) || verbose) out += (shown > 0 ? '\n' : '') + banner(name);
    shown++;
    if (!('error' in r)) out += body(r.text);
  }
  return done(out, err ? 1 : 0, err);
}

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

const isOption = (a: string) => a.startsWith('-') && a !== '-';

export const head: Program = (args, stdin, io) => {
  const f = countFlag(args);
  if (f.error) return done('', 1, `head: ${f.error}\n`);
  const n = f.count ?? 10;
  return perFile('head', f.rest.filter((a) => !isOption(a)), f.rest.filter(isOption), stdin, io, (text) => {
    const ls = lines(text);
    return joinLines(n >= 0 ? ls.slice(0, n) : ls.slice(0, Math.max(0, ls.length + n)));
  });
};

export const tail: Program = (args, stdin, io) => {
  const f = countFlag(args);
  if (f.error) return done('', 1, `tail: ${f.error}\n`);
  return perFile('tail', f.rest.filter((a) => !isOption(a)), f.rest.filter(isOption), stdin, io, (text) => {
    const ls = lines(text);
    if (f.fromStart) return joinLines(ls.slice(Math.max(0, (f.count ?? 1) - 1)));
    const n = Math.abs(f.count ?? 10);
    return joinLines(n === 0 ? [] : ls.slice(-n));
  });
};

export const wc: Program = (args, stdin, io) => {
  const flags = new Set(args.filter(isOption).flatMap((a) => (a.startsWith('--') ? [a] : a.slice(1).split('').map((c) => `-${c}`))));
  const files = args.filter((a) => !isOption(a));
  const all = flags.size === 0;
  const show = [all || flags.has('-l') || flags.has('--lines'), all || flags.has('-w') || flags.has('--words'), all || flags.has('-c') || flags.has('--bytes') || flags.has('-m')];
  const counts = (text: string) => [(text.match(/\n/g) ?? []).length, text.split(/\s+/).filter(Boolean).length, Buffer.byteLength(text)].filter((_, i) => show[i]);
  const names = files.length === 0 ? ['-'] : files;
  const input = { text: stdin };
  const rows: { counts: number[]; name?: string }[] = [];
  let err = '';
  // GNU wc sizes its columns before reading: from the total size of the regular files, at least 7 wide
  // when an input is a pipe, and unpadded for a single input with a single count.
  let width = 1;
  const single = names.length === 1 && show.filter(Boolean).length === 1;
  let regularTotal = 0;
  let minimum = 1;
  const firstFailed = names[0] !== '-' && io.fs.stat(names[0]) === undefined;
  for (const name of names) {
    const r = readOperand(io, name, input);
    if ('error' in r && r.error !== 'EISDIR') {
      err += `wc: ${name}: ${FS_ERROR_TEXT[r.error]}\n`;
      continue;
    }
    if ('error' in r) {
      err += `wc: ${name}: Is a directory\n`;
      minimum = 7;
      rows.push({ counts: counts(''), name });
      continue;
    }
    if (name === '-' && !io.stdinIsFile) minimum = 7;
    else regularTotal += Buffer.byteLength(r.text);
    rows.push({ counts: counts(r.text), name: files.length === 0 ? undefined : name });
  }
  if (!single && !firstFailed) width = Math.max(String(regularTotal).length, minimum);
  if (names.length > 1) rows.push({ counts: rows.reduce((t, r) => t.map((x, i) => x + r.counts[i]), counts('')), name: 'total' });
  const out = rows.map((r) => r.counts.map((x) => String(x).padStart(width)).join(' ') + (r.name !== undefined ? ` ${r.name}` : '') + '\n').join('');
  return done(out, err ? 1 : 0, err);
};

export const grep: Program = (args, stdin, io) => {
  let invert = false;
  let withNames: boolean | undefined;
  let listFiles = false;
  let recursive = false;
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
      else if (a === '--with-filename') withNames = true;
      else if (a === '--no-filename') withNames = false;
      else if (a === '--files-with-matches') listFiles = true;
      else if (a === '--recursive') recursive = true;
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
        else if (ch === 'H') withNames = true;
        else if (ch === 'h') withNames = false;
        else if (ch === 'l') listFiles = true;
        else if (ch === 'r' || ch === 'R') recursive = true;
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
  let re: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (fixed ? escapeRegExp(p) : posixToJs(p, extended)));
    let src = sources.map((s) => `(?:${s})`).join('|');
    if (word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    re = new RegExp(src, ignoreCase ? 'gi' : 'g');
  } catch (e) {
    return done('', 2, `grep: ${(e as Error).message.startsWith('Unmatched [') ? (e as Error).message : 'Unmatched ( or \\('}\n`);
  }
  // -r with no FILE searches the working directory, naming files without a `./` prefix.
  let operands = rest;
  if (recursive) {
    const expanded: string[] = [];
    for (const f of rest.length === 0 ? ['.'] : rest) {
      const st = f === '-' ? undefined : io.fs.stat(f);
      if (st?.kind !== 'dir') {
        expanded.push(f);
        continue;
      }
      const base = io.fs.resolve(f);
      for (const p of io.fs.walk(base)) {
        if (io.fs.statAbs(p)?.kind !== 'file') continue;
        const rel = p.slice(base === '/' ? 1 : base.length + 1);
        expanded.push(rest.length === 0 ? rel : `${f.replace(/\/+$/, '')}/${rel}`);
      }
    }
    operands = expanded;
  }
  withNames ??= operands.length > 1 || recursive;
  const input = { text: stdin };
  const out: string[] = [];
  let err = '';
  let matched = 0;
  let lastShown = -2;
  let anyShown = false;
  for (const name of operands.length === 0 ? ['-'] : operands) {
    // -q stops at the first match: later files are never opened.
    if (quiet && matched > 0) break;
    const r = readOperand(io, name, input);
    if ('error' in r) {
      err += `grep: ${name}: ${FS_ERROR_TEXT[r.error]}\n`;
      continue;
    }
    const label = name === '-' ? '(standard input)' : name;
    const all = lines(r.text);
    const hits = all.map((line) => {
      re.lastIndex = 0;
      return re.test(line) !== invert;
    });
    const fileMatches = hits.filter(Boolean).length;
    matched += fileMatches;
    if (quiet) continue;
    if (listFiles) {
      if (fileMatches > 0) out.push(label);
      continue;
    }
    if (count) {
      out.push(withNames ? `${label}:${fileMatches}` : String(fileMatches));
      continue;
    }
    // With -A/-B/-C, GNU grep prints context lines and `--` between groups that are not adjacent (across files too).
    const context = after > 0 || before > 0;
    const shown = new Set<number>();
    if (context) {
      hits.forEach((hit, i) => {
        if (!hit) return;
        for (let j = Math.max(0, i - before); j <= Math.min(all.length - 1, i + after); j++) shown.add(j);
      });
    }
    lastShown = -2;
    all.forEach((line, idx) => {
      const hit = hits[idx];
      if (!hit && !(context && shown.has(idx))) return;
      if (context && anyShown && idx !== lastShown + 1) out.push('--');
      lastShown = idx;
      anyShown = true;
      const sep = hit ? ':' : '-';
      const prefix = (withNames ? label + sep : '') + (lineNumbers ? `${idx + 1}${sep}` : '');
      if (hit && onlyMatching && !invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') out.push(prefix + m[0]);
      } else out.push(prefix + line);
    });
  }
  // An unreadable file makes the status 2, unless -q already found a match.
  const status = err && !(quiet && matched > 0) ? 2 : matched > 0 ? 0 : 1;
  return done(quiet ? '' : joinLines(out), status, err);
};

export const sort: Program = (args, stdin, io) => {
  let reverse = false;
  const files: string[] = [];
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
    else if (!a.startsWith('-') || a === '-') files.push(a);
  }
  // sort reads every input before printing, so one unreadable file means no output at all.
  const read = readAll(io, files, stdin, (name, why, code) => (code === 'EISDIR' ? `sort: read failed: ${name}: ${why}\n` : `sort: cannot read: ${name}: ${why}\n`));
  if (read.failed) return done('', 2, read.stderr.split('\n')[0] + '\n');
  const text = read.inputs.map((i) => (i.text === '' || i.text.endsWith('\n') ? i.text : i.text + '\n')).join('');
  const field = (l: string) => (key === undefined ? l : (l.trim().split(/\s+/)[key - 1] ?? ''));
  const num = (s: string) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)([KMGTP]i?)?/.exec(s);
    if (!m) return 0;
    const mult = humanNumeric && m[2] ? 1024 ** ('KMGTP'.indexOf(m[2][0]) + 1) : 1;
    return Number(m[1]) * mult;
  };
  let ls = lines(text);
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

export const uniq: Program = (args, stdin, io) => {
  const count = args.includes('-c');
  // uniq [INPUT [OUTPUT]]: the second operand is where the result is written.
  const [inName, outName] = args.filter((a) => !isOption(a));
  const read = readAll(io, inName === undefined ? [] : [inName], stdin, (name, why) => `uniq: ${name}: ${why}\n`);
  if (read.failed) return done('', 1, read.stderr);
  const ls = lines(read.inputs[0].text);
  const out: string[] = [];
  for (let i = 0; i < ls.length; ) {
    let j = i;
    while (j < ls.length && ls[j] === ls[i]) j++;
    out.push(count ? `${String(j - i).padStart(7)} ${ls[i]}` : ls[i]);
    i = j;
  }
  if (outName !== undefined) {
    const err = io.fs.writeFile(outName, joinLines(out));
    return err ? done('', 1, `uniq: ${outName}: ${FS_ERROR_TEXT[err]}\n`) : done('');
  }
  return done(joinLines(out));
};

export const cut: Program = (args, stdin, io) => {
  const files: string[] = [];
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
    else if (!isOption(a)) files.push(a);
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
  const read = readAll(io, files, stdin, (name, why) => `cut: ${name}: ${why}\n`);
  const out = read.inputs.flatMap((i) => lines(i.text)).map((l) => {
    if (chars) return [...l].filter((_, i) => pick(i + 1)).join('');
    if (!l.includes(delim)) return l;
    return l.split(delim).filter((_, i) => pick(i + 1)).join(delim);
  });
  return done(joinLines(out), read.failed ? 1 : 0, read.stderr);
};

/** The one awk idiom troubleshooters use: printing fields (`{print $1}`, `{print $1, $3}`), optionally after a /regex/ or NR>1. */
export const awk: Program = (args, stdin, io) => {
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
  // mawk stops at the first file it cannot read, after printing what it read before.
  const texts: string[] = [];
  let readError = '';
  const input = { text: stdin };
  for (const name of rest.length > 1 ? rest.slice(1) : ['-']) {
    const r = readOperand(io, name, input);
    if ('error' in r) {
      readError = r.error === 'EISDIR' ? 'awk: read error (Is a directory)\n' : `awk: cannot open ${name} (${FS_ERROR_TEXT[r.error]})\n`;
      break;
    }
    texts.push(r.text);
  }
  texts.flatMap((t) => lines(t)).forEach((line, idx) => {
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
  return done(joinLines(out), readError ? 2 : 0, readError);
};

export const base64: Program = (args, stdin, io) => {
  const decode = args.some((a) => a === '-d' || a === '--decode' || a === '-D');
  const operands = args.filter((a, i) => !isOption(a) && !(i > 0 && args[i - 1] === '-w'));
  if (operands.length > 1) return done('', 1, `base64: extra operand ‘${operands[1]}’\n${tryHelp('base64')}`);
  const read = readAll(io, operands, stdin, (name, why) => `base64: ${name}: ${why}\n`);
  if (read.failed) return done('', 1, read.stderr);
  stdin = read.inputs[0].text;
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

/** `cat [-n] [-E] [-A] [FILE]...`: `-n` numbers lines across all files, `-E`/`-A` mark line ends with `$`. */
export const cat: Program = (args, stdin, io) => {
  let number = false;
  let ends = false;
  const files: string[] = [];
  for (const a of args) {
    if (!isOption(a)) files.push(a);
    else if (a === '--number') number = true;
    else if (a === '--show-ends' || a === '--show-all') ends = true;
    else if (a.startsWith('--')) return done('', 1, `cat: unrecognized option '${a}'\n${tryHelp('cat')}`);
    else
      for (const ch of a.slice(1)) {
        if (ch === 'n') number = true;
        else if (ch === 'E' || ch === 'A') ends = true;
        else return done('', 1, `cat: invalid option -- '${ch}'\n${tryHelp('cat')}`);
      }
  }
  const read = readAll(io, files, stdin, (name, why) => `cat: ${name}: ${why}\n`);
  let text = read.inputs.map((i) => i.text).join('');
  if (ends) text = text.replace(/\n/g, '$\n');
  if (number) {
    const parts = text.split('\n');
    // What follows the last newline is a line only when it is not empty.
    const last = parts.pop()!;
    text = parts.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join('') + (last === '' ? '' : `${String(parts.length + 1).padStart(6)}\t${last}`);
  }
  return done(text, read.failed ? 1 : 0, read.stderr);
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
