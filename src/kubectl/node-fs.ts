import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { FileSystem } from './context.js';

/** The real file system, for the CLI (`kubectl apply -f ./manifests/`). */
export const nodeFileSystem: FileSystem = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
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

/** An in-memory file system, for tests and for scenarios that ship files. */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  const norm = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');
  return {
    readFile: (p) => files[norm(p)],
    isDirectory: (p) => Object.keys(files).some((f) => f.startsWith(norm(p) + '/')),
    readDir: (p) =>
      [...new Set(Object.keys(files).filter((f) => f.startsWith(norm(p) + '/')).map((f) => f.slice(norm(p).length + 1).split('/')[0]))].sort(),
  };
}
