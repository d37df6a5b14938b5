import { describe, expect, it } from 'vitest';
import { terminalOutput } from '../output-order.js';
import { testEnv } from './testkit.js';

/**
 * The API server's warnings on writes reach stderr as `Warning: …` before
 * what the command prints (kubectl's warning handler writes them as each
 * response arrives), each one once. The byte-exact cases, recorded from real
 * kubectl, are in testdata/write/warnings (patch-*, run-*).
 */
describe('server warnings of patch and run', () => {
  const baseline = () => {
    const e = testEnv();
    e.run('create namespace w');
    e.run('label namespace w pod-security.kubernetes.io/warn=baseline');
    return e;
  };
  const violation = (what: string) => `Warning: would violate PodSecurity "baseline:latest": host namespaces (${what}=true)\n`;

  it('patch prints PodSecurity warnings about the template it changed', () => {
    const e = baseline();
    e.run('-n w create deployment web --image=nginx');
    const r = e.runArgs(['-n', 'w', 'patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"hostNetwork":true}}}}']);
    expect(r).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: violation('hostNetwork'), exitCode: 0 });
    expect(terminalOutput(r)[0]).toEqual({ stream: 'stderr', text: violation('hostNetwork') });
  });

  it('patch of several objects prints a warning they share once', () => {
    const e = testEnv();
    for (const n of ['a', 'b']) e.runArgs(['create', 'deployment', n, '--image=nginx']);
    const r = e.runArgs(['patch', 'deploy', 'a', 'b', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"beta.kubernetes.io/arch":"amd64"}}}}}']);
    expect(r.stdout).toBe('deployment.apps/a patched\ndeployment.apps/b patched\n');
    expect(r.stderr).toBe('Warning: spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead\n');
  });

  it('run prints them before attaching to the pod', () => {
    const e = baseline();
    const r = e.runArgs(['-n', 'w', 'run', 'once', '--image=busybox:1.36', '--restart=Never', '-i', '--overrides={"spec":{"hostIPC":true}}', '--', 'echo', 'hi']);
    expect(terminalOutput(r)).toEqual([
      { stream: 'stderr', text: violation('hostIPC') },
      { stream: 'stderr', text: "If you don't see a command prompt, try pressing enter.\n" },
      { stream: 'stdout', text: 'hi\n' },
    ]);
  });

  it('run --dry-run=server prints them too; --dry-run=client asks no server', () => {
    const e = baseline();
    const args = ['-n', 'w', 'run', 'p', '--image=nginx', '--overrides={"spec":{"hostPID":true}}'];
    expect(e.runArgs([...args, '--dry-run=server'])).toEqual({ stdout: 'pod/p created (server dry run)\n', stderr: violation('hostPID'), exitCode: 0 });
    expect(e.runArgs([...args, '--dry-run=client'])).toEqual({ stdout: 'pod/p created (dry run)\n', stderr: '', exitCode: 0 });
  });
});
