import { describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from './testkit.js';

/** Each managedFields entry as `manager operation[/subresource]: top-level fields`. */
function managers(env: TestEnv, resource: string, namespace: string, name: string): string[] {
  const obj = env.sim.store.get(resource, namespace, name);
  const entries = (obj?.metadata.managedFields ?? []) as { manager: string; operation: string; subresource?: string; fieldsV1: Record<string, Record<string, unknown>> }[];
  return entries.map((e) => {
    const fields = Object.entries(e.fieldsV1).flatMap(([k, v]) => Object.keys(v).filter((f) => f !== '.').map((f) => `${k.slice(2)}.${f.slice(2)}`));
    return `${e.manager} ${e.operation}${e.subresource ? `/${e.subresource}` : ''}: ${fields.sort().join(',')}`;
  });
}

describe('field managers of kubectl writes', () => {
  it('scale writes replicas through the scale subresource under the user agent name, taking them from their creator', () => {
    const env = testEnv({}, { frozen: true });
    expect(env.run('create deployment web --image=nginx:1.27 --replicas=2').exitCode).toBe(0);
    expect(env.run('scale deploy web --replicas=3').stdout).toBe('deployment.apps/web scaled\n');
    const m = managers(env, 'deployments.apps', 'default', 'web');
    expect(m).toContain('kubectl Update/scale: spec.replicas');
    expect(m.find((e) => e.startsWith('kubectl-create'))).not.toMatch(/spec\.replicas/);
  });

  it('scale --record patches the annotation as a second, plain write', () => {
    const env = testEnv({}, { frozen: true });
    env.run('create deployment web --image=nginx:1.27');
    env.run('scale deploy web --replicas=2 --record');
    expect(managers(env, 'deployments.apps', 'default', 'web')).toEqual(expect.arrayContaining(['kubectl Update/scale: spec.replicas', 'kubectl Update: metadata.annotations']));
  });

  it('cordon and uncordon name no manager; taint, set, annotate and rollout use their own or --field-manager', () => {
    const env = testEnv({}, { frozen: true });
    const node = 'node-1';
    env.sim.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
    env.run(`cordon ${node}`);
    expect(managers(env, 'nodes', '', node)).toContain('kubectl Update: spec.unschedulable');
    env.run(`taint node ${node} dedicated=db:NoSchedule --field-manager=ops`);
    expect(managers(env, 'nodes', '', node)).toContain('ops Update: spec.taints');
    env.run('create deployment web --image=nginx:1.27');
    env.run('set image deploy/web nginx=nginx:1.28');
    env.run('annotate deploy web team=shop');
    env.run('rollout pause deploy/web');
    expect(managers(env, 'deployments.apps', 'default', 'web')).toEqual(
      expect.arrayContaining(['kubectl-set Update: spec.template', 'kubectl-annotate Update: metadata.annotations', 'kubectl-rollout Update: spec.paused']),
    );
  });

  it('create, replace, expose, autoscale and run record kubectl\'s names for them', () => {
    const env = testEnv({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n' }, { frozen: true });
    env.run('create -f cm.yaml');
    expect(managers(env, 'configmaps', 'default', 'settings')).toEqual(['kubectl-create Update: data.mode']);
    env.fs.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: slow\n');
    env.run('replace -f cm.yaml');
    // The creator keeps only the map's own membership (`f:data: {.: {}}`).
    expect(managers(env, 'configmaps', 'default', 'settings')).toEqual(['kubectl-create Update: ', 'kubectl-replace Update: data.mode']);
    env.run('create deployment web --image=nginx:1.27');
    env.run('expose deploy web --port=80');
    expect(managers(env, 'services', 'default', 'web')[0]).toMatch(/^kubectl-expose Update: /);
    env.run('autoscale deploy web --max=3');
    expect(managers(env, 'horizontalpodautoscalers.autoscaling', 'default', 'web')[0]).toMatch(/^kubectl-autoscale Update: /);
    env.run('run tmp --image=busybox:1.36');
    expect(managers(env, 'pods', 'default', 'tmp')[0]).toMatch(/^kubectl-run Update: /);
  });
});
