import { FS_ERROR_TEXT } from '../workspace.js';
import { done, joinLines, lines, readOperand, type Program } from './io.js';
import { posixToJs } from './regex.js';

/**
 * GNU sed for the edits people make to manifests: `s///` (any delimiter,
 * `g`, `i`, `p`, a number; `&` and `\1` in the replacement), `p`, `d`, `q`,
 * `=`, `a`/`i`/`c TEXT`, addresses (`N`, `$`, `/re/`, ranges, `!`), several
 * commands with `;` or `-e`, `-n`, `-E`, `-s`, and `-i[SUFFIX]` in place.
 */

type Addr = { line: number } | { last: true } | { re: RegExp };

interface SedCommand {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  op: 's' | 'p' | 'd' | 'q' | '=' | 'a' | 'i' | 'c';
  subst?: { re: RegExp; replacement: (string | number)[]; global: boolean; nth: number; print: boolean };
  text?: string;
}

class SedError extends Error {}

export const SED_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

export const sed: Program = (args, stdin, io) => {
  let quiet = false;
  let extended = false;
  let separate = false;
  let inPlace: string | undefined;
  const scripts: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (name === '--quiet' || name === '--silent') quiet = true;
      else if (name === '--regexp-extended') extended = true;
      else if (name === '--separate') separate = true;
      else if (name === '--in-place') inPlace = value ?? '';
      else if (name === '--expression') {
        const v = value ?? args[++i];
        if (v === undefined) return done('', 1, `sed: option '--expression' requires an argument\n${SED_USAGE}`);
        scripts.push(v);
      } else return done('', 1, `sed: unrecognized option '${a}'\n${SED_USAGE}`);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      // Short options combine (`-ne`); `-i` takes the rest of the word as the backup suffix, so `-ie` means suffix "e".
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (ch === 'n') quiet = true;
        else if (ch === 'E' || ch === 'r') extended = true;
        else if (ch === 's') separate = true;
        else if (ch === 'i') {
          inPlace = a.slice(k + 1);
          break;
        } else if (ch === 'e') {
          const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
          if (v === undefined) return done('', 1, `sed: option requires an argument -- 'e'\n${SED_USAGE}`);
          scripts.push(v);
          break;
        } else return done('', 1, `sed: invalid option -- '${ch}'\n${SED_USAGE}`);
      }
      continue;
    }
    operands.push(a);
  }
  if (scripts.length === 0) {
    if (operands.length === 0) return done('', 1, SED_USAGE);
    scripts.push(operands.shift()!);
  }
  let commands: SedCommand[];
  try {
    commands = scripts.flatMap((sc, k) => parseScript(sc, k + 1, extended));
  } catch (e) {
    if (e instanceof SedError) return done('', 1, `sed: ${e.message}\n`);
    throw e;
  }
  const run = (text: string) => execute(commands, lines(text), quiet, text !== '' && !text.endsWith('\n'));

  if (inPlace !== undefined) {
    if (operands.length === 0) return done('', 4, 'sed: no input files\n');
    let err = '';
    let status = 0;
    for (const name of operands) {
      const st = io.fs.stat(name);
      if (!st) {
        err += `sed: can't read ${name}: ${FS_ERROR_TEXT[io.fs.missing(name)]}\n`;
        status = Math.max(status, 2);
        continue;
      }
      if (st.kind !== 'file') {
        err += `sed: couldn't edit ${name}: not a regular file\n`;
        status = 4;
        continue;
      }
      const before = io.fs.readFile(name) ?? '';
      const r = run(before);
      if (inPlace !== '') {
        // A `*` in the suffix stands for the file's name (`-i 'bak_*'`); otherwise the suffix is appended.
        const slash = name.lastIndexOf('/');
        const base = name.slice(slash + 1);
        const backup = inPlace.includes('*') ? name.slice(0, slash + 1) + inPlace.replace(/\*/g, base) : name + inPlace;
        io.fs.writeFile(backup, before);
      }
      io.fs.writeFile(name, r.out);
      if (r.quit) break;
    }
    return done('', status, err);
  }

  // Without -s, all inputs are one stream: line numbers run on and `$` is the last line of the last file.
  const input = { text: stdin };
  const texts: string[] = [];
  let err = '';
  let status = 0;
  for (const name of operands.length === 0 ? ['-'] : operands) {
    const r = readOperand(io, name, input);
    if ('error' in r) {
      if (r.error === 'EISDIR') {
        err += `sed: read error on ${name}: Is a directory\n`;
        status = 4;
      } else {
        err += `sed: can't read ${name}: ${FS_ERROR_TEXT[r.error]}\n`;
        status = Math.max(status, 2);
      }
      continue;
    }
    texts.push(r.text);
  }
  let out = '';
  if (separate) {
    for (const t of texts) {
      const r = run(t);
      out += r.out;
      if (r.quit) break;
    }
  } else {
    const joined = texts.map((t, k) => (k < texts.length - 1 && t !== '' && !t.endsWith('\n') ? t + '\n' : t)).join('');
    out = run(joined).out;
  }
  return done(out, status, err);
};

