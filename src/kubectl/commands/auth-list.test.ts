import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

const dir = join(import.meta.dirname, 'testdata', 'can-i-list');
const golden = (f: string) => readFileSync(join(dir, f), 'utf8');

/** bob's roles: names, two groups in one rule, a subresource, verbs merged across roles. */
export function bobEnv() {
  const env = testEnv();
  env.sim.advanceBy(5000);
  env.fs.write(
    'roles.yaml',
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: named, namespace: default}
rules:
- {apiGroups: ["", apps], resources: [pods, deployments], resourceNames: [a], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: logs, namespace: default}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deleter}
rules:
- {apiGroups: [""], resources: [pods], verbs: [delete]}
- {nonResourceURLs: [/metrics], verbs: [get]}
`,
  );
  expect(env.run('apply -f roles.yaml').exitCode).toBe(0);
  env.run('create rolebinding named --role=named --user=bob');
  env.run('create rolebinding logs --role=logs --user=bob');
  env.run('create clusterrolebinding deleter --clusterrole=deleter --user=bob');
  return env;
}

describe('kubectl auth can-i --list', () => {
  // status.json is the SelfSubjectRulesReview status the simulation's RBAC gives bob;
  // stdout was printed by kubectl v1.32.4 for that status, served by a stub API server.
  it('prints the rules broken down, compacted and sorted as kubectl does', () => {
    const env = bobEnv();
    const r = env.run('auth can-i --list --as=bob');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(golden('stdout'));
    expect(env.run('auth can-i --list --as=bob --no-headers').stdout).toBe(golden('stdout-no-headers'));
  });

  it('shows only the cluster-wide rules in a namespace without bindings, and everything for the admin', () => {
    const env = bobEnv();
    const r = env.run('auth can-i --list --as=bob -n kube-system').stdout;
    expect(r).toContain('pods                                            []                  []               [delete]\n');
    expect(r).not.toContain('[get list]');
    const admin = env.run('auth can-i --list').stdout.split('\n');
    expect(admin[1]).toBe('*.*                                             []                  []               [*]');
    expect(admin[2]).toBe('                                                [*]                 []               [*]');
  });

  it("rejects kubectl's invalid combinations (recorded from kubectl v1.32.4)", () => {
    const env = testEnv();
    const bad = "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n";
    expect(env.run('auth can-i --list -q')).toEqual({ stdout: '', stderr: bad, exitCode: 1 });
    expect(env.run('auth can-i --list -A').stderr).toBe(bad);
    expect(env.run('auth can-i --list --subresource=log').stderr).toBe(bad);
    expect(env.run('auth can-i --list get pods')).toEqual({ stdout: '', stderr: 'error: list option must be specified with no arguments\n', exitCode: 1 });
  });
});
