import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

/** `set selector` and `set serviceaccount` against the simulated server (offline cases are goldens). */
describe('kubectl set selector / serviceaccount on the server', () => {
  function env() {
    const e = testEnv();
    expect(e.run('create deployment web --image=nginx:1.27').exitCode).toBe(0);
    expect(e.run('create service clusterip web --tcp=80:8080').exitCode).toBe(0);
    return e;
  }

  it('replaces a Service selector', () => {
    const e = env();
    expect(e.run('set selector svc web app=api,tier=fe')).toEqual({ stdout: 'service/web selector updated\n', stderr: '', exitCode: 0 });
    expect(e.run('get svc web -o jsonpath={.spec.selector}').stdout).toBe('{"app":"api","tier":"fe"}');
    // Sent again even when nothing changes, as kubectl patches regardless.
    expect(e.run('set selector svc/web app=api,tier=fe').stdout).toBe('service/web selector updated\n');
  });

  it('rejects other kinds and a stale --resource-version', () => {
    const e = env();
    expect(e.run('set selector deploy web app=x')).toEqual({ stdout: '', stderr: 'error: setting a selector is only supported for Services\n', exitCode: 1 });
    const r = e.run('set selector svc web app=x --resource-version=1');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('the object has been modified');
  });

  it('server dry run leaves the selector alone', () => {
    const e = env();
    expect(e.run('set selector svc web app=x --dry-run=server').stdout).toBe('service/web selector updated (server dry run)\n');
    expect(e.run('get svc web -o jsonpath={.spec.selector}').stdout).toBe('{"app":"web"}');
  });

  it('sets a pod template service account', () => {
    const e = env();
    expect(e.run('set sa deploy/web builder')).toEqual({ stdout: 'deployment.apps/web serviceaccount updated\n', stderr: '', exitCode: 0 });
    expect(e.run('get deploy web -o jsonpath={.spec.template.spec.serviceAccountName}').stdout).toBe('builder');
    expect(e.run('set serviceaccount svc web builder')).toEqual({
      stdout: '',
      stderr: 'error: service/web the object is not a pod or does not have a pod template: *v1.Service\n',
      exitCode: 1,
    });
  });
});
