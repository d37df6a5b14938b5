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
    expect(r.stdout).toMatch(/\n-  generation: 1\n\+  generation: 2\n/);
    expect(r.stdout).not.toContain('managedFields');
    expect(r.stdout).not.toMatch(/^[-+]  resourceVersion/m);
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

  it('is reproducible for the same seed and script', () => {
    const a = testEnv({ 'web.yaml': deploy(1) }).run('diff -f web.yaml').stdout;
    const b = testEnv({ 'web.yaml': deploy(1) }).run('diff -f web.yaml').stdout;
    expect(a).toBe(b);
  });

  it('needs -f', () => {
    const env = testEnv();
    expect(env.run('diff').stderr).toBe("error: must specify one of -f and -k\nSee 'kubectl diff -h' for help and examples\n");
  });
});
