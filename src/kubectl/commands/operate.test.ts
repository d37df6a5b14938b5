import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_YAML, stored, testEnv } from './testkit.js';

describe('kubectl run', () => {
  it('creates a pod, or prints it with --dry-run=client', () => {
    const env = testEnv({}, { frozen: true });
    expect(env.run('run x --image=nginx --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: x\n  name: x\nspec:\n  containers:\n  - image: nginx\n    name: x\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(env.run('run x --image=nginx --port=80 --expose')).toEqual({ stdout: 'service/x created\npod/x created\n', stderr: '', exitCode: 0 });
    expect(stored(env, 'services', 'default', 'x')?.spec).toMatchObject({ selector: { run: 'x' }, ports: [{ port: 80, targetPort: 80 }] });
    expect(stored(env, 'services', 'default', 'x')?.metadata.labels).toBeUndefined();
    // kubectl v1.32.5 (scripts/write-sweep.ts): with --labels the service carries them too, and
    // the pod is created before the service, so a pod the server refuses leaves no service behind.
    env.run('run y --image=nginx --port=80 --expose --labels=app=y,tier=x');
    expect(stored(env, 'services', 'default', 'y')?.metadata.labels).toEqual({ app: 'y', tier: 'x' });
    expect(env.run('run x --image=nginx --port=81 --expose').stderr).toBe('Error from server (AlreadyExists): pods "x" already exists\n');
    expect(env.run('run z --image=nginx --port=80 --expose --overrides={"spec":{"containers":[{"name":"z","image":""}]}}').exitCode).toBe(1);
    expect(stored(env, 'services', 'default', 'z')).toBeUndefined();
  });

  it('checks its flags', () => {
    const env = testEnv({}, { frozen: true });
    expect(env.run('run x --image=nginx --expose').stderr).toBe("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
    expect(env.run('run x --image=nginx -it --dry-run=client').stderr).toBe(
      "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n",
    );
    expect(env.run('run x --image=nginx --rm').stderr).toBe("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
    // kubectl v1.32.5: `kubectl run x` → `error: required flag(s) "image" not set`, exit 1.
    expect(env.run('run x')).toMatchObject({ stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(env.run('create cronjob x').stderr).toBe('error: required flag(s) "image", "schedule" not set\n');
  });

  it('runs a one-shot pod attached and removes it', () => {
    const env = testEnv();
    const r = env.runArgs(['run', 'once', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'sh', '-c', 'echo hi; exit 2']);
    // Attached while it ran: attach.go's prompt hint comes first (with -i alone too, unless --quiet).
    expect(r).toEqual({ stdout: 'hi\npod "once" deleted\n', stderr: "If you don't see a command prompt, try pressing enter.\npod default/once terminated (Error)\n", exitCode: 2 });
    const quiet = env.runArgs(['run', 'twice', '--image=busybox', '--rm', '-i', '-q', '--restart=Never', '--', 'sh', '-c', 'echo hi']);
    expect(quiet).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
  });
});

describe('kubectl expose', () => {
  it('exposes a Deployment with its selector and labels', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    expect(env.run('expose deploy web --port=80 --target-port=8080 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
    );
    expect(env.run('expose deploy web')).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 });
    expect(stored(env, 'services', 'default', 'web')?.spec).toMatchObject({ ports: [{ port: 80, targetPort: 80 }], selector: { app: 'web' } });
  });

  // kubectl v1.32.5 against test/fake-apiserver.ts (scripts/write-sweep.ts --snapshot).
  it('refuses a Deployment whose selector is not plain labels, in kubectl\'s words', () => {
    const env = testEnv({}, { frozen: true });
    const dep = (name: string, selector: unknown) =>
      env.sim.api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { selector, template: { metadata: { labels: { app: 'a', tier: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } } });
    dep('only-exprs', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] });
    dep('both', { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }, { key: 'canary', operator: 'DoesNotExist' }] });
    const prefix = "error: couldn't retrieve selectors via --selector flag or introspection: ";
    expect(env.run('expose deploy only-exprs').stderr).toBe(`${prefix}invalid deployment: no selectors, therefore cannot be exposed\n`);
    expect(env.run('expose deploy both').stderr).toBe(`${prefix}couldn't convert expressions - "[{Key:tier Operator:In Values:[x y]} {Key:canary Operator:DoesNotExist Values:[]}]" to map-based selector format\n`);
  });
});

