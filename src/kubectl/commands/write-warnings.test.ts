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

/**
 * kubectl v1.32.5 (`kubectl create configmap x --dry-run…`, `kubectl run x --image=nginx
 * --dry-run`): GetDryRunStrategy's klog warnings for the old forms of the flag, printed before
 * anything else. The klog header's time and thread id are fixed here.
 */
describe('--dry-run given as a boolean or bare', () => {
  const W = 'W0115 09:00:00.000000   12345';
  it.each([
    ['--dry-run', `${W} helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n`, 'configmap/x created (dry run)\n'],
    ['--dry-run=true', `${W} helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n`, 'configmap/x created (dry run)\n'],
    ['--dry-run=1', `${W} helpers.go:716] --dry-run=1 is deprecated (boolean value) and can be replaced with --dry-run=client.\n`, 'configmap/x created (dry run)\n'],
    ['--dry-run=false', `${W} helpers.go:719] --dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\n`, 'configmap/x created\n'],
    ['--dry-run=F', `${W} helpers.go:719] --dry-run=F is deprecated (boolean value) and can be replaced with --dry-run=none.\n`, 'configmap/x created\n'],
  ])('create configmap %s', (flag, stderr, stdout) => {
    expect(testEnv().runArgs(['create', 'configmap', 'x', flag])).toEqual({ stdout, stderr, exitCode: 0 });
  });

  it('run prints it too, and refuses what is neither a mode nor a boolean', () => {
    const e = testEnv();
    expect(e.runArgs(['run', 'x', '--image=nginx', '--dry-run']).stderr).toBe(`${W} helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n`);
    expect(e.runArgs(['run', 'x', '--image=nginx', '--dry-run=toString'])).toEqual({ stdout: '', stderr: 'error: Invalid dry-run value (toString). Must be "none", "server", or "client".\n', exitCode: 1 });
  });
});
