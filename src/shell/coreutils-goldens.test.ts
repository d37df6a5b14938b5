/**
 * The trainer's shell against what real bash and GNU coreutils printed for
 * the same command lines on the same files (testdata/coreutils.jsonl,
 * recorded by testdata/record.mjs; see its header). Streams are compared
 * byte for byte, one by one, with the exit status.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../cluster/simulation.js';
import { defaultKubeConfig } from '../kubectl/context.js';
import { memoryFileSystem } from '../kubectl/node-fs.js';
import { Shell } from './shell.js';
import { Workspace } from './workspace.js';

const dir = new URL('./testdata/', import.meta.url);
const [header, ...cases] = readFileSync(new URL('coreutils.jsonl', dir), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { cmd: string; stdout: string; stderr: string; exitCode: number; recordedAt?: string });
const fixtures = JSON.parse(readFileSync(new URL('fixtures.json', dir), 'utf8')) as Record<string, string>;
const recordedAt = Date.parse(header.recordedAt!);

function shellAt(): Shell {
  // The fixtures were dated at the recording's second; the frozen clock stands there, so `ls -l` and `diff -u` agree.
  const sim = createSimulation({ frozen: true, startTime: recordedAt });
  const fs = new Workspace(memoryFileSystem(fixtures), { cwd: '/root', home: '/root', now: () => sim.now() });
  return new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs });
}

describe('the shell prints what bash and coreutils print', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(200));
  it.each(cases.map((c) => [c.cmd, c] as const))('%s', (_, c) => {
    const r = shellAt().run(c.cmd);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });
});
