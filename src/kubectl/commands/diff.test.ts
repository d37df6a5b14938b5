import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

const deploy = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: ${image}
`;

describe('kubectl diff', () => {
  it('no differences: nothing printed, exit 0', () => {
    const env = testEnv({ 'web.yaml': deploy(2) });
    expect(env.run('apply -f web.yaml').exitCode).toBe(0);
    env.sim.settle();
    const r = env.run('diff -f web.yaml');
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('a changed field: diff -u between LIVE and MERGED, generation bumped, exit 1', () => {
    const env = testEnv({ 'web.yaml': deploy(2) });
    env.run('apply -f web.yaml');
    env.sim.settle();
    env.fs.write('web.yaml', deploy(3, 'nginx:1.28'));
    const r = env.run('diff -f web.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d{10}\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d{10}\/apps\.v1\.Deployment\.default\.web$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d{10}\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$/);
    expect(lines[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-/);
    expect(r.stdout).toContain('\n-  replicas: 2\n+  replicas: 3\n');
    expect(r.stdout).toContain('-      - image: nginx:1.27\n+      - image: nginx:1.28\n');
    expect(r.stdout).toMatch(/\n- {2}generation: 1\n\+ {2}generation: 2\n/);
    expect(r.stdout).not.toContain('managedFields');
    expect(r.stdout).not.toMatch(/^[-+] {2}resourceVersion/m);
    // A dry run: the live object is unchanged.
    expect(env.run('get deploy web -o jsonpath={.spec.replicas}').stdout).toBe('2');
  });

  it('a new object: the LIVE side is empty (diff -N), every line added', () => {
    const env = testEnv({ 'web.yaml': deploy(1) });
    const r = env.run('diff -f web.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/\t1970-01-01 00:00:00\.000000000 \+0000\n/);
    expect(r.stdout).toMatch(/\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n/);
    expect(env.run('get deploy').stderr).toContain('No resources found');
  });

  it('a directory and stdin: one file per object, in name order; unchanged objects print nothing', () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: ${v}\n`;
    const env = testEnv({ 'app/web.yaml': deploy(1), 'app/cfg.yaml': cm('a') });
    env.run('apply -f app');
    env.sim.settle();
    expect(env.run('diff -f app').exitCode).toBe(0);
    env.fs.write('app/cfg.yaml', cm('b'));
    env.fs.write('app/web.yaml', deploy(2));
    const r = env.run('diff -f app');
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('diff -u -N'));
    expect(heads.map((h) => h.split('/').at(-1))).toEqual(['v1.ConfigMap.default.cfg', 'apps.v1.Deployment.default.web'].sort());
    const one = env.run('diff -f -', cm('c'));
    expect(one.stdout).toContain('-  mode: a\n+  mode: c\n');
    expect(one.exitCode).toBe(1);
  });

  it('is reproducible for the same seed and script', () => {
    const a = testEnv({ 'web.yaml': deploy(1) }).run('diff -f web.yaml').stdout;
    const b = testEnv({ 'web.yaml': deploy(1) }).run('diff -f web.yaml').stdout;
    expect(a).toBe(b);
  });

  it('errors exit 2 (1 means differences found)', () => {
    const env = testEnv();
    expect(env.run('diff')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 2 });
    env.fs.write('bad.yaml', deploy(1).replace('replicas: 1', 'replicas: -1'));
    const r = env.run('diff -f bad.yaml');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('spec.replicas');
  });

  it('masks Secret values, marking changed keys before/after', () => {
    const secret = (pw: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  user: YWRtaW4=\n  password: ${pw}\n`;
    const env = testEnv({ 's.yaml': secret('b2xk') });
    env.run('apply -f s.yaml');
    env.fs.write('s.yaml', secret('bmV3'));
    const r = env.run('diff -f s.yaml');
    expect(r.stdout).toContain('-  password: \'*** (before)\'\n+  password: \'*** (after)\'\n');
    expect(r.stdout).toContain("  user: '***'\n");
    // As with real kubectl, the last-applied annotation still carries the values (only data is masked).
    expect(r.stdout).not.toMatch(/^[-+ ] {2}password: b2xk/m);
    expect(r.stdout).toMatch(/\/v1\.Secret\.default\.db\t/);
  });
});
