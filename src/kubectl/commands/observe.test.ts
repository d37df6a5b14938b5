import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_YAML, stored, testEnv, type TestEnv } from './testkit.js';

const MULTI = `apiVersion: v1
kind: Pod
metadata:
  name: multi
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; sleep 3600"]
  - name: sidecar
    image: nginx:1.27
`;

/** The sandbox with the web Deployment and a two-container pod, two minutes in. */
function running(): TestEnv {
  const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML, 'multi.yaml': MULTI });
  env.run('apply -f web.yaml');
  env.run('apply -f multi.yaml');
  env.sim.advanceBy(120_000);
  return env;
}

describe('kubectl logs', () => {
  it('defaults to the first container with kubectl notice', () => {
    const env = running();
    expect(env.run('logs multi')).toEqual({ stdout: 'hello\n', stderr: 'Defaulted container "app" out of: app, sidecar\n', exitCode: 0 });
    expect(env.run('logs multi -c app')).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
    expect(env.run('logs multi app')).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
  });

  it('reports missing pods, containers and previous instances as kubectl does', () => {
    const env = running();
    expect(env.run('logs nope')).toEqual({ stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', exitCode: 1 });
    expect(env.run('logs multi -c nope')).toEqual({ stdout: '', stderr: 'error: container nope is not valid for pod multi\n', exitCode: 1 });
    expect(env.run('logs multi -c app --previous')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): previous terminated container "app" in pod "multi" not found\n',
      exitCode: 1,
    });
    expect(env.run('logs')).toEqual({
      stdout: '',
      stderr:
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      exitCode: 1,
    });
  });

  it('picks one pod of a Deployment and says which', () => {
    const env = running();
    const r = env.run('logs deploy/web --tail=1');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stdout.split('\n')).toHaveLength(2);
  });

  it('applies --tail, --timestamps and --prefix', () => {
    const env = running();
    expect(env.run('logs multi -c app --timestamps').stdout).toMatch(/^2026-01-15T09:00:\d\d(\.\d+)?Z hello\n$/);
    expect(env.run('logs multi -c app --prefix').stdout).toBe('[pod/multi/app] hello\n');
    expect(env.run('logs multi -c app --tail=0').stdout).toBe('');
  });
});

