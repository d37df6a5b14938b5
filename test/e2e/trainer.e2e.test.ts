/**
 * End-to-end: the built program in a real pseudo-terminal, driven like a
 * person would drive it, reading what the screen shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { KEY, spawnProgram, type Program } from '../pty.js';

let p: Program | undefined;
afterEach(() => {
  p?.kill();
  p = undefined;
});

const progress = (home: string) => JSON.parse(readFileSync(resolve(home, 'progress.json'), 'utf8'));

describe('kubedojo in a terminal', () => {
  it('opens the home screen fast, at 80×24, and Ctrl+C leaves with the terminal restored', async () => {
    const t0 = performance.now();
    p = spawnProgram([], { cols: 80, rows: 24 });
    const s = await p.waitFor('kubedojo › home');
    const firstFrame = performance.now() - t0;
    console.log(`start to first frame: ${firstFrame.toFixed(0)} ms`);
    expect(firstFrame).toBeLessThan(3000);
    expect(s).toContain('[d] Drills');
    expect(s).toContain('Ctrl+C quit');
    expect(p.bufferType()).toBe('alternate');
    // NO_COLOR (set by spawnProgram): no colour escapes at all.
    // eslint-disable-next-line no-control-regex
    expect(p.raw()).not.toMatch(/\x1b\[[0-9;]*(3[0-9]|9[0-7]|4[0-9])m/);
    p.write(KEY.ctrl('c'));
    expect(await p.exited).toBe(0);
    await p.waitFor(() => p!.bufferType() === 'normal');
    // eslint-disable-next-line no-control-regex
    expect(p.raw()).toMatch(/\x1b\[\?25h[^]*$/);
  });

  it('solves oom-checkout by typing its solution, then shows the debrief and saves progress', async () => {
    const loaded = loadScenario('oom-checkout');
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    p = spawnProgram(['drill', 'oom-checkout']);
    await p.waitFor('[ ] All 3 checkout pods');
    await p.run('kubectl -n shop get pods');
    await p.waitFor(/CrashLoopBackOff|OOMKilled|Running/);
    for (const line of loaded.scenario.solution) await p.run(line);
    await p.waitFor('✔ Solved', 20_000);
    await p.run('memory limit below usage');
    const debrief = await p.waitFor('kubedojo › debrief');
    expect(debrief).toContain('✔ Solved: Checkout pods keep restarting');
    expect(debrief).toMatch(/hints 0\/3/);
    expect(debrief).toMatch(/256Mi →\s+512Mi/);
    expect(debrief).toContain('Progress saved');
    const saved = progress(p.home);
    expect(saved.version).toBe(1);
    expect(saved.drills['oom-checkout']).toMatchObject({ attempts: 1, solvedCount: 1 });
    p.write(KEY.enter);
    await p.waitFor('kubedojo › drills');
    await p.waitFor(/oom-checkout\s+easy\s+✔/);
  });

  it('kubectl edit hands the terminal to $EDITOR and comes back to an intact screen', async () => {
    const editor = `node ${resolve('test/fixtures/scripted-editor.mjs')}`;
    p = spawnProgram(['drill', 'sandbox'], { env: { EDITOR: editor, KUBE_EDITOR: '' } });
    await p.waitFor('Sandbox');
    await p.run('kubectl -n kube-system edit cm coredns');
    const back = await p.waitFor('configmap/coredns edited');
    expect(back).toContain('sandbox · Sandbox');
    expect(back).toMatch(/\$ kubectl -n kube-system edit cm coredns/);
    await p.run('kubectl -n kube-system get cm coredns -o yaml | grep edited');
    await p.waitFor('edited-by: scripted-editor');
  });

  it('answers a quiz, records the run for spaced repetition', async () => {
    p = spawnProgram(['quiz', '--count', '2', '--seed', '1']);
    await p.waitFor('question 1/2');
    for (let i = 0; i < 2; i++) {
      const s = await p.waitFor(`question ${i + 1}/2`);
      if (s.includes('choose all that apply')) p.write(KEY.up + KEY.enter);
      else p.write(KEY.enter);
      await p.waitFor(/✔ Correct\.|✘ Not quite\./);
      p.write(KEY.enter);
    }
    await p.waitFor(/Score: \d\/2/);
    expect(progress(p.home).quiz.runs).toBe(1);
    p.write(KEY.enter);
    await p.waitFor('kubedojo › home');
  });

  it('runs a short challenge to its results; Ctrl+C asks before abandoning', async () => {
    p = spawnProgram(['challenge', '--seed', '3', '--count', '1', '--minutes', '5']);
    await p.waitFor('seed 3');
    p.write(KEY.enter);
    await p.waitFor('⏳');
    p.write(KEY.ctrl('c'));
    await p.waitFor('abandon this challenge?');
    p.write('n');
    await p.waitFor((s) => !s.includes('abandon this challenge?'));
    await p.run('skip');
    const results = await p.waitFor('challenge results');
    expect(results).toMatch(/Score: \d+\s+\(0\/1 solved\)/);
    expect(results).toContain('✘ skipped');
    await p.waitFor('Score saved.');
    expect(progress(p.home).challenges).toHaveLength(1);
    p.write(KEY.enter);
    await p.waitFor('kubedojo › home');
    p.write(KEY.ctrl('c'));
    expect(await p.exited).toBe(0);
  });

  it('keys typed in one burst each act on the screen the previous one opened', async () => {
    p = spawnProgram([]);
    await p.waitFor('kubedojo › home');
    // One write, one read: ↓ selects Challenge, Enter opens it, ↓ moves its list from mixed to easy.
    p.write(KEY.down + KEY.enter + KEY.down);
    const s = await p.waitFor('❯ easy');
    expect(s).toContain('kubedojo › challenge');
  });

  it('draws on a terminal even when CI is set in the environment', async () => {
    p = spawnProgram([], { env: { CI: 'true' } });
    await p.waitFor('kubedojo › home');
    p.write(KEY.ctrl('c'));
    expect(await p.exited).toBe(0);
  });

  it('reports a corrupt progress file, keeps it aside and starts fresh', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const home = mkdtempSync(resolve(tmpdir(), 'kubedojo-e2e-corrupt-'));
    writeFileSync(resolve(home, 'progress.json'), '{"version": 1, "drills": ');
    p = spawnProgram([], { home });
    await p.waitFor('could not be read');
    expect(p.screen()).toMatch(/progress\.json\.corrupt-1/);
    expect(readFileSync(resolve(home, 'progress.json.corrupt-1'), 'utf8')).toBe('{"version": 1, "drills": ');
  });

  it('opens the built-in editor when no editor program exists, and applies what is saved', async () => {
    p = spawnProgram(['drill', 'sandbox'], { env: { EDITOR: '/nonexistent/editor', KUBE_EDITOR: '' } });
    await p.waitFor('Sandbox');
    await p.run('kubectl -n kube-system edit cm kube-proxy');
    await p.waitFor('built-in editor');
    p.write(KEY.ctrl('s'));
    await p.waitFor('Edit cancelled, no changes made.');
    await p.waitFor('sandbox · Sandbox');
  });

  it('a drill that does not exist is a usage error', async () => {
    p = spawnProgram(['drill', 'no-such-drill']);
    expect(await p.exited).toBe(2);
  });

  it('without a terminal it says so and points to play', async () => {
    const { spawnSync } = await import('node:child_process');
    expect(existsSync('dist/kubedojo.js')).toBe(true);
    const r = spawnSync(process.execPath, ['dist/kubedojo.js'], { input: '', encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('kubedojo play');
  });
});
