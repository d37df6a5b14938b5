import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/meta.js';
import { DEPLOYMENT_YAML, stored, testEnv, type TestEnv } from './testkit.js';

/** A frozen cluster (no controllers) with a Deployment and the ReplicaSets of its revisions. */
function history(): TestEnv {
  const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
  env.run('create -f web.yaml');
  const d = stored(env, 'deployments.apps', 'default', 'web')!;
  const rs = (rev: number, image: string, hash: string, cause?: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(rev), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': hash } },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
      },
    },
  });
  env.sim.load('replicasets.apps', rs(1, 'nginx:1.26', 'aaa'));
  const current = rs(2, 'nginx:1.27', 'bbb', 'kubectl set image deployment/web web=nginx:1.27 --record=true');
  // the live revision's template is the Deployment's own (defaults included) plus the hash label
  const template = structuredClone((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template);
  template.metadata.labels['pod-template-hash'] = 'bbb';
  (current.spec as Record<string, unknown>).template = template;
  env.sim.load('replicasets.apps', current);
  return env;
}

describe('kubectl rollout history', () => {
  it('lists revisions with their change causes', () => {
    const env = history();
    expect(env.run('rollout history deploy/web')).toEqual({
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web web=nginx:1.27 --record=true\n\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('shows one revision as a pod template', () => {
    const env = history();
    expect(env.run('rollout history deploy/web --revision=1').stdout).toBe(
      'deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=aaa\n  Containers:\n   web:\n    Image:\tnginx:1.26\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
    );
    expect(env.run('rollout history deploy/web --revision=9')).toEqual({ stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
  });

  it('says when there is no history', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    expect(env.run('rollout history deploy/web').stdout).toBe('deployment.apps/web \nNo rollout history found.\n');
    expect(env.run('rollout undo deploy/web')).toEqual({ stdout: '', stderr: 'error: no rollout history found for deployment "web"\n', exitCode: 1 });
  });
});

describe('kubectl rollout undo', () => {
  it('writes the previous revision template back, without the hash label', () => {
    const env = history();
    expect(env.run('rollout undo deploy/web')).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 });
    const d = stored(env, 'deployments.apps', 'default', 'web')!;
    const t = (d.spec as { template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } }).template;
    expect(t.spec.containers[0].image).toBe('nginx:1.26');
    expect(t.metadata.labels).toEqual({ app: 'web' });
  });

  it('skips when the template already matches, and reports unknown revisions', () => {
    const env = history();
    expect(env.run('rollout undo deploy/web --to-revision=2').stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
    expect(env.run('rollout undo deploy/web --to-revision=7').stderr).toBe('error: unable to find specified revision 7 in history\n');
  });
});

describe('kubectl rollout status', () => {
  it('prints the status line kubectl derives from the Deployment status', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    const d = stored(env, 'deployments.apps', 'default', 'web')!;
    const setStatus = (status: Record<string, unknown>) => {
      const next = structuredClone(d) as KubeObject;
      next.status = { observedGeneration: 1, ...status };
      env.sim.store.replace('deployments.apps', next);
    };
    setStatus({ replicas: 2, updatedReplicas: 1 });
    expect(env.run('rollout status deploy/web --watch=false')).toEqual({
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      stderr: '',
      exitCode: 0,
    });
    setStatus({ replicas: 3, updatedReplicas: 2 });
    expect(env.run('rollout status deploy/web --watch=false').stdout).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n');
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 1 });
    expect(env.run('rollout status deploy/web --watch=false').stdout).toBe('Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...\n');
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(env.run('rollout status deploy/web')).toEqual({ stdout: 'deployment "web" successfully rolled out\n', stderr: '', exitCode: 0 });
    setStatus({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(env.run('rollout status deploy/web')).toEqual({ stdout: '', stderr: 'error: deployment "web" exceeded its progress deadline\n', exitCode: 1 });
  });

  it('follows a live rollout until it ends', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('apply -f web.yaml');
    const r = env.run('rollout status deploy/web');
    expect(r.stdout.split('\n')[0]).toMatch(/^Waiting for deployment /);
    expect([0, 1]).toContain(r.exitCode);
  });
});

describe('kubectl rollout restart, pause, resume', () => {
  it('stamps restartedAt with the simulated time and refuses paused deployments', () => {
    const env = history();
    expect(env.run('rollout restart deploy/web').stdout).toBe('deployment.apps/web restarted\n');
    const d = stored(env, 'deployments.apps', 'default', 'web')!;
    const ann = (d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations;
    expect(ann['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-15T09:00:00Z');
    expect(env.run('rollout restart deploy/web').stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
    expect(env.run('rollout pause deploy/web').stdout).toBe('deployment.apps/web paused\n');
    // kubectl v1.32.5 against test/fake-apiserver.ts (scripts/write-sweep.ts): an error, like resuming twice.
    expect(env.run('rollout pause deploy/web')).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 });
    expect(env.run('rollout undo deploy/web').stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    // …but only once the revision is found: a missing one is reported first (kubectl v1.32.5).
    expect(env.run('rollout undo deploy/web --to-revision=99').stderr).toBe('error: unable to find specified revision 99 in history\n');
    expect(env.run('rollout resume deploy/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(env.run('rollout resume deploy/web')).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is not paused\n', exitCode: 1 });
  });
});

describe('kubectl scale', () => {
  it('scales and checks --current-replicas', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    expect(env.run('scale deploy/web --replicas=3')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect((stored(env, 'deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(3);
    expect(env.run('scale deploy/web --replicas=1 --current-replicas=2')).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 2, was 3\n', exitCode: 1 });
    expect(env.run('scale deploy/web --replicas=-1').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(env.run('scale deploy/nope --replicas=1').stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
  });
});

describe('kubectl set on the server', () => {
  it('updates images, resources and env, and prints nothing when nothing changes', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    expect(env.run('set image deploy/web web=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n');
    expect(env.run('set image deploy/web web=nginx:1.28')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(env.run('set resources deploy/web --limits=memory=0.5Gi').stdout).toBe('deployment.apps/web resource requirements updated\n');
    expect(env.run('set env deploy/web MODE=prod').stdout).toBe('deployment.apps/web env updated\n');
    const c = (stored(env, 'deployments.apps', 'default', 'web')!.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers[0];
    expect(c.image).toBe('nginx:1.28');
    expect(c.resources).toEqual({ limits: { memory: '512Mi' } });
    expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }]);
    expect(env.run('set env deploy/web --list').stdout).toBe('# Deployment web, container web\nMODE=prod\n');
  });

  // kubectl v1.32.5 against test/fake-apiserver.ts (scripts/write-sweep.ts, scripts/compare-command.ts).
  it('set env lists containers before init containers, only warns when -c matches nothing, and wraps a refused patch', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    env.sim.api.update(
      (() => {
        const d = structuredClone(stored(env, 'deployments.apps', 'default', 'web')!);
        (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.initContainers = [{ name: 'init', image: 'busybox', env: [{ name: 'A', value: '1' }] }];
        return d;
      })(),
    );
    expect(env.run('set env deploy/web --list').stdout).toBe('# Deployment web, container web\n# Deployment web, container init\nA=1\n');
    expect(env.run('set env deploy/web -c nosuch FOO=bar')).toEqual({ stdout: '', stderr: 'Warning: Deployment/web does not have any containers matching "nosuch"\n', exitCode: 0 });
    expect(env.run('set env deploy/web -c nosuch --list')).toEqual({ stdout: '', stderr: 'Warning: Deployment/web does not have any containers matching "nosuch"\n', exitCode: 0 });
    expect(env.run('set resources deploy/web -c web --requests=cpu=2 --limits=cpu=1').stderr).toBe(
      'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n',
    );
  });

  it('takes env from a ConfigMap', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    env.sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'db-host': 'db', PORT: '5432' } });
    expect(env.run('set env deploy/web --from=configmap/cfg').stdout).toBe('deployment.apps/web env updated\n');
    expect(env.run('set env deploy/web --list').stdout).toBe(
      '# Deployment web, container web\n# PORT from configmap cfg, key PORT\n# DB_HOST from configmap cfg, key db-host\n',
    );
  });
});

// Layouts and texts as kubectl v1.32.5 printed them against test/fake-apiserver.ts
// (scripts/differential-sweep.ts and scripts/compare-command.ts).
describe('kubectl rollout history and undo for a DaemonSet (ControllerRevisions)', () => {
  it('lists its revisions, shows one, and rolls back to the previous one', () => {
    const env = testEnv();
    env.sim.advanceBy(5_000);
    const ds = 'daemonset/kube-proxy -n kube-system';
    expect(env.run(`rollout history ${ds}`).stdout).toBe('daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(env.run(`rollout history ${ds} --revision=1`).stdout).toMatch(/^daemonset\.apps\/kube-proxy with revision #1\nPod Template:\n {2}Labels:\tk8s-app=kube-proxy\n/);
    expect(env.run(`rollout history ${ds} --revision=3`).stderr).toBe('error: unable to find the specified revision\n');
    expect(env.run(`rollout undo ${ds}`).stderr).toBe('error: no last revision to roll back to\n');
    expect(env.run(`rollout undo ${ds} --to-revision=1`).stdout).toBe('daemonset.apps/kube-proxy skipped rollback (current template already matches revision 1)\n');
    const image = () => (stored(env, 'daemonsets.apps', 'kube-system', 'kube-proxy')!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
    const before = image();
    env.run(`set image ${ds} kube-proxy=registry.k8s.io/kube-proxy:v9.9.9`);
    env.sim.advanceBy(5_000);
    expect(env.run(`rollout history ${ds}`).stdout).toBe('daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(env.run(`rollout undo ${ds} --dry-run=client`).stdout).toMatch(/^daemonset\.apps\/kube-proxy will roll back to Pod Template:\n[^]*Image:\tregistry\.k8s\.io\/kube-proxy:v1\.32\.4\n[^]* \(dry run\)\n$/);
    expect(image()).toBe('registry.k8s.io/kube-proxy:v9.9.9');
    expect(env.run(`rollout undo ${ds}`).stdout).toBe('daemonset.apps/kube-proxy rolled back\n');
    expect(image()).toBe(before);
  });

  it('a client dry run of a Deployment undo prints the template it would restore', () => {
    const env = history();
    env.run('rollout undo deployment/web --to-revision=2');
    expect(env.run('rollout undo deployment/web --to-revision=1 --dry-run=client').stdout).toMatch(/^deployment\.apps\/web Pod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=aaa\n[^]*Image:\tnginx:1\.26\n[^]*\n \(dry run\)\n$/);
  });
});
