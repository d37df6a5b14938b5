import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';
import { relativeAgo } from '../host-systemd.js';
import { Shell } from '../../shell/shell.js';
import { terminalOutput } from '../output-order.js';
import { runPlay } from '../../play/play-runner.js';
import { shellTarget } from '../../play/targets.js';

function withWeb() {
  const env = testEnv();
  env.run('run web --image=nginx:1.27');
  env.sim.advanceBy(30_000);
  return env;
}

describe('kubectl debug POD (ephemeral containers)', () => {
  it('adds an ephemeral container through the API and runs the command after -- in it', () => {
    const env = withWeb();
    const r = env.runArgs(['debug', '-it', 'web', '--image=busybox:1.36', '--target=web', '--', 'wget', '-qO-', 'localhost']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Welcome to nginx!');
    // Targeting and Defaulting on stdout; the profile warning and attach's lines on stderr (no terminal: no TTY, no reattach hint).
    expect(r.stdout).toMatch(/^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to debugger-[a-z0-9]{5}\.\n/);
    expect(r.stderr).toBe(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nUnable to use a TTY - input is not a terminal or the right kind of file\nIf you don\'t see a command prompt, try pressing enter.\n',
    );
    expect(r.stderr).not.toContain('All commands and output');
    const name = /debugger-[a-z0-9]{5}/.exec(r.stdout)![0];
    const pod = env.sim.store.get('pods', 'default', 'web')!;
    const ecs = (pod.spec as { ephemeralContainers: { name: string; image: string; targetContainerName: string }[] }).ephemeralContainers;
    expect(ecs).toHaveLength(1);
    expect(ecs[0]).toMatchObject({ name, image: 'busybox:1.36', targetContainerName: 'web' });
    env.sim.advanceBy(30_000);
    expect(env.run('get pod web -o jsonpath={.status.ephemeralContainerStatuses[0].name}').stdout).toBe(name);
  });

  it('without a command: kubectl\'s lines and a note to pass one after --', () => {
    const env = withWeb();
    const r = env.runArgs(['debug', '-it', 'web', '--image=busybox:1.36', '-c', 'dbg']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("If you don't see a command prompt, try pressing enter.\n");
    expect(r.stderr).toContain('kubedojo: interactive shells are not simulated; pass the command to run after --');
    // The API server refuses a second container with the same name, and an unknown target.
    const dup = env.runArgs(['debug', 'web', '--image=busybox:1.36', '-c', 'dbg']);
    expect(dup.exitCode).toBe(1);
    expect(dup.stderr).toBe('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nThe Pod "web" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "dbg"\n');
    const bad = env.runArgs(['debug', 'web', '--image=busybox:1.36', '--target=nope']);
    expect(bad.stderr).toContain('The Pod "web" is invalid: spec.ephemeralContainers[1].targetContainerName: Not found: "nope"\n');
  });

  it('needs --image and an existing pod', () => {
    const env = withWeb();
    expect(env.run('debug web').stderr).toContain('--image is required');
    expect(env.run('debug nope --image=busybox').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl debug node/NAME', () => {
  it('creates node-debugger-NODE-xxxxx with hostNetwork on the node and the host at /host', () => {
    const env = testEnv();
    const r = env.runArgs(['debug', 'node/node01', '-it', '--image=busybox:1.36']);
    expect(r.stdout).toMatch(/^Creating debugging pod node-debugger-node01-[a-z0-9]{5} with container debugger on node node01\.\n$/);
    const name = /node-debugger-node01-[a-z0-9]{5}/.exec(r.stdout)![0];
    const pod = env.sim.store.get('pods', 'default', name)!;
    expect(pod.spec).toMatchObject({ nodeName: 'node01', hostNetwork: true, hostPID: true, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
  });

  it('chroot /host systemctl stop/status/restart and journalctl act on the node\'s kubelet', () => {
    const env = testEnv();
    const dbg = (...cmd: string[]) => env.runArgs(['debug', 'node/node01', '-it', '--image=busybox:1.36', '--', 'chroot', '/host', ...cmd]);
    const up = dbg('systemctl', 'status', 'kubelet');
    expect(up.exitCode).toBe(0);
    expect(up.stdout).toContain('● kubelet.service - kubelet: The Kubernetes Node Agent\n');
    expect(up.stdout).toContain('     Active: active (running) since ');
    expect(dbg('systemctl', 'stop', 'kubelet').exitCode).toBe(0);
    expect(env.sim.kubelet.nodeRunning('node01')).toBe(false);
    env.sim.advanceBy(60_000);
    expect(env.run('get node node01').stdout).toContain('NotReady');
    const down = dbg('systemctl', 'status', 'kubelet');
    expect(down.exitCode).toBe(3);
    expect(down.stdout).toContain('     Active: inactive (dead) since ');
    expect(down.stdout).toContain('; 1min 0s ago\n');
    expect(down.stderr).toContain("kubedojo: node01's kubelet is not running");
    expect(dbg('systemctl', 'restart', 'kubelet').exitCode).toBe(0);
    expect(env.sim.kubelet.nodeRunning('node01')).toBe(true);
    env.sim.advanceBy(10_000);
    expect(env.run('get node node01').stdout).toMatch(/node01\s+Ready/);
    const j = dbg('journalctl', '-u', 'kubelet');
    expect(j.stdout).toContain('systemd[1]: Stopped kubelet: The Kubernetes Node Agent.\n');
    expect(j.stdout.trimEnd().split('\n').at(-1)).toContain('"Successfully registered node" node="node01"');
  });

  it('systemctl without chroot is not in the busybox image', () => {
    const env = testEnv();
    const r = env.runArgs(['debug', 'node/node01', '-it', '--image=busybox', '--', 'systemctl', 'status', 'kubelet']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('chroot /host systemctl status kubelet');
  });
});

describe('relativeAgo (systemd)', () => {
  it('formats like format_timestamp_relative', () => {
    expect(relativeAgo(5_000)).toBe('5s ago');
    expect(relativeAgo(125_000)).toBe('2min 5s ago');
    expect(relativeAgo(20 * 60_000)).toBe('20min ago');
    expect(relativeAgo(3_900_000)).toBe('1h 5min ago');
    expect(relativeAgo(12 * 86_400_000)).toBe('1 week 5 days ago');
  });
});

describe('kubectl describe pod after kubectl debug', () => {
  it('lists the debug container under Ephemeral Containers, after Containers', () => {
    const env = withWeb();
    env.runArgs(['debug', 'web', '--image=busybox:1.36', '-c', 'dbg', '--', 'sleep', '3600']);
    env.sim.advanceBy(30_000);
    const out = env.run('describe pod web').stdout;
    const i = out.indexOf('\nEphemeral Containers:\n  dbg:\n');
    expect(i).toBeGreaterThan(out.indexOf('\nContainers:\n  web:\n'));
    expect(i).toBeLessThan(out.indexOf('\nConditions:\n'));
    expect(out.slice(i)).toContain('    Image:         busybox:1.36\n');
    expect(out.slice(i)).toMatch(/ {4}Command:\n {6}sleep\n {6}3600\n/);
  });
});

describe('kubectl debug -it: a shell in the debug container', () => {
  function shellEnv() {
    const env = testEnv();
    const sh = new Shell(env.ctx);
    sh.run('kubectl run web --image=nginx:1.27');
    env.sim.advanceBy(30_000);
    return { env, sh };
  }

  it('opens a session in the ephemeral container; exit ends it with attach\'s reattach hint', () => {
    const { sh } = shellEnv();
    const open = sh.run('kubectl debug -it web --image=busybox:1.36 --target=web');
    expect(terminalOutput(open).map((c) => c.stream)).toEqual(['stdout', 'stderr', 'stdout', 'stderr']);
    expect(open.stderr).toBe(`--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nIf you don't see a command prompt, try pressing enter.\n`);
    expect(open.stdout).toMatch(/^Targeting container "web"\. .*\nDefaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    const name = /debugger-[a-z0-9]{5}/.exec(open.stdout)![0];
    expect(sh.session?.where).toBe(`pod/web, container ${name}`);
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.run('wget -qO- localhost').stdout).toContain('Welcome to nginx!');
    expect(sh.run('exit')).toEqual({ stdout: `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c ${name} -i -t' if it is still running\n`, stderr: '', exitCode: 0 });
    expect(sh.session).toBeUndefined();
    expect(sh.run(`kubectl get pod web -o jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.reason}`).stdout).toBe('Completed');
  });

  it('node/NAME -it: the pod\'s shell, chroot /host systemctl inside, chroot /host alone enters the host until exit', () => {
    const { env, sh } = shellEnv();
    const open = sh.run('kubectl debug node/node01 -it --image=busybox:1.36');
    expect(open.stdout).toMatch(/^Creating debugging pod node-debugger-node01-[a-z0-9]{5} with container debugger on node node01\.\n$/);
    expect(sh.session).toBeDefined();
    expect(sh.run('chroot /host systemctl status kubelet').stdout).toContain('● kubelet.service - kubelet: The Kubernetes Node Agent\n');
    expect(sh.run('chroot /host')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.prompt()).toBe('# ');
    expect(sh.run('systemctl stop kubelet').exitCode).toBe(0);
    expect(env.sim.kubelet.nodeRunning('node01')).toBe(false);
    sh.run('exit');
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.run('systemctl status kubelet')).toEqual({ stdout: '', stderr: 'sh: systemctl: not found\n', exitCode: 127 });
    // restartPolicy Never: no reattach hint.
    expect(sh.run('exit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.session).toBeUndefined();
  });

  it('in a play script, the lines after kubectl debug -it run inside until exit', () => {
    const env = testEnv();
    const sh = new Shell(env.ctx);
    sh.run('kubectl run web --image=nginx:1.27');
    env.sim.advanceBy(30_000);
    const target = shellTarget(sh, env.sim);
    const script = ['kubectl debug -it web --image=busybox:1.36 -c dbg -q', 'echo $HOSTNAME', 'exit 4', 'echo back $?'].join('\n');
    const r = runPlay(target, script, false);
    expect(r.output).toBe(['$ kubectl debug -it web --image=busybox:1.36 -c dbg -q', '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".', '$ echo $HOSTNAME', 'web', '$ exit 4', '$ echo back $?', 'back 0', ''].join('\n'));
  });
});
