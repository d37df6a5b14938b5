import { FILE_PROGRAMS } from './shell.js';
import type { Workspace } from './workspace.js';

/** Flags and redirections whose value is a path. */
const PATH_FLAGS = new Set(['-f', '--filename', '>', '>>', '<', '2>', '2>>', '&>', '&>>', '--kubeconfig']);

export interface PathCompletion {
  /** Where the replaced text starts in the line. */
  from: number;
  /** What replaces line[from, cursor). */
  replacement: string;
  /** The names that fit, when more than one does (directories end with `/`). */
  candidates: string[];
}

/**
 * Completes a path of the learner's workspace at the cursor, as bash does:
 * after `-f`/`--filename` and redirections, and in the arguments of file
 * programs (`cat`, `vi`, `cp`, `diff` …). A directory completes with `/`, a
 * file with a space. Undefined when the word is not a path or nothing fits.
 */
export function completePath(line: string, cursor: number, ws: Workspace): PathCompletion | undefined {
  const head = line.slice(0, cursor);
  const segStart = Math.max(...['|', '&&', ';'].map((sep) => (head.lastIndexOf(sep) < 0 ? 0 : head.lastIndexOf(sep) + sep.length)));
  const seg = head.slice(segStart);
  const words = [...seg.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index + segStart }));
  const atNewWord = seg === '' || /\s$/.test(seg);
  const current = atNewWord ? { text: '', start: cursor } : words[words.length - 1];
  const before = atNewWord ? words : words.slice(0, -1);
  if (before.length === 0) return undefined;
  let prefix = current.text;
  let from = current.start;
  const inline = /^(--filename=|-f=?|[12&]?>>?|<)(.*)$/.exec(prefix);
  const prev = before[before.length - 1].text;
  if (inline && (inline[1] !== '-f' || inline[2] !== '')) {
    // `--filename=po…`, `-fpo…`, `>po…`: the path starts after the flag or operator.
    from += inline[1].length;
    prefix = inline[2];
  } else if (!PATH_FLAGS.has(prev) && !(FILE_PROGRAMS.has(before[0].text) && !prefix.startsWith('-'))) return undefined;
  const slash = prefix.lastIndexOf('/');
  const dirPart = prefix.slice(0, slash + 1);
  const namePart = prefix.slice(slash + 1);
  const dir = dirPart === '' ? '.' : dirPart;
  if (!ws.isDirectory(dir)) return undefined;
  const names = ws
    .readDir(dir)
    .filter((n) => n.startsWith(namePart) && (!n.startsWith('.') || namePart.startsWith('.')))
    .map((n) => (ws.isDirectory(dirPart + n) ? `${n}/` : n));
  if (names.length === 0) return undefined;
  if (names.length === 1) return { from, replacement: dirPart + names[0] + (names[0].endsWith('/') ? '' : ' '), candidates: [] };
  let common = names[0];
  for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  return { from, replacement: dirPart + common, candidates: names };
}
