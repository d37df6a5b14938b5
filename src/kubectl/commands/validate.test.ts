import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

const cm = (extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
${extra}`;

const deploy = (replicasField: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  ${replicasField}: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;

describe('--validate: the fieldValidation directive kubectl sends', () => {
  it('strict (the default, and true) refuses unknown fields; warn drops them with a warning; ignore (and false) drops them silently', () => {
    const env = testEnv({ 'bad.yaml': deploy('replica') });
    const strict = 'Error from server (BadRequest): error when creating "bad.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n';
    expect(env.run('create -f bad.yaml').stderr).toBe(strict);
    expect(env.run('create -f bad.yaml --validate=true').stderr).toBe(strict);
    expect(env.run('create -f bad.yaml --validate').stderr).toBe(strict);
    const warn = env.run('create -f bad.yaml --validate=warn');
    expect(warn).toEqual({ stdout: 'deployment.apps/web created\n', stderr: 'Warning: unknown field "spec.replica"\n', exitCode: 0 });
    expect(env.run('get deploy web -o jsonpath={.spec}').stdout).not.toContain('replica"');
    env.run('delete deploy web');
    for (const v of ['ignore', 'false']) {
      const r = env.run(`create -f bad.yaml --validate=${v}`);
      expect(r).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
      env.run('delete deploy web');
    }
  });

  it('applies to apply (create and update) and replace', () => {
    const env = testEnv({ 'cm.yaml': cm(), 'bad.yaml': cm('nope: 1\n') });
    expect(env.run('apply -f bad.yaml').stderr).toBe(
      'Error from server (BadRequest): error when creating "bad.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "nope"\n',
    );
    expect(env.run('apply -f bad.yaml --validate=warn')).toEqual({ stdout: 'configmap/cfg created\n', stderr: 'Warning: unknown field "nope"\n', exitCode: 0 });
    // The manifest still differs from the live object (the dropped field), so the patch is not empty.
    expect(env.run('apply -f bad.yaml --validate=ignore')).toEqual({ stdout: 'configmap/cfg configured\n', stderr: '', exitCode: 0 });
    env.fs.write('bad2.yaml', cm('nope: 2\n').replace('"1"', '"2"'));
    expect(env.run('apply -f bad2.yaml --validate=warn')).toEqual({ stdout: 'configmap/cfg configured\n', stderr: 'Warning: unknown field "nope"\n', exitCode: 0 });
    expect(env.run('apply -f bad2.yaml').exitCode).toBe(1);
    expect(env.run('replace -f bad.yaml').stderr).toBe(
      'Error from server (BadRequest): error when replacing "bad.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "nope"\n',
    );
    expect(env.run('replace -f bad.yaml --validate=warn')).toEqual({ stdout: 'configmap/cfg replaced\n', stderr: 'Warning: unknown field "nope"\n', exitCode: 0 });
    expect(env.run('replace -f bad.yaml --validate=false')).toEqual({ stdout: 'configmap/cfg replaced\n', stderr: '', exitCode: 0 });
    expect(env.run('get cm cfg -o jsonpath={.data.a}').stdout).toBe('1');
  });

  // Recorded from kubectl v1.32.4 (these fail before any request).
  it("rejects other values, after --dry-run's check and before -o's", () => {
    const env = testEnv({ 'cm.yaml': cm() });
    const bad = (v: string) => `error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)\n`;
    for (const verb of ['create', 'apply', 'replace']) {
      expect(env.run(`${verb} -f cm.yaml --validate=foo`)).toEqual({ stdout: '', stderr: bad('foo'), exitCode: 1 });
      expect(env.run(`${verb} -f cm.yaml --validate=foo -o bad`).stderr).toBe(bad('foo'));
      expect(env.run(`${verb} -f cm.yaml --validate=foo --dry-run=bad`).stderr).toBe('error: Invalid dry-run value (bad). Must be "none", "server", or "client".\n');
    }
    expect(env.run('create -f cm.yaml --validate=Warn').stderr).toBe(bad('Warn'));
    expect(env.run('create -f cm.yaml --validate=TRUE --dry-run=client').stdout).toBe('configmap/cfg created (dry run)\n');
  });
});

describe('the API server\'s fieldValidation option', () => {
  it('defaults to Strict for creates and Warn for updates; a directive overrides both', () => {
    const env = testEnv();
    const api = env.sim.api;
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { a: '1' }, extra: true };
    expect(api.create(obj).ok).toBe(false);
    const created = api.create(obj, { fieldValidation: 'Ignore' });
    expect(created.ok && created.warnings).toBe(undefined);
    expect(env.sim.store.get('configmaps', 'default', 'x')).not.toHaveProperty('extra');
    const warned = api.update({ ...obj, data: { a: '2' } });
    expect(warned.ok && warned.warnings).toEqual(['unknown field "extra"']);
    const strict = api.update({ ...obj, data: { a: '3' } }, { fieldValidation: 'Strict' });
    expect(!strict.ok && strict.error.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "extra"');
    const ignored = api.update({ ...obj, data: { a: '4' } }, { fieldValidation: 'Ignore' });
    expect(ignored.ok && ignored.warnings).toBe(undefined);
  });
});
