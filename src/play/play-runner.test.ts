import { describe, expect, it } from 'vitest';
import type { KubectlResult } from '../kubectl/context.js';
import type { ObjectiveStatus } from '../scenarios/checks.js';
import { runPlay, type PlayTarget } from './play-runner.js';
import { parseScript } from './script.js';
import { testEnv } from '../kubectl/commands/testkit.js';
import { shellTarget } from './targets.js';
import { Shell } from '../shell/shell.js';

/** A target that records what it was asked to do and answers from a table. */
function fakeTarget(answers: Record<string, KubectlResult>, objectives: () => ObjectiveStatus[] = () => []) {
  let now = Date.UTC(2026, 0, 15, 9);
  const ran: string[] = [];
  const target: PlayTarget = {
    run(line) {
      ran.push(line);
      return answers[line] ?? { stdout: '', stderr: `unknown ${line}\n`, exitCode: 1 };
    },
    advanceBy(ms) {
      now += ms;
    },
    now: () => now,
    objectives,
    guards: () => [],
  };
  return { target, ran, now: () => now };
}

describe('parseScript', () => {
  it('skips comments and blank lines and keeps heredocs with their command', () => {
    const r = parseScript('# setup\n\nkubectl apply -f - <<EOF\nkind: Pod\nEOF\nsleep 30s\ncheck\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.steps.map((s) => s.kind)).toEqual(['shell', 'sleep', 'check']);
    expect(r.steps[0]).toMatchObject({ text: 'kubectl apply -f - <<EOF\nkind: Pod\nEOF', line: 3 });
  });

  it('reads a here-string (<<<) as part of its line, not as a heredoc', () => {
    const r = parseScript('base64 -d <<< "cGFzcw=="\ncheck\n');
    expect(r.ok && r.steps.map((s) => s.kind)).toEqual(['shell', 'check']);
  });

  it('rejects a heredoc that is never closed, naming the line', () => {
    expect(parseScript('k get po\nk apply -f - <<YAML\nkind: Pod\n')).toEqual({ ok: false, message: "line 2: here-document not closed (wanted `YAML')" });
  });
});

describe('runPlay', () => {
  it('prints a transcript: the line, then stdout, then stderr', () => {
    const { target } = fakeTarget({ 'kubectl get pods': { stdout: 'out\n', stderr: 'err\n', exitCode: 0 } });
    const r = runPlay(target, 'kubectl get pods\n', false);
    expect(r.output).toBe('$ kubectl get pods\nout\nerr\n');
    expect(r.exitCode).toBe(0);
  });

  it('advances time on sleep and reports it in JSON lines', () => {
    const { target } = fakeTarget({ 'k get po': { stdout: 'x\n', stderr: '', exitCode: 0 } });
    const r = runPlay(target, 'sleep 2m\nk get po\n', true);
    const lines = r.output.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ command: 'sleep 2m', stdout: '', stderr: '', exitCode: 0, time: '2026-01-15T09:02:00Z' });
    expect(lines[1]).toEqual({ command: 'k get po', stdout: 'x\n', stderr: '', exitCode: 0, time: '2026-01-15T09:02:00Z' });
    expect(lines[2]).toEqual({ objectives: [], solved: true });
  });

  it('exits 1 while an objective is unmet and shows it on check', () => {
    const { target } = fakeTarget({}, () => [{ id: 'up', description: 'web is up', met: false, detail: 'no' }]);
    const r = runPlay(target, 'check\n', false);
    expect(r.output).toBe('$ check\n[not met] up: web is up\nnot solved yet\n');
    expect(r.exitCode).toBe(1);
  });

  it('exits 2 for a script that does not parse', () => {
    const { target, ran } = fakeTarget({});
    const r = runPlay(target, 'k apply -f - <<EOF\n', false);
    expect(r.exitCode).toBe(2);
    expect(ran).toEqual([]);
  });
});

describe('runPlay in a container shell', () => {
  /** A target on a sandbox cluster through the trainer's shell, with a busybox pod and an nginx Service. */
  function sandboxTarget(): PlayTarget {
    const env = testEnv();
    const sh = new Shell(env.ctx);
    sh.run('kubectl run client --image=busybox:1.36 --restart=Never -- sleep 120');
    sh.run('kubectl create deployment web --image=nginx');
    sh.run('kubectl expose deployment web --port=80');
    env.sim.advanceBy(30_000);
    return shellTarget(sh, env.sim);
  }

  it('runs the lines after `kubectl exec -it … -- sh` inside the container until `exit`, each shown as `$ LINE`', () => {
    const script = ['kubectl exec -it client -- sh', 'wget -qO- http://web | grep title', 'check', 'exit 2', 'echo back in $?'].join('\n');
    const r = runPlay(sandboxTarget(), script, false);
    expect(r.output).toBe(
      ['$ kubectl exec -it client -- sh', '$ wget -qO- http://web | grep title', '<title>Welcome to nginx!</title>', '$ check', 'no objectives: this cluster is a sandbox', '$ exit 2', 'command terminated with exit code 2', '$ echo back in $?', 'back in 2', ''].join('\n'),
    );
  });

  it('a sleep inside runs in the container; the container dying ends the shell at that step; a script may end inside', () => {
    const script = ['kubectl exec -it client -- sh', 'sleep 100', 'echo $HOSTNAME', 'kubectl exec -it deploy/web -- bash', 'pwd'].join('\n');
    const r = runPlay(sandboxTarget(), script, true);
    const steps = r.output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(steps[1]).toMatchObject({ command: 'sleep 100', stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    // Back at the trainer's shell: $HOSTNAME is not set there.
    expect(steps[2]).toMatchObject({ command: 'echo $HOSTNAME', stdout: '\n' });
    expect(steps[4]).toMatchObject({ command: 'pwd', stdout: '/\n', exitCode: 0 });
    expect(r.exitCode).toBe(0);
  });
});
