import type { FileSystem, FsErrorCode, WritableFileSystem } from '../kubectl/context.js';

/** strerror's words for each error, as coreutils and bash print them. */
export const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

export interface FileStat {
  kind: 'file' | 'dir' | 'null';
  /** The same as `kind === 'dir'`, for FileSystem.stat's callers. */
  isDirectory: boolean;
  size: number;
  /** Simulated-clock milliseconds. */
  mtime: number;
}

const fileStat = (kind: FileStat['kind'], size: number, mtime: number): FileStat => ({ kind, isDirectory: kind === 'dir', size, mtime });

type Entry = { kind: 'file'; text: string; mtime: number } | { kind: 'dir'; mtime: number };

export interface WorkspaceOptions {
  /**
   * The directory the layer below resolves relative paths against (the real
   * working directory in the CLI). Relative paths typed in the shell start here.
   */
  cwd: string;
  /** What `~` means. */
  home: string;
  /** The simulation's clock: files written get its time, never wall time. */
  now: () => number;
}

/**
 * The learner's files for one session: what they write (`> pod.yaml`, `cp`,
 * `sed -i`, the editor) lives in memory, laid over the files below (a
 * scenario's files over the real disk), which are only ever read. Removing a
 * file that exists below hides it for the rest of the session.
 */
export class Workspace implements WritableFileSystem {
  private readonly entries = new Map<string, Entry>();
  /** Paths removed in the session: the layer below is hidden at and under them. */
  private readonly hidden = new Set<string>();
  /** The directory relative paths of the layer below are relative to. */
  readonly root: string;
  cwd: string;
  readonly home: string;
  readonly now: () => number;
  /** The time shown for files of the layer below: when the session began, on the simulated clock. */
  private readonly born: number;

  constructor(
    private readonly lower: FileSystem,
    opts: WorkspaceOptions,
  ) {
    this.root = normalize(opts.cwd);
    this.cwd = this.root;
    this.home = normalize(opts.home);
    this.now = opts.now;
    this.born = opts.now();
  }

  /** The absolute, normalized path for what was typed (`~`, `./x`, `../y`, `/tmp/z`). */
  resolve(path: string): string {
    let p = path;
    if (p === '~' || p.startsWith('~/')) p = this.home + p.slice(1);
    return normalize(p.startsWith('/') ? p : `${this.cwd}/${p}`);
  }

  /** How the layer below names an absolute path: relative to its working directory when under it. */
  private lowerPath(abs: string): string {
    if (abs === this.root) return '.';
    if (abs.startsWith(this.root === '/' ? '/' : this.root + '/')) return abs.slice(this.root === '/' ? 1 : this.root.length + 1);
    return abs;
  }

  private hiddenBelow(abs: string): boolean {
    for (let p = abs; ; p = parent(p)) {
      if (this.hidden.has(p)) return true;
      if (p === '/') return false;
    }
  }

  /** Directories that exist in any session: the root, the working directory, home and /tmp. */
  private implicitDir(abs: string): boolean {
    return abs === '/' || abs === this.root || abs === this.home || abs === '/tmp' || abs === '/dev';
  }

  statAbs(abs: string): FileStat | undefined {
    if (abs === '/dev/null') return fileStat('null', 0, this.born);
    const e = this.entries.get(abs);
    if (e) return e.kind === 'file' ? fileStat('file', Buffer.byteLength(e.text), e.mtime) : fileStat('dir', 4096, e.mtime);
    if (!this.hiddenBelow(abs)) {
      const lp = this.lowerPath(abs);
      if (this.lower.stat) {
        const st = this.lower.stat(lp);
        if (st) return st.isDirectory ? fileStat('dir', 4096, this.born) : fileStat('file', st.size, this.born);
      } else {
        if (this.lower.isDirectory(lp)) return fileStat('dir', 4096, this.born);
        const text = this.lower.readFile(lp);
        if (text !== undefined) return fileStat('file', Buffer.byteLength(text), this.born);
      }
    }
    if (this.implicitDir(abs) && !this.hidden.has(abs)) return fileStat('dir', 4096, this.born);
    return undefined;
  }

  stat(path: string): FileStat | undefined {
    // An empty name is no file at all (open("") is ENOENT), not the working directory.
    if (path === '') return undefined;
    const st = this.statAbs(this.resolve(path));
    // `a.txt/` names a directory: a file there is "Not a directory".
    if (st && st.kind !== 'dir' && slashEnded(path)) return undefined;
    return st;
  }

