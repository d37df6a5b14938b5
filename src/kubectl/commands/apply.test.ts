import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_YAML, stored, testEnv } from './testkit.js';
import { LAST_APPLIED } from './apply.js';

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    expect(env.run('apply -f web.yaml')).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    const obj = stored(env, 'deployments.apps', 'default', 'web')!;
    expect(obj.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}}}\n',
    );
    expect(env.run('apply -f web.yaml')).toEqual({ stdout: 'deployment.apps/web unchanged\n', stderr: '', exitCode: 0 });
    env.fs.write('web.yaml', DEPLOYMENT_YAML.replace('replicas: 2', 'replicas: 3'));
    expect(env.run('apply -f web.yaml')).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 });
    expect((stored(env, 'deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(3);
  });

  it('removes fields dropped from the manifest and keeps fields set by others', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML.replace('  labels:\n    app: web\nspec', '  labels:\n    app: web\n    tier: front\nspec') });
    env.run('apply -f web.yaml');
    // someone else adds an annotation: apply must keep it
    const live = stored(env, 'deployments.apps', 'default', 'web')!;
    const next = structuredClone(live);
    next.metadata.annotations = { ...next.metadata.annotations, team: 'shop' };
    expect(env.sim.api.update(next).ok).toBe(true);
    env.fs.write('web.yaml', DEPLOYMENT_YAML);
    expect(env.run('apply -f web.yaml').stdout).toBe('deployment.apps/web configured\n');
    const after = stored(env, 'deployments.apps', 'default', 'web')!;
    expect(after.metadata.labels).toEqual({ app: 'web' });
    expect(after.metadata.annotations?.team).toBe('shop');
  });

  it('refuses a namespace that differs from -n', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML.replace('  name: web\n', '  name: web\n  namespace: a\n') });
    expect(env.run('apply -f web.yaml -n b')).toEqual({
      stdout: '',
      stderr: `error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.\n`,
      exitCode: 1,
    });
  });

  it('applies the objects before a YAML error and reports it with its line', () => {
    const env = testEnv({
      'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b: c\n',
    });
    expect(env.run('apply -f x.yaml')).toEqual({
      stdout: 'configmap/a created\n',
      stderr: 'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n',
      exitCode: 1,
    });
    expect(stored(env, 'configmaps', 'default', 'a')).toBeDefined();
  });

  it('reports a missing file and unknown kinds', () => {
    const env = testEnv({ 'x.yaml': 'apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n' });
    expect(env.run('apply -f nope.yaml')).toEqual({ stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
    expect(env.run('apply -f x.yaml')).toEqual({
      stdout: '',
      stderr:
        'error: resource mapping not found for name: "web" namespace: "" from "x.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first\n',
      exitCode: 1,
    });
    // No usage pointer: recorded from kubectl v1.32.4 (goldens/apply-no-file).
    expect(env.run('apply')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
  });

  it('reads a directory in name order and stdin', () => {
    const env = testEnv({
      'd/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
      'd/a.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}',
      'd/notes.txt': 'ignored',
    });
    expect(env.run('apply -f d').stdout).toBe('configmap/a created\nconfigmap/b created\n');
    expect(env.run('apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n').stdout).toBe('configmap/c created\n');
  });

  it('does not touch the cluster with --dry-run=client', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    expect(env.run('apply -f web.yaml --dry-run=client').stdout).toBe('deployment.apps/web created (dry run)\n');
    expect(stored(env, 'deployments.apps', 'default', 'web')).toBeUndefined();
    expect(env.run('apply -f web.yaml --dry-run=bogus').stderr).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
  });

  it('warns when the live object lacks the last-applied annotation', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('create -f web.yaml');
    const r = env.run('apply -f web.yaml');
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    expect(r.stderr).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
  });
});

describe('kubectl apply errors', () => {
  it('wraps a rejected patch with the patch and the object, as kubectl does', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    env.fs.write('web.yaml', DEPLOYMENT_YAML.replace('replicas: 2', 'replicas: "two"'));
    const r = env.run('apply -f web.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith('Error from server (BadRequest): error when applying patch:\n{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":')).toBe(true);
    expect(r.stderr).toContain(
      '"spec":{"replicas":"two"}}\nto:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "web", Namespace: "default"\nfor: "web.yaml": ',
    );
  });

  it('reports an invalid object with the Invalid layout and changes nothing', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    const before = stored(env, 'deployments.apps', 'default', 'web');
    env.fs.write('web.yaml', DEPLOYMENT_YAML.replace('replicas: 2', 'replicas: -1'));
    expect(env.run('apply -f web.yaml')).toEqual({
      stdout: '',
      stderr: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      exitCode: 1,
    });
    expect(stored(env, 'deployments.apps', 'default', 'web')).toBe(before);
  });
});

describe('kubectl create -f', () => {
  it('creates, then fails with AlreadyExists naming the file', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    expect(env.run('create -f web.yaml')).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    expect(env.run('create -f web.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web" already exists\n',
      exitCode: 1,
    });
  });

  it('checks its arguments', () => {
    const env = testEnv();
    expect(env.run('create')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
    expect(env.run('create foo')).toEqual({ stdout: '', stderr: "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n", exitCode: 1 });
    expect(env.run('create -f -', '')).toEqual({ stdout: '', stderr: 'error: no objects passed to create\n', exitCode: 1 });
  });
});

describe('kubectl delete', () => {
  it('deletes by name and reports missing objects', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('create -f web.yaml');
    expect(env.run('delete deploy web')).toEqual({ stdout: 'deployment.apps "web" deleted\n', stderr: '', exitCode: 0 });
    expect(stored(env, 'deployments.apps', 'default', 'web')).toBeUndefined();
    expect(env.run('delete deploy/web')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 });
    expect(env.run('delete deploy/web --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('deletes from a file and by selector', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('create -f web.yaml');
    expect(env.run('delete -f web.yaml').stdout).toBe('deployment.apps "web" deleted\n');
    expect(env.run('delete -f web.yaml').stderr).toBe('Error from server (NotFound): error when deleting "web.yaml": deployments.apps "web" not found\n');
    env.run('create -f web.yaml');
    expect(env.run('delete deploy -l app=other')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    expect(env.run('delete deploy -l app=web').stdout).toBe('deployment.apps "web" deleted\n');
  });

  it('warns on --force with --grace-period=0 and says force deleted', () => {
    const env = testEnv();
    env.sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } });
    expect(env.run('delete cm c --force --grace-period=0')).toEqual({
      stdout: 'configmap "c" force deleted\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    });
  });

  it('needs a resource', () => {
    const env = testEnv();
    expect(env.run('delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(env.run('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});
