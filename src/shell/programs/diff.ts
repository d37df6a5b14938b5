import { lineEdits, unifiedHunksOfLines } from '../../kubectl/format/unified-diff.js';
import { byteOrder, FS_ERROR_TEXT, join } from '../workspace.js';
import { done, readOperand, type Program, type ProgramIO } from './io.js';

/**
 * GNU diff between two files (or a file and a directory, or two
 * directories one level deep): the normal format (`2c2`, `< old`, `---`,
 * `> new`), `-u`/`-U N` unified hunks with `---`/`+++` headers, `-q`.
 * Exit status 0 same, 1 different, 2 trouble.
 */

/** A line that ends the file without a newline carries this mark, so `x` and `x\n` differ as they do for diff. */
const NO_EOL = '\u0000';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  else ls[ls.length - 1] += NO_EOL;
  return ls;
}

/** One output line, with diff's `\ No newline at end of file` after a last line that had none. */
const show = (prefix: string, line: string) => (line.endsWith(NO_EOL) ? `${prefix}${line.slice(0, -1)}\n\\ No newline at end of file\n` : `${prefix}${line}\n`);

const range = (from: number, to: number) => (from === to ? `${from}` : `${from},${to}`);

function normalFormat(a: string[], b: string[]): string {
  const ops = lineEdits(a, b);
  let out = '';
  let la = 0;
  let lb = 0;
  for (let k = 0; k < ops.length; ) {
    if (ops[k].kind === ' ') {
      la++;
      lb++;
      k++;
      continue;
    }
    const dels: string[] = [];
    const adds: string[] = [];
    while (k < ops.length && ops[k].kind !== ' ') {
      if (ops[k].kind === '-') dels.push(ops[k].text);
      else adds.push(ops[k].text);
      k++;
    }
    if (dels.length > 0 && adds.length > 0) out += `${range(la + 1, la + dels.length)}c${range(lb + 1, lb + adds.length)}\n`;
    else if (dels.length > 0) out += `${range(la + 1, la + dels.length)}d${lb}\n`;
    else out += `${la}a${range(lb + 1, lb + adds.length)}\n`;
    out += dels.map((l) => show('< ', l)).join('');
    if (dels.length > 0 && adds.length > 0) out += '---\n';
    out += adds.map((l) => show('> ', l)).join('');
    la += dels.length;
    lb += adds.length;
  }
  return out;
}

/** The header time GNU diff prints: `2026-01-01 09:30:00.000000000 +0000`. */
function headerTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

interface Style {
  unified?: number;
  brief: boolean;
  /** The options as typed, repeated in `diff -u d1/a d2/a` lines between files of two directories. */
  switches: string[];
}

function compareFiles(io: ProgramIO, nameA: string, textA: string, nameB: string, textB: string, style: Style): string {
  if (textA === textB) return '';
  if (style.brief) return `Files ${nameA} and ${nameB} differ\n`;
  const a = splitLines(textA);
  const b = splitLines(textB);
  if (style.unified === undefined) return normalFormat(a, b);
  const time = (name: string) => headerTime(name === '-' ? io.fs.now() : (io.fs.stat(name)?.mtime ?? io.fs.now()));
  return `--- ${nameA}\t${time(nameA)}\n+++ ${nameB}\t${time(nameB)}\n${unifiedHunksOfLines(a, b, style.unified, show)}`;
}

export const diff: Program = (args, stdin, io) => {
  const style: Style = { brief: false, switches: [] };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    style.switches.push(a);
    if (a === '-u' || a === '--unified') style.unified = 3;
    else if (a === '-q' || a === '--brief') style.brief = true;
    else if (/^-U\d*$/.test(a) || /^--unified=\d+$/.test(a)) {
      const n = a.startsWith('--') ? a.slice(10) : a.length > 2 ? a.slice(2) : args[++i];
      if (n === undefined || !/^\d+$/.test(n)) return done('', 2, `diff: invalid context length '${n ?? ''}'\ndiff: Try 'diff --help' for more information.\n`);
      if (a === '-U') style.switches.push(n);
      style.unified = Number(n);
    } else if (/^-[a-zA-Z]$/.test(a)) return done('', 2, `diff: invalid option -- '${a[1]}'\ndiff: Try 'diff --help' for more information.\n`);
    else return done('', 2, `diff: unrecognized option '${a}'\ndiff: Try 'diff --help' for more information.\n`);
  }
  if (operands.length < 2) return done('', 2, `diff: missing operand after '${operands[0] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n`);
  if (operands.length > 2) return done('', 2, `diff: extra operand '${operands[2]}'\ndiff: Try 'diff --help' for more information.\n`);
  let [nameA, nameB] = operands;
  const kind = (n: string) => (n === '-' ? 'file' : io.fs.stat(n)?.kind);
  for (const n of [nameA, nameB]) if (kind(n) === undefined) return done('', 2, `diff: ${n}: ${FS_ERROR_TEXT[io.fs.missing(n)]}\n`);
  // A file against a directory compares it with the file of the same name there.
  if (kind(nameA) === 'dir' && kind(nameB) !== 'dir') nameA = `${nameA.replace(/\/+$/, '')}/${nameB.slice(nameB.lastIndexOf('/') + 1)}`;
  else if (kind(nameB) === 'dir' && kind(nameA) !== 'dir') nameB = `${nameB.replace(/\/+$/, '')}/${nameA.slice(nameA.lastIndexOf('/') + 1)}`;
  const input = { text: stdin };
  if (kind(nameA) === 'dir' && kind(nameB) === 'dir') return diffDirs(io, nameA, nameB, style);
  const ra = readOperand(io, nameA, input);
  if ('error' in ra) return done('', 2, `diff: ${nameA}: ${FS_ERROR_TEXT[ra.error]}\n`);
  const rb = readOperand(io, nameB, input);
  if ('error' in rb) return done('', 2, `diff: ${nameB}: ${FS_ERROR_TEXT[rb.error]}\n`);
  const out = compareFiles(io, nameA, ra.text, nameB, rb.text, style);
  return done(out, out === '' ? 0 : 1);
};

function diffDirs(io: ProgramIO, dirA: string, dirB: string, style: Style): ReturnType<typeof done> {
  const a = dirA.replace(/\/+$/, '');
  const b = dirB.replace(/\/+$/, '');
  const inA = new Set(io.fs.readDir(dirA));
  const inB = new Set(io.fs.readDir(dirB));
  let out = '';
  for (const name of [...new Set([...inA, ...inB])].sort(byteOrder)) {
    const pa = join(a, name);
    const pb = join(b, name);
    if (!inB.has(name)) out += `Only in ${a}: ${name}\n`;
    else if (!inA.has(name)) out += `Only in ${b}: ${name}\n`;
    else {
      const ka = io.fs.stat(pa)?.kind;
      const kb = io.fs.stat(pb)?.kind;
      if (ka === 'dir' && kb === 'dir') out += `Common subdirectories: ${pa} and ${pb}\n`;
      else if (ka === 'dir' || kb === 'dir') out += `File ${pa} is a ${ka === 'dir' ? 'directory' : 'regular file'} while file ${pb} is a ${kb === 'dir' ? 'directory' : 'regular file'}\n`;
      else {
        const body = compareFiles(io, pa, io.fs.readFile(pa) ?? '', pb, io.fs.readFile(pb) ?? '', style);
        if (body !== '') out += (style.brief ? '' : `diff ${[...style.switches, pa, pb].join(' ')}\n`) + body;
      }
    }
  }
  return done(out, out === '' ? 0 : 1);
}
