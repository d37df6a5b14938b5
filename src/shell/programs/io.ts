import type { FsErrorCode } from '../../kubectl/context.js';
import type { Workspace } from '../workspace.js';

/** What a program prints and its exit status, as GNU coreutils would. */
export interface ProgramResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What a program can reach besides argv and stdin. */
export interface ProgramIO {
  /** The session's files (FILE operands, `sed -i`, `cp`, `tee`). */
  fs: Workspace;
  /** The terminal's width when stdout is a terminal (`ls` then lays names out in columns). */
  tty?: number;
  /** stdin is a file (`< pod.yaml`), not a pipe: wc sizes its columns from it. */
  stdinIsFile?: boolean;
}

export type Program = (args: string[], stdin: string, io: ProgramIO) => ProgramResult;

export const done = (stdout: string, exitCode = 0, stderr = ''): ProgramResult => ({ stdout, stderr, exitCode });

/**
 * Reads a FILE operand: `-` is standard input (read once: a second `-` finds
 * it empty, as it would a pipe), anything else a file of the workspace.
 */
export function readOperand(io: ProgramIO, name: string, stdin: { text: string }): { text: string } | { error: Extract<FsErrorCode, 'ENOENT' | 'EISDIR' | 'ENOTDIR'> } {
  if (name === '-') {
    const text = stdin.text;
    stdin.text = '';
    return { text };
  }
  const st = io.fs.stat(name);
  if (!st) return { error: io.fs.missing(name) };
  if (st.kind === 'dir') return { error: 'EISDIR' };
  return { text: io.fs.readFile(name) ?? '' };
}

/** The lines of a text without the newline that ends the last one. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

export const joinLines = (ls: string[]): string => (ls.length === 0 ? '' : ls.join('\n') + '\n');

/** GNU's "Try 'PROG --help'" tail after a usage error. */
export const tryHelp = (prog: string): string => `Try '${prog} --help' for more information.\n`;
