import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEnv } from './commands/testkit.js';

/**
 * YAML mistakes in a manifest, as real kubectl v1.32 reports them for
 * `kubectl apply -f FILE --dry-run=client` (testdata/manifests/record.sh).
 */
const DIR = path.resolve(import.meta.dirname, 'testdata/manifests');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('malformed manifests (kubectl v1.32 goldens)', () => {
  const env = testEnv(Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(DIR, f), 'utf8')])), { frozen: true });
  it.each(files)('%s', (file) => {
    const base = path.join(DIR, file.replace(/\.yaml$/, ''));
    expect(env.runArgs(['apply', '-f', file, '--dry-run=client'])).toEqual({
      stdout: fs.readFileSync(`${base}.stdout`, 'utf8'),
      stderr: fs.readFileSync(`${base}.stderr`, 'utf8'),
      exitCode: Number(fs.readFileSync(`${base}.exit`, 'utf8').trim()),
    });
  });
});
