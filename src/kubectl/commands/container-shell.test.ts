import { describe, expect, it } from 'vitest';
import { Shell } from '../../shell/shell.js';
import { terminalOutput } from '../output-order.js';
import { testEnv } from './testkit.js';

/** A sandbox cluster and the trainer's shell on it (its standard input is the learner's terminal). */
function setup(manifests: string[] = []) {
  const env = testEnv();
  const sh = new Shell(env.ctx);
  for (const m of manifests) expect(sh.run(m).exitCode).toBe(0);
  env.sim.advanceBy(30_000);
  return { env, sh, sim: env.sim };
}

/** What the terminal shows for a line, as `[stream] text` chunks. */
function screen(r: Parameters<typeof terminalOutput>[0]): string[] {
  return terminalOutput(r).map((c) => `[${c.stream}] ${c.text}`);
}

describe('kubectl exec -it POD -- sh', () => {
  it('opens the container\'s shell: lines run inside until exit, whose status kubectl reports', () => {
    const { sh } = setup(['kubectl run client --image=busybox:1.36 -- sleep 3600', 'kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port=80']);
    const open = sh.run('kubectl exec -it client -- sh');
    expect(open).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.session?.where).toBe('pod/client, container client');
    expect(sh.run('wget -qO- http://web | head -4').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(sh.run('cat /etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(sh.run('echo $HOSTNAME').stdout).toBe('client\n');
    // A kubectl line inside the container is the container's business.
    expect(sh.run('kubectl get pods')).toEqual({ stdout: '', stderr: 'sh: kubectl: not found\n', exitCode: 127 });
    expect(sh.run('exit 3')).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    expect(sh.session).toBeUndefined();
    expect(sh.run('echo $?').stdout).toBe('3\n');
  });

  it('a bare exit (or end of input) exits with the last command\'s status', () => {
    const { sh } = setup(['kubectl run client --image=busybox:1.36 -- sleep 3600']);
    sh.run('kubectl exec -it client -- /bin/sh');
    sh.run('false');
    expect(sh.run('exit').stderr).toBe('command terminated with exit code 1\n');
    sh.run('kubectl exec -it client -- sh');
    sh.run('true');
    expect(sh.eof()).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.session).toBeUndefined();
  });

  it('a shell the image does not have fails as the runtime says; without a terminal -it falls back', () => {
    const { sh } = setup(['kubectl run client --image=busybox:1.36 -- sleep 3600']);
    const r = sh.run('kubectl exec -it client -- bash');
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
    expect(sh.session).toBeUndefined();
    // Input from a file is no terminal: kubectl says so and the shell reads that input.
    sh.run('echo "echo from-a-script" > script.sh');
    expect(sh.run('kubectl exec -it client -- sh < script.sh')).toEqual({ stdout: 'from-a-script\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', exitCode: 0 });
    expect(sh.session).toBeUndefined();
    // -t without -i is dropped silently.
    expect(sh.run('kubectl exec -t client -- echo hi')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
  });

  it('ends with 137 when its container dies under it', () => {
    const { sh, sim } = setup(['kubectl run short --image=busybox:1.36 --restart=Never -- sleep 60']);
    sh.run('kubectl exec -it short -- sh');
    expect(sh.poll()).toBeUndefined();
    sim.advanceBy(40_000);
    expect(sh.poll()).toEqual({ stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    expect(sh.session).toBeUndefined();
  });

  it('a line that lets the container die on the way reports its output, then the end', () => {
    const { sh } = setup(['kubectl run short --image=busybox:1.36 --restart=Never -- sleep 60']);
    sh.run('kubectl exec -it short -- sh');
    const r = sh.run('echo before; sleep 45');
    expect(screen(r)).toEqual(['[stdout] before\n', '[stderr] command terminated with exit code 137\n']);
    expect(sh.session).toBeUndefined();
  });

  it('prompts as the image\'s shell does', () => {
    const { sh } = setup([
      'kubectl run deb --image=nginx:1.27',
      'kubectl run redis --image=redis:7',
      'kubectl run curl --image=curlimages/curl:8.11.1 -- sleep 3600',
      'kubectl run alp --image=alpine:3.21 -- sleep 3600',
    ]);
    const promptOf = (line: string) => {
      expect(sh.run(line).exitCode).toBe(0);
      const p = sh.prompt();
      sh.run('exit 0');
      return p;
    };
    expect(promptOf('kubectl exec -it deb -- bash')).toBe('root@deb:/# ');
    expect(promptOf('kubectl exec -it deb -- sh')).toBe('# ');
    expect(promptOf('kubectl exec -it redis -- bash')).toBe('root@redis:/data# ');
    expect(promptOf('kubectl exec -it curl -- sh')).toBe('~ $ ');
    expect(promptOf('kubectl exec -it alp -- /bin/sh')).toBe('/ # ');
    // No TTY, no prompt: the shell reads a pipe.
    expect(promptOf('kubectl exec -i alp -- sh')).toBe('');
  });

  it('cd changes the shell\'s directory for the lines after it, and its prompt (BusyBox ash)', () => {
    const { sh } = setup(['kubectl run client --image=busybox:1.36 -- sleep 3600']);
    sh.run('kubectl exec -it client -- sh');
    expect(sh.run('cd /etc')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.prompt()).toBe('/etc # ');
    expect(sh.run('pwd').stdout).toBe('/etc\n');
    expect(sh.run('cat hostname').stdout).toBe('client\n');
    expect(sh.run('ls').stdout).toContain('resolv.conf\n');
    expect(sh.run('cat ../etc/./hosts').stdout).toContain('client\n');
    sh.run('cd /tmp');
    expect(sh.prompt()).toBe('/tmp # ');
    sh.run('echo hi > note.txt');
    expect(sh.run('cat /tmp/note.txt').stdout).toBe('hi\n');
    expect(sh.run('cd -')).toEqual({ stdout: '/etc\n', stderr: '', exitCode: 0 });
    // cd alone goes home: /root for root, shown as ~.
    sh.run('cd');
    expect(sh.prompt()).toBe('~ # ');
    expect(sh.run('pwd').stdout).toBe('/root\n');
    expect(sh.run('cd ..; pwd').stdout).toBe('/\n');
    expect(sh.prompt()).toBe('/ # ');
    // A directory that is not there: ash's words at a prompt, status 2, the directory kept.
    expect(sh.run('cd /nonexistent')).toEqual({ stdout: '', stderr: 'sh: cd: can\'t cd to /nonexistent: No such file or directory\n', exitCode: 2 });
    expect(sh.run('cd /etc/hosts').stderr).toBe('sh: cd: can\'t cd to /etc/hosts: Not a directory\n');
    expect(sh.prompt()).toBe('/ # ');
    sh.run('exit');
    // A new session starts where the container does.
    sh.run('kubectl exec -it client -- sh');
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.run('pwd').stdout).toBe('/\n');
  });

  it('cd in bash and dash: their prompts and error texts', () => {
    const { sh } = setup(['kubectl run deb --image=nginx:1.27', 'kubectl run redis --image=redis:7']);
    sh.run('kubectl exec -it deb -- bash');
    sh.run('cd /etc');
    expect(sh.prompt()).toBe('root@deb:/etc# ');
    expect(sh.run('cat hostname').stdout).toBe('deb\n');
    expect(sh.run('cd /nope')).toEqual({ stdout: '', stderr: 'bash: cd: /nope: No such file or directory\n', exitCode: 1 });
    sh.run('cd');
    expect(sh.prompt()).toBe('root@deb:~# ');
    sh.run('exit 0');
    // dash counts the lines it has read.
    sh.run('kubectl exec -it deb -- sh');
    sh.run('cd /tmp');
    expect(sh.run('cd /nope')).toEqual({ stdout: '', stderr: 'sh: 2: cd: can\'t cd to /nope\n', exitCode: 2 });
    expect(sh.run('pwd').stdout).toBe('/tmp\n');
    sh.run('exit 0');
    // The image's working directory is where a shell starts and a relative path starts from.
    expect(sh.run('kubectl exec redis -- sh -c pwd').stdout).toBe('/data\n');
    sh.run('kubectl exec -it redis -- bash');
    expect(sh.run('pwd').stdout).toBe('/data\n');
    sh.run('cd /');
    expect(sh.prompt()).toBe('root@redis:/# ');
  });

  it('a shell reading a script from its input keeps its directory from line to line', () => {
    const { env } = setup(['kubectl run client --image=busybox:1.36 -- sleep 3600']);
    expect(env.runArgs(['exec', '-i', 'client', '--', 'sh'], 'cd /etc\ncat hostname\ncd /nope\npwd\n')).toEqual({
      stdout: 'client\n/etc\n',
      stderr: 'sh: cd: line 3: can\'t cd to /nope: No such file or directory\n',
      exitCode: 0,
    });
  });
});

describe('kubectl run -it', () => {
  it('--rm --restart=Never -- sh: the prompt hint, the shell, then the deletion and the exit code', () => {
    const { sh, sim } = setup(['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port=80']);
    const open = sh.run('kubectl run tmp --image=busybox -it --rm --restart=Never -- sh');
    expect(screen(open)).toEqual(["[stderr] If you don't see a command prompt, try pressing enter.\n"]);
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.run('nslookup web').stdout).toContain('Name:\tweb.default.svc.cluster.local\n');
    expect(sh.run('wget -q -O /dev/null http://web').exitCode).toBe(0);
    expect(sh.run('exit')).toEqual({ stdout: 'pod "tmp" deleted\n', stderr: '', exitCode: 0 });
    expect(sh.session).toBeUndefined();
    expect(sim.store.get('pods', 'default', 'tmp')).toBeUndefined();
    // A failing last command: sh exits with it, the pod fails, kubectl says so after deleting it.
    sh.run('kubectl run tmp2 --image=busybox -it --rm --restart=Never -- sh');
    sh.run('wget -q -T 1 http://nosuch');
    const r = sh.run('exit');
    expect(screen(r)).toEqual(['[stdout] pod "tmp2" deleted\n', '[stderr] pod default/tmp2 terminated (Error)\n']);
    expect(r.exitCode).toBe(1);
  });

  it('without a command runs the image\'s (busybox: sh); with restartPolicy Always it says how to resume', () => {
    const { sh, sim } = setup();
    sh.run('kubectl run tmp --image=busybox --rm -it');
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.run('exit')).toEqual({ stdout: "Session ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running\npod \"tmp\" deleted\n", stderr: '', exitCode: 0 });
    // Without --rm the pod stays, and its container restarts with a fresh shell.
    sh.run('kubectl run keep --image=busybox -it');
    sh.run('exit');
    sim.advanceBy(5_000);
    expect(sh.run("kubectl get pod keep -o jsonpath={.status.containerStatuses[0].restartCount}").stdout).toBe('1');
  });

  it('an image whose entrypoint script execs its arguments (nginx) still gives its bash', () => {
    const { sh } = setup();
    sh.run('kubectl run dbg -it --rm --restart=Never --image=nginx -- bash');
    expect(sh.prompt()).toBe('root@dbg:/# ');
    expect(sh.run('exit 5')).toEqual({ stdout: 'pod "dbg" deleted\n', stderr: 'pod default/dbg terminated (Error)\n', exitCode: 5 });
  });

  it('-i without a terminal: the shell reads the piped script, then kubectl cleans up', () => {
    const { sh } = setup();
    const r = sh.run("echo 'echo hello from $HOSTNAME' | kubectl run tmp --image=busybox -i --rm --restart=Never -- sh");
    expect(screen(r)).toEqual(["[stderr] If you don't see a command prompt, try pressing enter.\n", '[stdout] hello from tmp\n', '[stdout] pod "tmp" deleted\n']);
    expect(sh.session).toBeUndefined();
  });

  it('a program that is not a shell: the prompt hint first (the watch saw it running), its output, then --rm', () => {
    const { sh } = setup();
    const r = sh.run('kubectl run tmp --image=busybox -it --rm --restart=Never -- echo hi');
    expect(screen(r)).toEqual(["[stderr] If you don't see a command prompt, try pressing enter.\n", '[stdout] hi\n', '[stdout] pod "tmp" deleted\n']);
    expect(sh.session).toBeUndefined();
    // A failing program: its exit code, after the deletion.
    const f = sh.run('kubectl run tmp --image=busybox -i --rm --restart=Never -- sh -c "exit 4"');
    expect(screen(f).slice(1)).toEqual(['[stdout] pod "tmp" deleted\n', '[stderr] pod default/tmp terminated (Error)\n']);
    expect(f.exitCode).toBe(4);
  });

  it('an image that never pulls: the pod-running timeout, then --rm, then the error (as kubectl v1.32 prints them)', () => {
    const { sh, sim } = setup();
    const before = sim.now();
    const r = sh.run('kubectl run tmp --image=busybox:nosuch -it --rm --restart=Never -- sh');
    expect(r).toEqual({ stdout: 'pod "tmp" deleted\n', stderr: 'error: timed out waiting for the condition\n', exitCode: 1 });
    expect(sim.now() - before).toBe(60_000);
    expect(sh.session).toBeUndefined();
  });
});
