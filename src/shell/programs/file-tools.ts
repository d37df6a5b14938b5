/**
 * The file commands of the generate-edit-apply workflow (`ls`, `rm`, `cp`,
 * `mv`, `touch`, `mkdir`, `tee`), working on the session's workspace with
 * GNU coreutils' options, output and error texts.
 */
import { basename, byteOrder, FS_ERROR_TEXT, join, parent, type FileStat } from '../workspace.js';
import { done, tryHelp, type Program, type ProgramIO } from './io.js';

/**
 * Splits short options (`-rf`, `-la`) and long ones from operands; `--`
 * ends the options. Returns the first unknown option as GNU words it.
 */
function options(prog: string, args: string[], short: string, long: Record<string, string>, usageStatus = 1): { flags: Set<string>; operands: string[]; error?: ReturnType<typeof done> } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const f = long[a];
      if (f === undefined) return { flags, operands, error: done('', usageStatus, `${prog}: unrecognized option '${a}'\n${tryHelp(prog)}`) };
      flags.add(f);
    } else if (a.startsWith('-') && a !== '-') {
      for (const ch of a.slice(1)) {
        if (!short.includes(ch)) return { flags, operands, error: done('', usageStatus, `${prog}: invalid option -- '${ch}'\n${tryHelp(prog)}`) };
        flags.add(ch);
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = (31_556_952 / 2) * 1000;

/** ls -l's time: `Jan  1 09:30` within six months of now, `Jan  1  2025` otherwise (UTC, the simulation's zone). */
function lsTime(ms: number, now: number): string {
  const d = new Date(ms);
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const recent = ms <= now && now - ms < SIX_MONTHS_MS;
  return recent ? `${head} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : `${head}  ${d.getUTCFullYear()}`;
}

/** `-h` sizes: 1024-based, rounded up, one decimal below 10 (`4.0K`, `4.9K`, `12K`). */
function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  let v = bytes;
  let unit = 0;
  while (v >= 1024 && unit < 6) {
    v /= 1024;
    unit++;
  }
  const suffix = 'KMGTPE'[unit - 1];
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    return r >= 10 ? `10${suffix}` : `${r.toFixed(1)}${suffix}`;
  }
  return `${Math.ceil(v)}${suffix}`;
}

/** Disk blocks in KiB, as on a 4 KiB-block file system (what `total` adds up). */
const blocksOf = (st: FileStat) => (st.kind === 'dir' ? 4 : st.kind === 'null' ? 0 : Math.ceil(st.size / 4096) * 4);

/**
 * GNU ls's many-per-line layout for a terminal: the most columns that fit,
 * filled top to bottom, each as wide as its longest name plus two, padded
 * with tabs to 8-column stops where a tab fits (ls's default tabsize).
 */
export function lsColumns(names: string[], width: number): string {
  if (names.length === 0) return '';
  const len = (s: string) => [...s].length;
  let best = { cols: 1, rows: names.length, widths: [Math.max(...names.map(len))] };
  for (let cols = 2; cols <= Math.min(names.length, Math.floor(width / 3)); cols++) {
    const rows = Math.ceil(names.length / cols);
    if (Math.ceil(names.length / rows) !== cols) continue;
    const widths: number[] = [];
    names.forEach((n, i) => {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c] ?? 0, len(n) + (c === cols - 1 ? 0 : 2));
    });
    if (widths.reduce((a, b) => a + b, 0) < width) best = { cols, rows, widths };
  }
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let pos = 0;
    for (let c = 0; c < best.cols; c++) {
      const i = r + c * best.rows;
      if (i >= names.length) break;
      out += names[i];
      const next = r + (c + 1) * best.rows;
      if (next >= names.length) break;
      let from = pos + len(names[i]);
      const to = pos + best.widths[c];
      while (from < to) {
        if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          out += '\t';
          from += 8 - (from % 8);
        } else {
          out += ' ';
          from++;
        }
      }
      pos = to;
    }
    out += '\n';
  }
  return out;
}

export const ls: Program = (args, _stdin, io) => {
  const o = options('ls', args, 'laA1dhrtFR', { '--all': 'a', '--almost-all': 'A', '--directory': 'd', '--human-readable': 'h', '--reverse': 'r', '--classify': 'F', '--recursive': 'R' }, 2);
  if (o.error) return o.error;
  const f = o.flags;
  const long = f.has('l');
  const now = io.fs.now();
  const operands = o.operands.length === 0 ? ['.'] : o.operands;
  let err = '';
  const files: { name: string; st: FileStat }[] = [];
  const dirs: string[] = [];
  for (const name of operands) {
    const st = io.fs.stat(name);
    if (!st) {
      err += `ls: cannot access '${name}': ${FS_ERROR_TEXT[io.fs.missing(name)]}\n`;
      continue;
    }
    if (st.kind === 'dir' && !f.has('d')) dirs.push(name);
    else files.push({ name, st });
  }
  const order = (a: { name: string; st: FileStat }, b: { name: string; st: FileStat }) => (f.has('t') ? b.st.mtime - a.st.mtime || byteOrder(a.name, b.name) : byteOrder(a.name, b.name));
  const sorted = <T extends { name: string; st: FileStat }>(xs: T[]) => {
    const s = [...xs].sort(order);
    return f.has('r') ? s.reverse() : s;
  };
  const classify = (e: { name: string; st: FileStat }) => (f.has('F') && e.st.kind === 'dir' ? `${e.name}/` : e.name);
  const format = (entries: { name: string; st: FileStat; abs?: string }[]): string => {
    if (entries.length === 0) return '';
    if (!long) {
      const names = entries.map(classify);
      return io.tty !== undefined && !f.has('1') ? lsColumns(names, io.tty) : names.map((n) => n + '\n').join('');
    }
    const rows = entries.map((e) => {
      const subdirs = e.st.kind === 'dir' && e.abs ? io.fs.readDir(e.abs).filter((n) => io.fs.statAbs(join(e.abs!, n))?.kind === 'dir').length : 0;
      return {
        mode: e.st.kind === 'dir' ? 'drwxr-xr-x' : e.st.kind === 'null' ? 'crw-rw-rw-' : '-rw-r--r--',
        links: String(e.st.kind === 'dir' ? 2 + subdirs : 1),
        size: e.st.kind === 'null' ? '1, 3' : f.has('h') ? humanSize(e.st.size) : String(e.st.size),
        time: lsTime(e.st.mtime, now),
        name: classify(e),
      };
    });
    const lw = Math.max(...rows.map((r) => r.links.length));
    const sw = Math.max(...rows.map((r) => r.size.length));
    return rows.map((r) => `${r.mode} ${r.links.padStart(lw)} root root ${r.size.padStart(sw)} ${r.time} ${r.name}\n`).join('');
  };
  const sections: string[] = [];
  if (files.length > 0) sections.push(format(sorted(files.map((x) => ({ ...x, abs: io.fs.resolve(x.name) })))));
  const recursive = f.has('R');
  const headers = operands.length > 1 || recursive;
  // -R lists each directory's subdirectories right after it, depth first.
  const queue = [...dirs].sort(byteOrder);
  while (queue.length > 0) {
    const name = queue.shift()!;
    const abs = io.fs.resolve(name);
    let entries = io.fs
      .readDir(abs)
      .filter((n) => f.has('a') || f.has('A') || !n.startsWith('.'))
      .map((n) => ({ name: n, abs: join(abs, n), st: io.fs.statAbs(join(abs, n))! }))
      .filter((e) => e.st !== undefined);
    entries = sorted(entries);
    if (f.has('a')) {
      const dots = [
        { name: '.', abs, st: io.fs.statAbs(abs)! },
        { name: '..', abs: parent(abs), st: io.fs.statAbs(parent(abs)) ?? io.fs.statAbs(abs)! },
      ];
      entries = f.has('r') ? [...entries, ...dots.reverse()] : [...dots, ...entries];
    }
    if (recursive) {
      const subdirs = entries.filter((e) => e.st.kind === 'dir' && e.name !== '.' && e.name !== '..').map((e) => (name.endsWith('/') ? name + e.name : `${name}/${e.name}`));
      queue.unshift(...subdirs);
    }
    let text = headers ? `${name}:\n` : '';
    if (long) {
      const total = entries.reduce((t, e) => t + blocksOf(e.st), 0);
      text += `total ${f.has('h') ? humanSize(total * 1024) : total}\n`;
    }
    sections.push(text + format(entries));
  }
  return done(sections.join('\n'), err ? 2 : 0, err);
};

export const rm: Program = (args, _stdin, io) => {
  const o = options('rm', args, 'frRdiv', { '--force': 'f', '--recursive': 'r', '--dir': 'd', '--verbose': 'v' });
  if (o.error) return o.error;
  const force = o.flags.has('f');
  const recursive = o.flags.has('r') || o.flags.has('R');
  if (o.operands.length === 0) return force ? done('') : done('', 1, `rm: missing operand\n${tryHelp('rm')}`);
  let out = '';
  let err = '';
  for (const name of o.operands) {
    const abs = io.fs.resolve(name);
    if (recursive && abs === '/') {
      err += "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n";
      continue;
    }
    if (/(^|\/)\.\.?\/*$/.test(name)) {
      err += `rm: refusing to remove '.' or '..' directory: skipping '${name}'\n`;
      continue;
    }
    const st = io.fs.stat(name);
    if (!st) {
      if (!force) err += `rm: cannot remove '${name}': ${FS_ERROR_TEXT[io.fs.missing(name)]}\n`;
      continue;
    }
    if (st.kind === 'dir' && !recursive) {
      // -d removes empty directories only.
      if (o.flags.has('d') && io.fs.readDir(abs).length === 0) io.fs.remove(name, { recursive: true });
      else err += `rm: cannot remove '${name}': ${o.flags.has('d') ? FS_ERROR_TEXT.ENOTEMPTY : FS_ERROR_TEXT.EISDIR}\n`;
      continue;
    }
    if (o.flags.has('v')) {
      // Deepest first, as rm reports each entry when it is gone.
      const base = name.replace(/\/+$/, '');
      for (const p of io.fs.walk(abs).reverse()) {
        const shown = base + p.slice(abs.length);
        out += io.fs.statAbs(p)?.kind === 'dir' ? `removed directory '${shown}'\n` : `removed '${shown}'\n`;
      }
    }
    io.fs.remove(name, { recursive: true });
  }
  return done(out, err ? 1 : 0, err);
};

/** Copies a file or a tree, reporting each copy for -v as `'src' -> 'dst'`. */
function copyTree(io: ProgramIO, from: string, to: string, verbose: boolean): string {
  const st = io.fs.statAbs(from)!;
  let log = verbose ? `'${from}' -> '${to}'\n` : '';
  if (st.kind === 'dir') {
    if (io.fs.statAbs(to)?.kind !== 'dir') io.fs.mkdir(to);
    for (const n of io.fs.readDir(from)) log += copyTree(io, join(from, n), join(to, n), verbose);
  } else io.fs.writeFile(to, io.fs.readFile(from) ?? '');
  return log;
}

/** Shows an absolute workspace path the way the learner named it. */
function shownAs(typed: string, abs: string, typedAbs: string): string {
  return typed.replace(/\/+$/, '') + abs.slice(typedAbs.length);
}

function copyOrMove(prog: 'cp' | 'mv', args: string[], io: ProgramIO): ReturnType<typeof done> {
  const o = options(prog, args, prog === 'cp' ? 'rRfivaT' : 'fivnT', prog === 'cp' ? { '--recursive': 'r', '--force': 'f', '--verbose': 'v', '--archive': 'a' } : { '--force': 'f', '--verbose': 'v', '--no-clobber': 'n' });
  if (o.error) return o.error;
  const recursive = o.flags.has('r') || o.flags.has('R') || o.flags.has('a');
  const verbose = o.flags.has('v');
  if (o.operands.length === 0) return done('', 1, `${prog}: missing file operand\n${tryHelp(prog)}`);
  if (o.operands.length === 1) return done('', 1, `${prog}: missing destination file operand after '${o.operands[0]}'\n${tryHelp(prog)}`);
  const sources = o.operands.slice(0, -1);
  const target = o.operands[o.operands.length - 1];
  const targetSt = io.fs.stat(target);
  const intoDir = targetSt?.kind === 'dir';
  if (sources.length > 1 && !intoDir) return done('', 1, `${prog}: target '${target}': ${targetSt ? FS_ERROR_TEXT.ENOTDIR : FS_ERROR_TEXT[io.fs.missing(target)]}\n`);
  let out = '';
  let err = '';
  for (const src of sources) {
    const st = io.fs.stat(src);
    if (!st) {
      err += `${prog}: cannot stat '${src}': ${FS_ERROR_TEXT[io.fs.missing(src)]}\n`;
      continue;
    }
    const dest = intoDir ? `${target.replace(/\/+$/, '')}/${basename(src)}` : target;
    const from = io.fs.resolve(src);
    const to = io.fs.resolve(dest);
    if (prog === 'cp' && st.kind === 'dir' && !recursive) {
      err += `cp: -r not specified; omitting directory '${src}'\n`;
      continue;
    }
    if (from === to) {
      err += `${prog}: '${src}' and '${dest}' are the same file\n`;
      continue;
    }
    if (st.kind === 'dir' && to.startsWith(from + '/')) {
      err += prog === 'cp' ? `cp: cannot copy a directory, '${src}', into itself, '${dest}'\n` : `mv: cannot move '${src}' to a subdirectory of itself, '${dest}'\n`;
      continue;
    }
    const destSt = io.fs.statAbs(to);
    if (st.kind === 'dir' && destSt && destSt.kind !== 'dir') {
      err += `${prog}: cannot overwrite non-directory '${dest}' with directory '${src}'\n`;
      continue;
    }
    if (st.kind !== 'dir' && destSt?.kind === 'dir') {
      err += `${prog}: cannot overwrite directory '${dest}' with non-directory '${src}'\n`;
      continue;
    }
    const parentSt = io.fs.statAbs(parent(to));
    if (parentSt?.kind !== 'dir') {
      const why = FS_ERROR_TEXT[io.fs.missing(dest)];
      err += prog === 'cp' ? (st.kind === 'dir' ? `cp: cannot create directory '${dest}': ${why}\n` : `cp: cannot create regular file '${dest}': ${why}\n`) : `mv: cannot move '${src}' to '${dest}': ${why}\n`;
      continue;
    }
    if (prog === 'mv' && o.flags.has('n') && destSt) continue;
    if (prog === 'mv' && destSt?.kind === 'dir') {
      // mv replaces an empty directory only.
      if (io.fs.readDir(to).length > 0) {
        err += `mv: cannot move '${src}' to '${dest}': ${FS_ERROR_TEXT.ENOTEMPTY}\n`;
        continue;
      }
      io.fs.remove(to, { recursive: true });
    }
    const log = copyTree(io, from, to, verbose);
    if (prog === 'mv') {
      io.fs.remove(from, { recursive: true });
      if (verbose) out += `renamed '${src}' -> '${dest}'\n`;
    } else if (verbose) {
      out += log.replace(/'([^']*)' -> '([^']*)'/g, (_, a: string, b: string) => `'${shownAs(src, a, from)}' -> '${shownAs(dest, b, to)}'`);
    }
  }
  return done(out, err ? 1 : 0, err);
}

export const cp: Program = (args, _stdin, io) => copyOrMove('cp', args, io);
export const mv: Program = (args, _stdin, io) => copyOrMove('mv', args, io);

export const touch: Program = (args, _stdin, io) => {
  const o = options('touch', args, 'acm', {});
  if (o.error) return o.error;
  if (o.operands.length === 0) return done('', 1, `touch: missing file operand\n${tryHelp('touch')}`);
  let err = '';
  for (const name of o.operands) {
    if (io.fs.stat(name)) io.fs.touch(name);
    else {
      const e = io.fs.writeFile(name, '');
      if (e) err += e === 'EISDIR' || io.fs.missing(name) === 'ENOTDIR' ? `touch: setting times of '${name}': ${FS_ERROR_TEXT.ENOTDIR}\n` : `touch: cannot touch '${name}': ${FS_ERROR_TEXT[e]}\n`;
    }
  }
  return done('', err ? 1 : 0, err);
};

export const mkdir: Program = (args, _stdin, io) => {
  const o = options('mkdir', args, 'pv', { '--parents': 'p', '--verbose': 'v' });
  if (o.error) return o.error;
  if (o.operands.length === 0) return done('', 1, `mkdir: missing operand\n${tryHelp('mkdir')}`);
  let out = '';
  let err = '';
  const made = (shown: string) => {
    if (o.flags.has('v')) out += `mkdir: created directory '${shown}'\n`;
  };
  for (const name of o.operands) {
    if (o.flags.has('p')) {
      // Each missing ancestor in turn, as `mkdir -p` reports them.
      const parts = name.split('/');
      for (let k = 1; k <= parts.length; k++) {
        const prefix = parts.slice(0, k).join('/');
        if (prefix === '' || prefix === '.' || prefix === '..') continue;
        const st = io.fs.stat(prefix);
        if (st?.kind === 'dir') continue;
        const e = st ? 'EEXIST' : io.fs.mkdir(prefix);
        if (e) {
          err += `mkdir: cannot create directory ‘${name}’: ${FS_ERROR_TEXT[e === 'EEXIST' && k < parts.length ? 'ENOTDIR' : e]}\n`;
          break;
        }
        made(prefix.replace(/\/+$/, ''));
      }
      continue;
    }
    const e = io.fs.mkdir(name);
    if (e) err += `mkdir: cannot create directory ‘${name}’: ${FS_ERROR_TEXT[e]}\n`;
    else made(name);
  }
  return done(out, err ? 1 : 0, err);
};

/** `tee [-a] FILE...`: stdin to stdout and to each file; a file it cannot open is reported and skipped. */
export const tee: Program = (args, stdin, io) => {
  const o = options('tee', args, 'ai', { '--append': 'a' });
  if (o.error) return o.error;
  let out = stdin;
  let err = '';
  let failed = false;
  for (const name of o.operands) {
    // `tee /dev/stderr` (a common way to watch a pipeline) writes to the stream itself.
    if (name === '/dev/stdout' || name === '/dev/stderr') {
      if (name === '/dev/stdout') out += stdin;
      else err += stdin;
      continue;
    }
    const e = io.fs.writeFile(name, stdin, { append: o.flags.has('a') });
    if (e) {
      err += `tee: ${name}: ${FS_ERROR_TEXT[e]}\n`;
      failed = true;
    }
  }
  return done(out, failed ? 1 : 0, err);
};
