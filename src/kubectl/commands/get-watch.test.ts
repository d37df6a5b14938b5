import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

describe('get --watch', () => {
  it('prints the table, then each change for the bounded watch time', () => {
    const env = testEnv();
    const created = env.runArgs(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    expect(created.exitCode).toBe(0);
    const r = env.runArgs(['get', 'pods', '-l', 'app=web', '-w', '--request-timeout=20s']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    // only one header, and rows for both pods
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    expect(new Set(lines.slice(1).map((l) => l.split(/\s+/)[0])).size).toBe(2);
  });

  it('refuses several resource types', () => {
    const env = testEnv();
    const r = env.runArgs(['get', 'pods,svc', '-w']);
    expect(r).toEqual({ stdout: '', stderr: 'error: watch is only supported on individual resources and resource collections, but 2 resources were found\n', exitCode: 1 });
  });
});

describe('events --watch', () => {
  it('prints new events while the simulation runs', () => {
    const env = testEnv();
    const r = env.runArgs(['events', '-w', '--request-timeout=15s']);
    expect(r.exitCode).toBe(0);
    env.runArgs(['create', 'deployment', 'api', '--image=nginx:1.27']);
    const w = env.runArgs(['events', '--watch', '--request-timeout=15s']);
    expect(w.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(w.stdout).toContain('Started');
  });
});