  /**
   * Why `path` cannot be reached: a missing parent is ENOENT, a file used as
   * a directory is ENOTDIR (as the kernel reports for `a.txt/x`).
   */
  private parentError(abs: string): FsErrorCode | undefined {
    const dir = parent(abs);
    const st = this.statAbs(dir);
    if (!st) return this.parentError(dir) ?? 'ENOENT';
    return st.kind === 'dir' ? undefined : 'ENOTDIR';
  }

  /** Why a path that does not exist cannot be opened: ENOTDIR when a file stands where a directory should. */
  missing(path: string): 'ENOENT' | 'ENOTDIR' {
    const abs = this.resolve(path);
    if (slashEnded(path) && this.statAbs(abs)) return 'ENOTDIR';
    return this.parentError(abs) === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT';
  }

  /** Gives a file or a directory the current time, as touch does to one that exists. */
  touch(path: string): void {
    const abs = this.resolve(path);
    const e = this.entries.get(abs);
    if (e) e.mtime = this.now();
    else if (this.statAbs(abs)?.kind === 'file') this.entries.set(abs, { kind: 'file', text: this.readFile(abs) ?? '', mtime: this.now() });
    else if (this.statAbs(abs)?.kind === 'dir') this.entries.set(abs, { kind: 'dir', mtime: this.now() });
  }

  readFile(path: string): string | undefined {
    const abs = this.resolve(path);
    if (slashEnded(path) || path === '') return undefined;
    if (abs === '/dev/null') return '';
    const e = this.entries.get(abs);
    if (e) return e.kind === 'file' ? e.text : undefined;
    if (this.hiddenBelow(abs)) return undefined;
    return this.lower.readFile(this.lowerPath(abs));
  }

  isDirectory(path: string): boolean {
    return this.stat(path)?.kind === 'dir';
  }

  /** Entry names of a directory in byte order (Go's os.ReadDir, and ls in a C.UTF-8 locale). */
  readDir(path: string): string[] {
    const abs = this.resolve(path);
    if (this.statAbs(abs)?.kind !== 'dir') return [];
    const names = new Set<string>();
    if (!this.hiddenBelow(abs)) for (const n of this.lower.readDir(this.lowerPath(abs))) if (!this.hidden.has(join(abs, n))) names.add(n);
    const prefix = abs === '/' ? '/' : abs + '/';
    for (const p of this.entries.keys()) if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) names.add(p.slice(prefix.length));
    for (const d of ['tmp', 'dev']) if (abs === '/' && !this.hidden.has('/' + d)) names.add(d);
    return [...names].sort(byteOrder);
  }

  writeFile(path: string, text: string, options: { append?: boolean } = {}): FsErrorCode | undefined {
    const abs = this.resolve(path);
    if (abs === '/dev/null') return undefined;
    const st = this.statAbs(abs);
    if (st?.kind === 'dir') return 'EISDIR';
    // open("x/", O_CREAT) fails with EISDIR whether or not x exists.
    if (slashEnded(path)) return 'EISDIR';
    if (!st) {
      const err = this.parentError(abs);
      if (err) return err;
    }
    const before = options.append && st ? (this.readFile(abs) ?? '') : '';
    this.entries.set(abs, { kind: 'file', text: before + text, mtime: this.now() });
    return undefined;
  }

  mkdir(path: string): FsErrorCode | undefined {
    const abs = this.resolve(path);
    if (this.statAbs(abs)) return 'EEXIST';
    const err = this.parentError(abs);
    if (err) return err;
    this.entries.set(abs, { kind: 'dir', mtime: this.now() });
    return undefined;
  }

  remove(path: string, options: { recursive?: boolean } = {}): FsErrorCode | undefined {
    const abs = this.resolve(path);
    const st = this.statAbs(abs);
    if (!st) return this.parentError(abs) ?? 'ENOENT';
    if (st.kind === 'dir' && !options.recursive) return 'EISDIR';
    const prefix = abs + '/';
    for (const p of [...this.entries.keys()]) if (p === abs || p.startsWith(prefix)) this.entries.delete(p);
    this.hidden.add(abs);
    return undefined;
  }

  /** Every path under a directory (itself first), depth first in name order. */
  walk(abs: string): string[] {
    const out = [abs];
    if (this.statAbs(abs)?.kind === 'dir') for (const n of this.readDir(abs)) out.push(...this.walk(join(abs, n)));
    return out;
  }
}

const slashEnded = (path: string) => /[^/]\/+$/.test(path);

export function normalize(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export function parent(abs: string): string {
  const i = abs.lastIndexOf('/');
  return i <= 0 ? '/' : abs.slice(0, i);
}

export function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '' ? '/' : p.slice(p.lastIndexOf('/') + 1);
}

export function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