describe('kubectl cordon, drain, taint', () => {
  it('cordons and uncordons', () => {
    const env = testEnv();
    expect(env.run('cordon node01').stdout).toBe('node/node01 cordoned\n');
    expect(env.run('cordon node01').stdout).toBe('node/node01 already cordoned\n');
    expect((stored(env, 'nodes', '', 'node01')!.spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    expect(env.run('uncordon node01').stdout).toBe('node/node01 uncordoned\n');
    expect(env.run('cordon nope').stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('refuses DaemonSet pods without --ignore-daemonsets, then drains', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('apply -f web.yaml');
    env.sim.advanceBy(60_000);
    const refused = env.run('drain node01');
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('node/node01 cordoned\n');
    expect(refused.stderr).toMatch(
      /^error: unable to drain node "node01" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/\S+, kube-system\/\S+, continuing command\.\.\.\nThere are pending nodes to be drained:\n node01\ncannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/\S+, kube-system\/\S+\n$/,
    );
    const r = env.run('drain node01 --ignore-daemonsets');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^node\/node01 already cordoned\n(evicting pod default\/web-\S+\n)+(pod\/web-\S+ evicted\n)+node\/node01 drained\n$/);
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/\S+, kube-system\/\S+\n$/);
    const onNode = env.sim.store.list('pods', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node01');
    expect(onNode).toEqual([]);
  });

  it('adds and removes taints', () => {
    const env = testEnv({}, { frozen: true });
    env.sim.load('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} });
    expect(env.run('taint nodes n1 dedicated=gpu:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(env.run('taint nodes n1 dedicated=gpu:NoSchedule').stderr).toBe('error: Node n1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n');
    expect((stored(env, 'nodes', '', 'n1')!.spec as { taints: unknown[] }).taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(env.run('taint nodes n1 dedicated:NoSchedule-').stdout).toBe('node/n1 untainted\n');
    expect(env.run('taint nodes n1 dedicated-').stderr).toBe('error: taint "dedicated" not found\n');
    expect(env.run('taint nodes n1 dedicated=gpu:Foo').stderr).toBe("error: invalid taint effect: Foo, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  });

  // Recorded with kubectl v1.32.5 against test/fake-apiserver.ts (scripts/write-sweep.ts):
  // reorganizeTaints puts the new taints first and stamps no timeAdded.
  it('puts new taints before the old ones and says what kubectl says about each change', () => {
    const env = testEnv({}, { frozen: true });
    env.sim.load('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
    const taints = () => (stored(env, 'nodes', '', 'n1')!.spec as { taints?: { key: string; effect: string }[] }).taints?.map((t) => `${t.key}:${t.effect}`);
    expect(env.run('taint nodes n1 dedicated=db:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(taints()).toEqual(['dedicated:NoSchedule', 'node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(env.run('taint nodes n1 node-role.kubernetes.io/control-plane:NoSchedule- a=b:NoSchedule').stdout).toBe('node/n1 modified\n');
    expect(taints()).toEqual(['a:NoSchedule', 'dedicated:NoSchedule']);
    expect(env.run('taint nodes n1 dedicated=x:NoSchedule --overwrite').stdout).toBe('node/n1 modified\n');
    expect(taints()).toEqual(['dedicated:NoSchedule', 'a:NoSchedule']);
    env.run('taint nodes n1 x=y:NoExecute');
    expect((stored(env, 'nodes', '', 'n1')!.spec as { taints: Record<string, string>[] }).taints[0]).toEqual({ key: 'x', value: 'y', effect: 'NoExecute' });
  });
});

describe('kubectl auth can-i', () => {
  it('answers for the admin and for service accounts through RBAC', () => {
    const env = testEnv({}, { frozen: true });
    expect(env.run('auth can-i list pods')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 });
    expect(env.run('auth can-i list pods --as=system:serviceaccount:default:app')).toEqual({ stdout: 'no\n', stderr: '', exitCode: 1 });
    env.run('create role pod-reader --verb=get,list --resource=pods');
    env.run('create rolebinding rb --role=pod-reader --serviceaccount=default:app');
    expect(env.run('auth can-i list pods --as=system:serviceaccount:default:app').stdout).toBe('yes\n');
    expect(env.run('auth can-i delete pods --as=system:serviceaccount:default:app').stdout).toBe('no\n');
  });
});

describe('kubectl wait, autoscale, replace', () => {
  it('waits for deletion and for conditions', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('apply -f web.yaml');
    expect(env.run('wait --for=condition=Available deploy/web --timeout=120s')).toEqual({ stdout: 'deployment.apps/web condition met\n', stderr: '', exitCode: 0 });
    expect(env.run('wait --for=condition=Nope deploy/web --timeout=5s')).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on deployments.apps/web\n',
      exitCode: 1,
    });
  });

  it('creates an HPA', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('create -f web.yaml');
    expect(env.run('autoscale deploy web --min=2 --max=5 --cpu-percent=80').stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(stored(env, 'horizontalpodautoscalers.autoscaling', 'default', 'web')?.spec).toMatchObject({ maxReplicas: 5, minReplicas: 2 });
  });

  it('replaces from a file', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    expect(env.run('replace -f web.yaml').stderr).toBe('Error from server (NotFound): error when replacing "web.yaml": deployments.apps "web" not found\n');
    env.run('create -f web.yaml');
    env.fs.write('web.yaml', DEPLOYMENT_YAML.replace('replicas: 2', 'replicas: 4'));
    expect(env.run('replace -f web.yaml').stdout).toBe('deployment.apps/web replaced\n');
    expect((stored(env, 'deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(4);
  });
});
