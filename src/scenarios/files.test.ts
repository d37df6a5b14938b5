import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../kubectl/node-fs.js';
import { Session } from '../training/session.js';
import { loadScenarioText } from './load.js';

const SCENARIO = `apiVersion: kubedojo/v1
kind: Scenario
metadata: { id: files-demo, title: Files, difficulty: easy, category: rollout }
parameters:
  ns: { oneOf: [alpha, beta] }
briefing: Fix web.yaml.
manifests: |
  apiVersion: v1
  kind: Namespace
  metadata: { name: "{{ns}}" }
files:
  web.yaml: |
    apiVersion: v1
    kind: ConfigMap
    metadata: { name: web, namespace: "{{ns}}" }
    data: { a: "1" }
`;

describe('scenario files', () => {
  it("are in the learner's working directory for cat and kubectl -f, with parameters substituted", () => {
    const r = loadScenarioText(SCENARIO, 'f.yaml');
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const started = Session.start({ scenario: r.scenario, seed: 5, fs: memoryFileSystem({ 'other.txt': 'x' }) });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const s = started.session;
    const ns = String(s.scenario.parameters?.ns);
    expect(s.run('cat web.yaml').stdout).toContain(`namespace: "${ns}"`);
    expect(s.run('cat other.txt').stdout).toBe('x');
    expect(s.run('cat missing.yaml')).toEqual({ stdout: '', stderr: 'cat: missing.yaml: No such file or directory\n', exitCode: 1 });
    expect(s.run('kubectl apply -f web.yaml').stdout).toBe('configmap/web created\n');
    expect(s.run(`kubectl -n ${ns} get cm web -o jsonpath={.data.a}`).stdout).toBe('1');
  });

  it('the session shows the instance its seed drew, the same every time', () => {
    const r = loadScenarioText(SCENARIO, 'f.yaml');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const nsOf = (seed: number) => {
      const s = Session.start({ scenario: r.scenario, seed, fs: memoryFileSystem({}) });
      if (!s.ok) throw new Error(s.error);
      return String(s.session.scenario.parameters?.ns);
    };
    expect(nsOf(3)).toBe(nsOf(3));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(nsOf))).toEqual(new Set(['alpha', 'beta']));
  });
});

describe('podEnv', () => {
  it('reads what running processes see: ConfigMap values resolved at start, new values only after a restart', async () => {
    const { evaluateCheck } = await import('./checks.js');
    const r = loadScenarioText(
      `apiVersion: kubedojo/v1
kind: Scenario
metadata: { id: env-demo, title: Env, difficulty: easy, category: config }
briefing: x
manifests: |
  apiVersion: v1
  kind: ConfigMap
  metadata: { name: c }
  data: { MODE: old }
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: w }
  spec:
    replicas: 2
    selector: { matchLabels: { app: w } }
    template:
      metadata: { labels: { app: w } }
      spec:
        containers:
        - name: w
          image: busybox:1.36
          command: ["sh", "-c", "while true; do sleep 3600; done"]
          envFrom: [{ configMapRef: { name: c } }]
startAfter: 1m
`,
      'e.yaml',
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const started = Session.start({ scenario: r.scenario, fs: memoryFileSystem({}) });
    if (!started.ok) throw new Error(started.error);
    const s = started.session;
    const check = (equals: string) => evaluateCheck(s.sim, { podEnv: { selector: 'app=w', name: 'MODE', equals } });
    expect(check('old')).toEqual({ met: true });
    s.run(`kubectl patch cm c -p '{"data":{"MODE":"new"}}'`);
    s.sim.advanceBy(60_000);
    expect(check('new').met).toBe(false);
    expect(check('new').detail).toMatch(/sees MODE=old$/);
    s.run('kubectl rollout restart deploy/w');
    s.sim.advanceBy(120_000);
    expect(check('new')).toEqual({ met: true });
    expect(evaluateCheck(s.sim, { podEnv: { selector: 'app=none', name: 'MODE', equals: 'new' } }).met).toBe(false);
  });
});
