import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

/**
 * Byte-for-byte comparison with real kubectl v1.32.4 (testdata/README.md):
 * each case directory holds the command, its input files, and what kubectl
 * printed (`stdout`, `stderr`, `exit`).
 */
const root = join(import.meta.dirname, 'testdata', 'goldens');
const OUTPUTS = new Set(['cmd', 'stdout', 'stderr', 'exit', 'stdin']);

const cases = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

describe('goldens recorded from kubectl v1.32.4', () => {
  it.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const files: Record<string, string> = {};
    for (const f of readdirSync(dir)) if (!OUTPUTS.has(f)) files[f] = readFileSync(join(dir, f), 'utf8');
    const env = testEnv(files);
    const read = (f: string) => {
      try {
        return readFileSync(join(dir, f), 'utf8');
      } catch {
        return undefined;
      }
    };
    const args = split(readFileSync(join(dir, 'cmd'), 'utf8').trim());
    const got = env.runArgs(args, read('stdin'));
    expect({ stdout: got.stdout, stderr: got.stderr, exitCode: got.exitCode }).toEqual({
      stdout: read('stdout') ?? '',
      stderr: read('stderr') ?? '',
      exitCode: Number(read('exit') ?? '0'),
    });
  });
});
