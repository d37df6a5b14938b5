import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: missing
`;

describe('get/describe -f', () => {
  it('gets the objects a manifest names, NotFound for the others', () => {
    const env = testEnv({ 'cm.yaml': manifest });
    env.runArgs(['create', 'configmap', 'settings', '--from-literal=a=1']);
    const r = env.runArgs(['get', '-f', 'cm.yaml']);
    expect(r.stdout).toMatch(/^NAME\s+DATA\s+AGE\nsettings\s+1\s+\S+\n$/);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "missing" not found\n');
    expect(r.exitCode).toBe(1);
    const d = env.runArgs(['describe', '-f', 'cm.yaml']);
    expect(d.stdout.startsWith('Name:         settings\n')).toBe(true);
  });

  it('refuses resource arguments with -f', () => {
    const env = testEnv({ 'cm.yaml': manifest });
    expect(env.runArgs(['get', 'pods', '-f', 'cm.yaml']).stderr).toBe('error: when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well\n');
  });
});

describe('field selectors', () => {
  it('refuses fields the kind cannot be selected on, as the API server does', () => {
    const env = testEnv();
    expect(env.runArgs(['get', 'pods', '--field-selector', 'spec.foo=x'])).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo\n',
      exitCode: 1,
    });
    expect(env.runArgs(['get', 'deploy', '--field-selector', 'status.replicas=1']).stderr).toContain('"apps/v1, Resource=deployments"');
    expect(env.runArgs(['get', 'nodes', '--field-selector', 'spec.unschedulable=false', '-o', 'name']).stdout).toBe('node/controlplane\nnode/node01\nnode/node02\n');
  });
});

describe('get --raw', () => {
  it('answers health endpoints and object paths', () => {
    const env = testEnv();
    expect(env.runArgs(['get', '--raw', '/readyz'])).toEqual({ stdout: 'ok', stderr: '', exitCode: 0 });
    expect(env.runArgs(['get', '--raw=/nope'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', exitCode: 1 });
    expect(JSON.parse(env.runArgs(['get', '--raw', '/api/v1/nodes']).stdout).items.length).toBe(3);
    expect(env.runArgs(['get', '--raw', '/api/v1/namespaces/default/pods/nope']).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
