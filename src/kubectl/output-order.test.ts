import { describe, expect, it } from 'vitest';
import { Shell } from '../shell/shell.js';
import { testEnv } from './commands/testkit.js';
import { concatResults, ordered, stderrFirst, terminalOutput } from './output-order.js';

/** What a terminal shows for a result, one `[stream] text` per chunk. */
function screen(r: Parameters<typeof terminalOutput>[0]): string[] {
  return terminalOutput(r).map((c) => `[${c.stream}] ${c.text}`);
}

describe('terminal order of a command whose stderr comes first', () => {
  it('delete --force: the immediate-deletion warning, then what was deleted', () => {
    const env = testEnv();
    env.run('run web --image=nginx');
    const r = env.run('delete pod web --force');
    expect(screen(r)).toEqual([
      '[stderr] Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      '[stdout] pod "web" force deleted\n',
    ]);
    // The streams themselves are unchanged (play's transcript reads them apart).
    expect(r.stdout).toBe('pod "web" force deleted\n');
  });

  it('logs deploy/NAME with several pods: "Found N pods" before the logs', () => {
    const env = testEnv();
    env.run('create deployment web --image=nginx --replicas=2');
    env.sim.advanceBy(30_000);
    const r = env.run('logs deploy/web');
    const chunks = terminalOutput(r);
    expect(chunks[0]).toEqual({ stream: 'stderr', text: expect.stringMatching(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\n$/) as unknown as string });
    expect(chunks[1].stream).toBe('stdout');
  });

  it('a deprecated flag: pflag\'s notice before the output', () => {
    const env = testEnv();
    env.run('create deployment web --image=nginx');
    const r = env.run('scale deployment web --replicas=2 --record');
    expect(screen(r)).toEqual(['[stderr] Flag --record has been deprecated, --record will be removed in the future\n', '[stdout] deployment.apps/web scaled\n']);
  });

  it('exec into a pod of several containers: "Defaulted container" first, the program\'s output, then its exit status', () => {
    const env = testEnv();
    env.sim.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'two', namespace: 'default' },
      spec: { containers: [{ name: 'a', image: 'busybox', command: ['sleep', '3600'] }, { name: 'b', image: 'busybox', command: ['sleep', '3600'] }] },
    });
    env.sim.advanceBy(30_000);
    const r = env.runArgs(['exec', 'two', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(screen(r)).toEqual([
      '[stderr] Defaulted container "a" out of: a, b\n',
      '[stdout] out\n',
      '[stderr] err\n',
      '[stderr] command terminated with exit code 3\n',
    ]);
    expect(r.exitCode).toBe(3);
  });

  it('errors kubectl prints at its end stay after the output', () => {
    const env = testEnv();
    env.run('run a --image=nginx');
    const r = env.run('get pod a nosuch --no-headers');
    const chunks = terminalOutput(r);
    expect(chunks.map((c) => c.stream)).toEqual(['stdout', 'stderr']);
    expect(chunks[1].text).toBe('Error from server (NotFound): pods "nosuch" not found\n');
  });

  it('the shell keeps a kubectl command\'s order on the terminal and in a 2>&1 pipe', () => {
    const env = testEnv();
    env.run('run web --image=nginx');
    env.run('run db --image=nginx');
    const sh = new Shell(env.ctx);
    expect(terminalOutput(sh.run('kubectl delete pod web --force')).map((c) => c.stream)).toEqual(['stderr', 'stdout']);
    // Warnings written first reach a pipe first too.
    expect(sh.run('kubectl delete pod db --force 2>&1 | head -1').stdout).toMatch(/^Warning: Immediate deletion/);
  });
});

describe('ordered results', () => {
  it('keeps the streams apart and remembers the order', () => {
    const r = ordered(
      [
        { stream: 'stderr', text: 'w\n' },
        { stream: 'stdout', text: 'o\n' },
        { stream: 'stderr', text: '' },
        { stream: 'stderr', text: 'e\n' },
      ],
      1,
    );
    expect(r).toEqual({ stdout: 'o\n', stderr: 'w\ne\n', exitCode: 1 });
    expect(screen(r)).toEqual(['[stderr] w\n', '[stdout] o\n', '[stderr] e\n']);
  });

  it('a plain result reads stdout then stderr; stderrFirst and concatResults keep order', () => {
    const plain = { stdout: 'o\n', stderr: 'e\n', exitCode: 0 };
    expect(screen(plain)).toEqual(['[stdout] o\n', '[stderr] e\n']);
    expect(screen(stderrFirst(plain, 'n\n'))).toEqual(['[stderr] n\n', '[stdout] o\n', '[stderr] e\n']);
    expect(stderrFirst(plain, '')).toBe(plain);
    const both = concatResults(stderrFirst(plain, 'n\n'), { stdout: 'x\n', stderr: '', exitCode: 4 });
    expect(screen(both)).toEqual(['[stderr] n\n', '[stdout] o\n', '[stderr] e\n', '[stdout] x\n']);
    expect(both.exitCode).toBe(4);
  });
});
