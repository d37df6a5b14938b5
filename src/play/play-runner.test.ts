import { describe, expect, it } from 'vitest';
import type { KubectlResult } from '../kubectl/context.js';
import type { ObjectiveStatus } from '../scenarios/checks.js';
import { runPlay, type PlayTarget } from './play-runner.js';
import { parseScript } from './script.js';

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
