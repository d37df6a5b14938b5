import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileSystem } from './context.js';

/**
 * Files whose reads can block or never end: devices, FIFOs, and the kernel's
 * pseudo files (`/proc/kmsg` waits for messages; `/proc` sizes are all 0).
 */
function unreadable(path: string): boolean {
  return /^\/(proc|sys)(\/|$)/.test(resolve(path));
}

/**
 * The real file system, read-only, for the CLI (`kubectl apply -f ./manifests/`).
 * Only regular files are read: `cat /dev/zero` or a FIFO would never end.
 */
export const nodeFileSystem: FileSystem = {
  readFile(path) {
    try {
      if (unreadable(path) || !statSync(path).isFile()) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const st = statSync(path);
      if (st.isDirectory()) return { isDirectory: true, size: st.size };
      return st.isFile() && !unreadable(path) ? { isDirectory: false, size: st.size } : undefined;
    } catch {
      return undefined;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return [];
    }
  },
};

/** An in-memory file system, for tests and for scenarios that ship files (paths relative to the working directory). */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  // `.`, `./x`, `x/` and `x` name the same things; `.` and `` are the working directory itself.
  const norm = (p: string) => {
    const n = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    return n === '.' ? '' : n;
  };
  const under = (dir: string) => (dir === '' ? Object.keys(files) : Object.keys(files).filter((f) => f.startsWith(dir + '/')).map((f) => f.slice(dir.length + 1)));
  return {
    readFile: (p) => files[norm(p)],
    isDirectory: (p) => norm(p) === '' || under(norm(p)).length > 0,
    readDir: (p) => [...new Set(under(norm(p)).map((f) => f.split('/')[0]))].sort(),
  };
}