describe('kubectl exec', () => {
  it('runs a command and passes its exit code through', () => {
    const env = running();
    expect(env.run('exec multi -c app -- cat /etc/hostname')).toEqual({ stdout: 'multi\n', stderr: '', exitCode: 0 });
    expect(env.runArgs(['exec', 'multi', '-c', 'app', '--', 'sh', '-c', 'exit 3'])).toEqual({
      stdout: '',
      stderr: 'command terminated with exit code 3\n',
      exitCode: 3,
    });
  });

  it('prints the container notice and the deprecated-form warning', () => {
    const env = running();
    expect(env.run('exec multi -- cat /etc/hostname').stderr).toBe('Defaulted container "app" out of: app, sidecar\n');
    expect(env.run('exec multi -c app cat /etc/hostname').stderr).toBe(
      'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n',
    );
  });

  it('refuses missing commands, containers, and pods that do not run', () => {
    const env = running();
    expect(env.run('exec multi').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(env.run('exec multi -c nope -- ls').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod multi\n');
    env.sim.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pending', namespace: 'default' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeSelector: { disk: 'none' } },
    });
    env.sim.advanceBy(1000);
    expect(env.run('exec pending -- ls')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("web")\n', exitCode: 1 });
  });

  it('refuses completed pods', () => {
    const env = testEnv({}, { frozen: true });
    env.sim.load('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'done', namespace: 'default' },
      spec: { containers: [{ name: 'job', image: 'busybox' }] },
      status: { phase: 'Succeeded' },
    });
    expect(env.run('exec done -- ls')).toEqual({ stdout: '', stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', exitCode: 1 });
  });
});

describe('kubectl top', () => {
  it('prints pod and node usage with kubectl columns', () => {
    const env = running();
    const pods = env.run('top pod');
    expect(pods.exitCode).toBe(0);
    expect(pods.stdout.split('\n')[0]).toBe('NAME                   CPU(cores)   MEMORY(bytes)   ');
    expect(pods.stdout).toMatch(/\nmulti +\d+m +\d+Mi +\n/);
    const nodes = env.run('top node');
    expect(nodes.stdout.split('\n')[0]).toBe('NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    const containers = env.run('top pod multi --containers');
    expect(containers.stdout.split('\n')[0]).toBe('POD     NAME      CPU(cores)   MEMORY(bytes)   ');
  });

  it('says when metrics are not there yet', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    env.run('apply -f web.yaml');
    expect(env.run('top pod')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    expect(env.run('top pod nope').stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n');
    expect(env.run('top pod -n empty')).toEqual({ stdout: '', stderr: 'No resources found in empty namespace.\n', exitCode: 0 });
  });
});

describe('kubectl config, version, cluster-info', () => {
  it('changes the namespace of the current context', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    expect(env.run('config current-context').stdout).toBe('kubernetes-admin@kubernetes\n');
    env.sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    expect(env.run('config set-context --current --namespace=shop')).toEqual({ stdout: 'Context "kubernetes-admin@kubernetes" modified.\n', stderr: '', exitCode: 0 });
    expect(env.run('apply -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    expect(stored(env, 'deployments.apps', 'shop', 'web')).toBeDefined();
    expect(env.run('config view').stdout).toContain('    namespace: shop\n');
    expect(env.run('config use-context other').stderr).toBe('error: no context exists with the name: "other"\n');
  });

  it('prints the versions', () => {
    const env = testEnv({}, { frozen: true });
    expect(env.run('version').stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
    expect(env.run('version --client').stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
  });

  it('prints the control plane and CoreDNS addresses', () => {
    const env = testEnv();
    const out = env.run('cluster-info').stdout;
    expect(out).toContain('\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://');
    expect(out).toContain('/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy');
    expect(out.endsWith("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")).toBe(true);
  });
});

describe('kubectl edit', () => {
  const HEADER =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

  it('saves an edit', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    env.editor.push((t) => ({ ok: true, text: t.replace('replicas: 2', 'replicas: 5') }));
    expect(env.run('edit deploy/web')).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(env.edited[0].startsWith(HEADER + 'apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect((stored(env, 'deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(5);
  });

  it('cancels when nothing changed', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    expect(env.run('edit deploy/web')).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
  });

  it('re-opens an invalid edit with the errors, and gives up when it comes back unchanged', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    const before = stored(env, 'deployments.apps', 'default', 'web')!;
    env.editor.push((t) => ({ ok: true, text: t.replace('replicas: 2', 'replicas: -1') }));
    env.editor.push((t) => ({ ok: true, text: t }));
    const r = env.run('edit deploy/web');
    expect(env.edited[1].startsWith(
      HEADER + '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n',
    )).toBe(true);
    expect(r.exitCode).toBe(1);
    // Each refused round prints its error at once (editResults.addError), before the file is reopened.
    expect(r.stderr).toMatch(/^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    expect(stored(env, 'deployments.apps', 'default', 'web')).toBe(before);
  });

  it('accepts a fix on the second round', () => {
    const env = testEnv({ 'web.yaml': DEPLOYMENT_YAML }, { frozen: true });
    env.run('apply -f web.yaml');
    env.editor.push((t) => ({ ok: true, text: t.replace('replicas: 2', 'replicas: -1') }));
    env.editor.push((t) => ({ ok: true, text: t.replace('replicas: -1', 'replicas: 4') }));
    expect(env.run('edit deploy/web')).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: 'error: deployments.apps "web" is invalid\n', exitCode: 0 });
    expect((stored(env, 'deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(4);
  });
});
