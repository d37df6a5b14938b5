import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_YAML, stored, testEnv } from './testkit.js';

const web = (over: (s: string) => string = (s) => s) => over(DEPLOYMENT_YAML);
type Dep = { spec: { replicas: number; template: { spec: { containers: { image: string; env?: unknown[] }[] } } }; metadata: { annotations?: Record<string, string>; managedFields?: { manager: string; operation: string }[] } };
const dep = (env: ReturnType<typeof testEnv>) => stored(env, 'deployments.apps', 'default', 'web') as unknown as Dep;

describe('kubectl apply --server-side', () => {
  it('creates, then takes over what client-side apply set when the annotation still matches the object', () => {
    const env = testEnv({ 'web.yaml': web(), 'web5.yaml': web((s) => s.replace('replicas: 2', 'replicas: 5')) });
    expect(env.run('apply -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    expect(env.run('apply -f web5.yaml --server-side')).toEqual({ stdout: 'deployment.apps/web serverside-applied\n', stderr: '', exitCode: 0 });
    const d = dep(env);
    expect(d.spec.replicas).toBe(5);
    // The annotation follows the applied configuration; client-side apply's fields now belong to `kubectl`.
    expect(JSON.parse(d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).spec.replicas).toBe(5);
    expect(d.metadata.managedFields!.map((m) => `${m.manager}/${m.operation}`)).toEqual(['kubectl/Apply', 'kubectl-last-applied/Apply']);
  });

  it('refuses a field another manager changed, names it, and --force-conflicts takes it', () => {
    const env = testEnv({ 'web.yaml': web(), 'img.yaml': web((s) => s.replace('nginx:1.27', 'nginx:1.29')) });
    env.run('apply -f web.yaml');
    env.editor.push((t) => ({ ok: true, text: t.replace('image: nginx:1.27', 'image: nginx:1.28') }));
    env.run('edit deploy web');
    const r = env.run('apply -f img.yaml --server-side');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="web"].image');
    expect(r.stderr).toContain('command with the `--force-conflicts` flag.\n');
    expect(dep(env).spec.template.spec.containers[0].image).toBe('nginx:1.28');
    // Another applier conflicts with everything kubectl's appliers own too, grouped by manager.
    const other = env.run('apply -f img.yaml --server-side --field-manager=mine');
    expect(other.stderr.split('\nPlease review')[0]).toBe(
      'error: Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="web"].image',
    );
    expect(env.run('apply -f img.yaml --server-side --force-conflicts').stdout).toBe('deployment.apps/web serverside-applied\n');
    expect(dep(env).spec.template.spec.containers[0].image).toBe('nginx:1.29');
    const mf = dep(env).metadata.managedFields!.map((m) => `${m.manager}/${m.operation}`);
    expect(mf).not.toContain('kubectl-edit/Update');
  });

  it('removes a field it applied before and no longer applies, but keeps one others set', () => {
    const withEnv = web((s) => s.replace('        ports:', '        env:\n        - name: MODE\n          value: fast\n        ports:'));
    const env = testEnv({ 'a.yaml': withEnv, 'b.yaml': web() });
    env.run('apply -f a.yaml --server-side');
    expect(dep(env).spec.template.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'fast' }]);
    env.run('apply -f b.yaml --server-side');
    expect(dep(env).spec.template.spec.containers[0].env).toBeUndefined();
    env.run('patch deploy web -p {"spec":{"replicas":3}}');
    env.run('apply -f b.yaml --server-side --field-manager=other --force-conflicts');
    expect(dep(env).spec.replicas).toBe(2);
  });

  it('dry-run=server changes nothing', () => {
    const env = testEnv({ 'web.yaml': web() });
    expect(env.run('apply -f web.yaml --server-side --dry-run=server').stdout).toBe('deployment.apps/web serverside-applied (server dry run)\n');
    expect(stored(env, 'deployments.apps', 'default', 'web')).toBeUndefined();
  });
});

describe('kubectl apply --prune', () => {
  const cm = (name: string, label = 'demo') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app: ${label}\ndata:\n  k: ${name}\n`;

  it('deletes objects earlier applies made that the files no longer hold, among those the selector picks', () => {
    const env = testEnv({ 'ab.yaml': `${cm('a')}---\n${cm('b')}---\n${cm('x', 'other')}`, 'a.yaml': cm('a') });
    env.run('apply -f ab.yaml');
    env.run('create configmap c --from-literal=k=c');
    env.run('label cm c app=demo');
    const r = env.run('apply --prune -l app=demo -f a.yaml');
    expect(r.stdout).toBe('configmap/a unchanged\nconfigmap/b pruned\n');
    expect(r.stderr).toMatch(/^W\d{4} [\d:.]+ +12345 prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources/);
    // c was never applied (no annotation) and x does not match: both stay.
    expect(env.run('get cm -o name').stdout).toBe('configmap/a\nconfigmap/c\nconfigmap/kube-root-ca.crt\nconfigmap/x\n');
  });

  it('--dry-run=client only says what it would prune', () => {
    const env = testEnv({ 'ab.yaml': `${cm('a')}---\n${cm('b')}`, 'a.yaml': cm('a') });
    env.run('apply -f ab.yaml');
    expect(env.run('apply --prune --all --prune-allowlist=core/v1/ConfigMap -f a.yaml --dry-run=client')).toEqual({
      stdout: 'configmap/a configured (dry run)\nconfigmap/b pruned (dry run)\n',
      stderr: '',
      exitCode: 0,
    });
    expect(stored(env, 'configmaps', 'default', 'b')).toBeDefined();
  });
});