/** Parses one `-e` script (`#n` is its index in sed's error messages). */
function parseScript(script: string, n: number, extended: boolean): SedCommand[] {
  const cmds: SedCommand[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new SedError(`-e expression #${n}, char ${i}: ${what}`);
  };
  const skipSpace = () => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const regex = (delim: string, flags = ''): RegExp => {
    let src = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        // `\/` is the delimiter itself; `\n` a newline; other escapes belong to the pattern.
        if (script[i + 1] === delim) src += delim;
        else if (script[i + 1] === 'n') src += '\\n';
        else src += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      src += script[i++];
    }
    if (i >= script.length) fail('unterminated address regex');
    i++;
    try {
      return new RegExp(posixToJs(src, extended), flags);
    } catch (e) {
      return fail((e as Error).message.startsWith('Unmatched [') ? (e as Error).message : 'Invalid preceding regular expression');
    }
  };
  const address = (): Addr | undefined => {
    if (/\d/.test(script[i] ?? '')) {
      const m = /^\d+/.exec(script.slice(i))!;
      i += m[0].length;
      return { line: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { last: true };
    }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i] : '/';
      i++;
      const re = regex(delim);
      if (script[i] === 'I') {
        i++;
        return { re: new RegExp(re.source, 'i') };
      }
      return { re };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Partial<SedCommand> & { negate: boolean } = { negate: false };
    cmd.a1 = address();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = address();
      if (!cmd.a2) fail('unexpected `,\'');
    }
    skipSpace();
    while (script[i] === '!') {
      cmd.negate = true;
      i++;
      skipSpace();
    }
    const op = script[i++];
    if (op === undefined) fail('missing command');
    switch (op) {
      case 'p':
      case 'd':
      case 'q':
      case '=':
        cmd.op = op;
        break;
      case 'a':
      case 'i':
      case 'c': {
        // GNU's one-line form `a text` (or `a\` then the text): the rest of the line, `;` included.
        skipSpace();
        if (script[i] === '\\') {
          i++;
          if (script[i] === '\n') i++;
          skipSpace();
        }
        const end = script.indexOf('\n', i);
        cmd.text = script.slice(i, end < 0 ? script.length : end).replace(/\\(.)/g, '$1');
        i = end < 0 ? script.length : end;
        cmd.op = op;
        if (cmd.text === '') fail(`expected \\ after \`a', \`c' or \`i'`);
        break;
      }
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
        // Find the pattern's end without compiling yet: flags (`I`) come later.
        let src = '';
        while (i < script.length && script[i] !== delim) {
          if (script[i] === '\\' && i + 1 < script.length) {
            src += script[i + 1] === delim ? delim : script[i + 1] === 'n' ? '\\n' : script.slice(i, i + 2);
            i += 2;
          } else src += script[i++];
        }
        if (i >= script.length) {
          i = script.length;
          fail("unterminated `s' command");
        }
        i++;
        const replacement: (string | number)[] = [];
        let lit = '';
        while (i < script.length && script[i] !== delim) {
          const ch = script[i];
          if (ch === '\\' && i + 1 < script.length) {
            const next = script[i + 1];
            if (/\d/.test(next)) {
              replacement.push(lit, Number(next));
              lit = '';
            } else lit += next === 'n' ? '\n' : next === 't' ? '\t' : next;
            i += 2;
            continue;
          }
          if (ch === '&') {
            replacement.push(lit, 0);
            lit = '';
          } else lit += ch;
          i++;
        }
        if (i >= script.length) {
          i = script.length;
          fail("unterminated `s' command");
        }
        i++;
        replacement.push(lit);
        let global = false;
        let ignoreCase = false;
        let nth = 1;
        let print = false;
        while (i < script.length && !/[\s;}]/.test(script[i])) {
          const f = script[i];
          if (f === 'g') global = true;
          else if (f === 'i' || f === 'I') ignoreCase = true;
          else if (f === 'p') print = true;
          else if (/\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            nth = Number(m[0]);
            i += m[0].length - 1;
          } else {
            i++;
            fail("unknown option to `s'");
          }
          i++;
        }
        let re: RegExp;
        try {
          re = new RegExp(posixToJs(src, extended), `g${ignoreCase ? 'i' : ''}`);
        } catch (e) {
          return fail((e as Error).message.startsWith('Unmatched [') ? (e as Error).message : 'Invalid preceding regular expression');
        }
        cmd.op = 's';
        cmd.subst = { re, replacement, global, nth, print };
        break;
      }
      default:
        fail(`unknown command: \`${op}'`);
    }
    cmds.push(cmd as SedCommand);
  }
  return cmds;
}

