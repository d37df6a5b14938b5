import { describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from './testkit.js';

/**
 * `kubectl label ns X pod-security.kubernetes.io/enforce=LEVEL`: the
 * PodSecurity admission plugin checks the pods already in the namespace and
 * answers with warnings (admission.go EvaluatePodsInNamespace), which
 * kubectl prints on stderr; the label is set all the same.
 */
function withPods(): TestEnv {
  const env = testEnv();
  env.run('create namespace shop');
  const pod = (name: string, spec: Record<string, unknown>) => {
    const r = env.sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec });
    if (!r.ok) throw new Error(r.error.message);
  };
  // Three plain pods fail the same restricted checks; one sets a hardened context; one is privileged.
  for (const n of ['web-b', 'web-a', 'web-c']) pod(n, { containers: [{ name: 'c', image: 'nginx' }] });
  pod('hardened', {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  });
  pod('debugger', { hostPID: true, containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] });
  return env;
}

describe('kubectl label namespace with a PodSecurity enforce level', () => {
  it('restricted: one warning for the namespace, one per distinct finding, pods counted and sorted', () => {
    const env = withPods();
    const r = env.run('label ns shop pod-security.kubernetes.io/enforce=restricted');
    expect(r.stdout).toBe('namespace/shop labeled\n');
    expect(r.stderr).toBe(
      'Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"\n' +
        'Warning: debugger: allowPrivilegeEscalation != false, unrestricted capabilities, host namespaces, privileged, runAsNonRoot != true, seccompProfile\n' +
        'Warning: web-a (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n',
    );
    expect(r.exitCode).toBe(0);
    expect(env.sim.store.get('namespaces', '', 'shop')!.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  it('baseline with a version, and --dry-run=server warns without labelling', () => {
    const env = withPods();
    const r = env.run('label ns shop pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=v1.32 --dry-run=server');
    expect(r.stdout).toBe('namespace/shop labeled (server dry run)\n');
    expect(r.stderr).toBe(
      'Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "baseline:v1.32"\nWarning: debugger: host namespaces, privileged\n',
    );
    expect(env.sim.store.get('namespaces', '', 'shop')!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBeUndefined();
  });

  it('no warnings when nothing violates, when the level is relaxed, or when it is unchanged', () => {
    const env = withPods();
    expect(env.run('label ns default pod-security.kubernetes.io/enforce=restricted').stderr).toBe('');
    env.run('label ns shop pod-security.kubernetes.io/enforce=restricted');
    expect(env.run('label ns shop pod-security.kubernetes.io/enforce=baseline --overwrite').stderr).toBe('');
    expect(env.run('label ns shop team=a').stderr).toBe('');
  });

  it('an unknown level or version is refused; kubectl shows only the kind and name', () => {
    const env = withPods();
    const r = env.run('label ns shop pod-security.kubernetes.io/enforce=strict');
    expect(r).toEqual({ stdout: '', stderr: 'The namespaces "shop" is invalid\n', exitCode: 1 });
    const made = env.sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { 'pod-security.kubernetes.io/warn-version': '1.32' } } });
    expect(!made.ok && made.error).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message: 'metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.32": must be "latest" or "v1.x"',
    });
  });
});

describe('kubectl label KEY- for a label the object does not have', () => {
  // Recorded with kubectl v1.32.5 against test/fake-apiserver.ts (scripts/write-sweep.ts).
  it('says so on stdout, once per key and object, before the result line', () => {
    const env = withPods();
    const r = env.run('label pods web-a web-b nope- other- -n shop');
    expect(r.stdout).toBe('label "nope" not found.\nlabel "other" not found.\npod/web-a not labeled\nlabel "nope" not found.\nlabel "other" not found.\npod/web-b not labeled\n');
    expect(env.run('label pod web-a nope- x=y -n shop -o name').stdout).toBe('label "nope" not found.\npod/web-a\n');
  });
  it('is silent with a client dry run, where nothing goes to the server', () => {
    const env = withPods();
    expect(env.run('label pod web-a nope- --dry-run=client -n shop').stdout).toBe('pod/web-a not labeled (dry run)\n');
  });
});
