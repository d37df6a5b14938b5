import type { Simulation } from '../cluster/simulation.js';
import type { Terminal } from './interactive.js';

/** What a kubectl command returns: its two streams and exit code. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The kubeconfig state the trainer keeps between commands. */
export interface KubeConfig {
  currentContext: string;
  cluster: string;
  user: string;
  /** The current context's namespace (`kubectl config set-context --current --namespace`). */
  namespace: string;
}

/** Files kubectl reads (`apply -f`, `--jsonpath-file`) and writes; real files in the CLI, virtual in tests. */
export interface FileSystem {
  readFile(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** Entries of a directory, sorted as Go's os.ReadDir does (by name). */
  readDir(path: string): string[];
  /** What is at a path without reading it (`ls -l` of a large file); when absent, readFile tells. */
  stat?(path: string): { isDirectory: boolean; size: number } | undefined;
}

/** Why a write was refused, named as errno does (the shell prints strerror's words). */
export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';

/**
 * A file system that can also be written: the session's in-memory workspace
 * (the trainer's shell redirects and copies into it). The real disk is only
 * ever read: a simulated shell must not overwrite a learner's files.
 */
export interface WritableFileSystem extends FileSystem {
  /** Creates or replaces a file (appends with `append`); the parent directory must exist. */
  writeFile(path: string, text: string, options?: { append?: boolean }): FsErrorCode | undefined;
  /** Removes a file, or a directory and everything in it with `recursive`. */
  remove(path: string, options?: { recursive?: boolean }): FsErrorCode | undefined;
  /** Creates one directory; its parent must exist. */
  mkdir(path: string): FsErrorCode | undefined;
}

export function isWritable(fs: FileSystem): fs is WritableFileSystem {
  return typeof (fs as Partial<WritableFileSystem>).writeFile === 'function';
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

export interface KubectlContext {
  sim: Simulation;
  config: KubeConfig;
  /** Standard input for `-f -` (a heredoc in scripts, piped text in the shell). */
  stdin?: string;
  env: Record<string, string | undefined>;
  fs: FileSystem;
  /**
   * Opens `$KUBE_EDITOR`/`$EDITOR` on a temporary file holding `text`
   * (`kubectl edit`); the UI hands the terminal over, the player runs it directly.
   */
  edit?: (text: string, fileSuffix: string) => EditResult;
  /** Present when standard input is the learner's terminal: `exec -it`/`run -it` open a session on it. */
  terminal?: Terminal;
}

export function defaultKubeConfig(): KubeConfig {
  return { currentContext: 'kubernetes-admin@kubernetes', cluster: 'kubernetes', user: 'kubernetes-admin', namespace: 'default' };
}

export function result(stdout = '', stderr = '', exitCode = 0): KubectlResult {
  return { stdout, stderr, exitCode };
}