/** Runs the commands over one stream of lines; `quit` tells -i/-s to stop at `q`. */
function execute(cmds: SedCommand[], input: string[], quiet: boolean, noFinalNewline: boolean): { out: string; quit: boolean } {
  const out: string[] = [];
  const active = new Map<SedCommand, boolean>();
  const matches = (a: Addr, line: string, n: number) => ('line' in a ? n === a.line : 'last' in a ? n === input.length : a.re.test(line));
  let quit = false;
  for (let idx = 0; idx < input.length && !quit; idx++) {
    const n = idx + 1;
    let line = input[idx];
    let deleted = false;
    const after: string[] = [];
    for (const c of cmds) {
      let selected = true;
      let rangeEnd = true;
      if (c.a1) {
        if (!c.a2) selected = matches(c.a1, line, n);
        else if (active.get(c)) {
          // Inside a range: a line number at or before the current line ends it here, as does a match of the end regex.
          const end = c.a2;
          const ends = 'line' in end ? n >= end.line : matches(end, line, n);
          if (ends) active.set(c, false);
          rangeEnd = ends;
        } else if (matches(c.a1, line, n)) {
          const end = c.a2;
          const open = 'line' in end ? end.line > n : !('last' in end && n === input.length);
          active.set(c, open);
          rangeEnd = !open;
        } else selected = false;
      }
      if (c.negate) selected = !selected;
      if (!selected) continue;
      if (c.op === 'd') {
        deleted = true;
        break;
      }
      if (c.op === 'p') out.push(line);
      else if (c.op === '=') out.push(String(n));
      else if (c.op === 'i') out.push(c.text!);
      else if (c.op === 'a') after.push(c.text!);
      else if (c.op === 'c') {
        // With a range, the text replaces the whole range: it is printed once, at its end.
        if (rangeEnd || c.negate) out.push(c.text!);
        deleted = true;
        break;
      } else if (c.op === 'q') {
        quit = true;
        break;
      } else if (c.op === 's') {
        const s = c.subst!;
        let count = 0;
        let changed = false;
        s.re.lastIndex = 0;
        line = line.replace(s.re, (...m: unknown[]) => {
          count++;
          // The callback gets the match, the groups, then offset and input.
          const groups = m.slice(0, -2) as (string | undefined)[];
          if (count < s.nth || (!s.global && count > s.nth)) return groups[0] ?? '';
          changed = true;
          return s.replacement.map((p) => (typeof p === 'number' ? (groups[p] ?? '') : p)).join('');
        });
        if (changed && s.print) out.push(line);
      }
    }
    if (!deleted && !quiet) out.push(line);
    out.push(...after);
  }
  let text = joinLines(out);
  // sed keeps a missing newline at the end of its input missing.
  if (noFinalNewline && text.endsWith('\n') && !quit) text = text.slice(0, -1);
  return { out: text, quit };
}
