import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { kindOf } from '../../kinds/registry.js';
import { Simulation } from '../../simulation.js';
import { kubectlErrorText, type ApiResult } from '../status-errors.js';
import { userInfoFor } from './index.js';

function errorText(r: ApiResult<unknown>): string {
  if (r.ok) throw new Error('expected an error');
  return kubectlErrorText(r.error);
}

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(kubectlErrorText(r.error));
  return r.value;
}

const pod = (name: string, containers: unknown[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers, ...extra },
});

describe('ServiceAccount admission', () => {
  it('refuses pods whose service account does not exist', () => {
    const s = new Simulation({ seed: 1 });
    const r = s.api.create(pod('x', [{ name: 'c', image: 'nginx' }], { serviceAccountName: 'myapp' }));
    expect(errorText(r)).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: error looking up service account default/myapp: serviceaccount "myapp" not found\n',
    );
  });

  it('names generated pods by their generateName prefix', () => {
    const s = new Simulation({ seed: 1 });
    const p = pod('', [{ name: 'c', image: 'nginx' }], { serviceAccountName: 'nope' });
    p.metadata = { generateName: 'web-7d4b9c-' };
    expect(errorText(s.api.create(p))).toContain('pods "web-7d4b9c-" is forbidden: error looking up service account default/nope');
  });

  it('honours automountServiceAccountToken: false', () => {
    const s = new Simulation({ seed: 1 });
    const p = value(s.api.create(pod('x', [{ name: 'c', image: 'nginx' }], { automountServiceAccountToken: false })));
    expect((p.spec as { volumes?: unknown }).volumes).toBeUndefined();
  });
});

describe('LimitRanger', () => {
  function withLimits(s: Simulation, item: Record<string, unknown>): void {
    value(s.api.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'mem-min-max-demo-lr' }, spec: { limits: [{ type: 'Container', ...item }] } }));
  }

  it('maximum memory per container (kubernetes.io docs example)', () => {
    const s = new Simulation({ seed: 1 });
    withLimits(s, { max: { memory: '1Gi' }, min: { memory: '500Mi' } });
    const r = s.api.create(pod('constraints-mem-demo-2', [{ name: 'c', image: 'nginx', resources: { limits: { memory: '1.5Gi' }, requests: { memory: '800Mi' } } }]));
    expect(errorText(r)).toBe(
      'Error from server (Forbidden): pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n',
    );
  });

  it('minimum and several violations aggregate in brackets', () => {
    const s = new Simulation({ seed: 1 });
    withLimits(s, { min: { memory: '500Mi', cpu: '200m' }, max: { cpu: '800m', memory: '1Gi' } });
    const r = s.api.create(pod('p', [{ name: 'c', image: 'nginx', resources: { limits: { memory: '800Mi', cpu: '1' }, requests: { memory: '100Mi', cpu: '100m' } } }]));
    expect(errorText(r)).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: [minimum cpu usage per Container is 200m, but request is 100m, minimum memory usage per Container is 500Mi, but request is 100Mi, maximum cpu usage per Container is 800m, but limit is 1]\n',
    );
  });

  it('fills defaults and records what it set', () => {
    const s = new Simulation({ seed: 1 });
    withLimits(s, { default: { memory: '512Mi', cpu: '500m' }, defaultRequest: { memory: '256Mi', cpu: '250m' } });
    const p = value(s.api.create(pod('p', [{ name: 'nginx', image: 'nginx' }])));
    const c = (p.spec as { containers: { resources: unknown }[] }).containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect(p.metadata.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx' });
  });

  it('limit/request ratio', () => {
    const s = new Simulation({ seed: 1 });
    withLimits(s, { maxLimitRequestRatio: { memory: '2' } });
    const r = s.api.create(pod('p', [{ name: 'c', image: 'nginx', resources: { limits: { memory: '1Gi' }, requests: { memory: '256Mi' } } }]));
    expect(errorText(r)).toBe('Error from server (Forbidden): pods "p" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 4.000000\n');
  });
});

describe('ResourceQuota', () => {
  function quota(s: Simulation, name: string, hard: Record<string, string>): void {
    value(s.api.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } }));
    s.settle();
  }

  it('requires limits for constrained resources', () => {
    const s = new Simulation({ seed: 1 });
    quota(s, 'mem-cpu-demo', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
    const r = s.api.create(pod('quota-mem-cpu-demo', [{ name: 'nginx-ctr', image: 'nginx' }]));
    expect(errorText(r)).toBe(
      'Error from server (Forbidden): pods "quota-mem-cpu-demo" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: nginx-ctr; limits.memory for: nginx-ctr; requests.cpu for: nginx-ctr; requests.memory for: nginx-ctr\n',
    );
  });

  it('refuses what would exceed it, with requested/used/limited', () => {
    const s = new Simulation({ seed: 1 });
    quota(s, 'mem-cpu-demo', { 'requests.memory': '1Gi' });
    value(s.api.create(pod('a', [{ name: 'c', image: 'nginx', resources: { requests: { memory: '600Mi' } } }])));
    const r = s.api.create(pod('b', [{ name: 'c', image: 'nginx', resources: { requests: { memory: '700Mi' } } }]));
    expect(errorText(r)).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
    );
  });

  it('counts objects, and the controller keeps status.used current', () => {
    const s = new Simulation({ seed: 1 });
    quota(s, 'object-counts', { pods: '2' });
    const base = s.store.list('pods', 'default').length;
    expect(base).toBe(0);
    value(s.api.create(pod('a', [{ name: 'c', image: 'nginx' }])));
    value(s.api.create(pod('b', [{ name: 'c', image: 'nginx' }])));
    const r = s.api.create(pod('c', [{ name: 'c', image: 'nginx' }]));
    expect(errorText(r)).toBe('Error from server (Forbidden): pods "c" is forbidden: exceeded quota: object-counts, requested: pods=1, used: pods=2, limited: pods=2\n');
    s.settle();
    const q = s.store.get('resourcequotas', 'default', 'object-counts')!;
    expect(q.status).toEqual({ hard: { pods: '2' }, used: { pods: '2' } });
  });
});

describe('Priority', () => {
  it('takes priority from the PriorityClass', () => {
    const s = new Simulation({ seed: 1 });
    const p = value(s.api.create(pod('p', [{ name: 'c', image: 'nginx' }], { priorityClassName: 'system-cluster-critical' })));
    expect((p.spec as { priority: number }).priority).toBe(2000000000);
    const r = s.api.create(pod('q', [{ name: 'c', image: 'nginx' }], { priorityClassName: 'gold' }));
    expect(errorText(r)).toBe('Error from server (Forbidden): pods "q" is forbidden: no PriorityClass with name gold was found\n');
  });
});

describe('RBAC', () => {
  const podsDef = () => kindOf('v1', 'Pod')!;

  it('refuses a service account without a binding, with the API server text', () => {
    const s = new Simulation({ seed: 1 });
    const sa = userInfoFor('system:serviceaccount:default:myapp');
    expect(errorText(s.api.list(podsDef(), 'default', sa))).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:myapp" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
    expect(errorText(s.api.list(kindOf('v1', 'Node')!, undefined, sa))).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "system:serviceaccount:default:myapp" cannot list resource "nodes" in API group "" at the cluster scope\n',
    );
    expect(errorText(s.api.get(kindOf('apps/v1', 'Deployment')!, 'default', 'web', sa))).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "system:serviceaccount:default:myapp" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
    );
  });

  it('allows what a Role bound to the service account grants', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] }));
    value(
      s.api.create({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'read-pods' },
        roleRef: { kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'myapp', namespace: 'default' }],
      }),
    );
    const sa = userInfoFor('system:serviceaccount:default:myapp');
    expect(s.api.list(podsDef(), 'default', sa).ok).toBe(true);
    expect(s.api.list(podsDef(), 'kube-system', sa).ok).toBe(false);
    expect(errorText(s.api.create(pod('x', [{ name: 'c', image: 'nginx' }]), { user: sa }))).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:myapp" cannot create resource "pods" in API group "" in the namespace "default"\n',
    );
  });

  it('the admin is allowed everything; ClusterRole view via a RoleBinding is namespaced', () => {
    const s = new Simulation({ seed: 1 });
    s.settle();
    expect(s.store.get('clusterroles.rbac.authorization.k8s.io', '', 'view')).toBeDefined();
    value(
      s.api.create({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'jane-view', namespace: 'default' },
        roleRef: { kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', name: 'jane' }],
      }),
    );
    const jane = userInfoFor('jane');
    expect(s.api.list(kindOf('apps/v1', 'Deployment')!, 'default', jane).ok).toBe(true);
    expect(s.api.list(kindOf('v1', 'Secret')!, 'default', jane).ok).toBe(false);
    expect(s.api.list(kindOf('v1', 'Secret')!, 'default', { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }).ok).toBe(true);
  });
});

describe('kubectl error rendering', () => {
  it('JSON patch failures are a bare Invalid', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } }));
    const r = s.api.patch(kindOf('v1', 'ConfigMap')!, 'default', 'cfg', 'json', [{ op: 'test', path: '/data/a', value: '2' }]);
    expect(errorText(r)).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
  });

  it('NotFound, AlreadyExists, unclassified', () => {
    const s = new Simulation({ seed: 1 });
    expect(errorText(s.api.get(kindOf('v1', 'Pod')!, 'default', 'x'))).toBe('Error from server (NotFound): pods "x" not found\n');
    value(s.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }));
    expect(errorText(s.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }))).toBe(
      'Error from server (AlreadyExists): configmaps "cfg" already exists\n',
    );
    value(s.api.create(pod('p', [{ name: 'c', image: 'nginx' }])));
    const r = s.api.patch(kindOf('v1', 'Pod')!, 'default', 'p', 'strategic', { spec: { containers: [{ image: 'nginx:1.27' }] } });
    expect(errorText(r)).toBe('Error from server: map: map[image:nginx:1.27] does not contain declared merge key: name\n');
  });

  it('decode errors: strings in integer fields, bad base64 in Secrets', () => {
    const s = new Simulation({ seed: 1 });
    const d = s.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: '3', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(errorText(d)).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    const sec = s.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'admin' } });
    expect(errorText(sec)).toBe('Error from server (BadRequest): Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n');
  });

  it('system namespaces cannot be deleted', () => {
    const s = new Simulation({ seed: 1 });
    expect(errorText(s.api.delete(kindOf('v1', 'Namespace')!, '', 'kube-system'))).toBe(
      'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n',
    );
  });

  it('PodSecurity restricted refuses a plain pod with the four usual findings', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'secure', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }));
    s.settle();
    const p = pod('naive', [{ name: 'naive', image: 'nginx:1.27' }]);
    p.metadata.namespace = 'secure';
    expect(errorText(s.api.create(p))).toBe(
      'Error from server (Forbidden): pods "naive" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "naive" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "naive" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "naive" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "naive" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n',
    );
    const ok = pod('good', [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }], {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    });
    ok.metadata.namespace = 'secure';
    expect(s.api.create(ok).ok).toBe(true);
  });

  it('PodSecurity baseline refuses privileged and host namespaces', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.32' } } }));
    s.settle();
    const p = pod('x', [{ name: 'a', image: 'nginx', securityContext: { privileged: true } }], { hostNetwork: true });
    p.metadata.namespace = 'b';
    expect(errorText(s.api.create(p))).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: violates PodSecurity "baseline:v1.32": host namespaces (hostNetwork=true), privileged (container "a" must not set securityContext.privileged=true)\n',
    );
  });

  it('PodSecurity warn mode: the request succeeds with a warning, for pods and workloads', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w', labels: { 'pod-security.kubernetes.io/warn': 'baseline' } } }));
    s.settle();
    const p = pod('x', [{ name: 'a', image: 'nginx', securityContext: { privileged: true } }]);
    p.metadata.namespace = 'w';
    const r = s.api.create(p);
    expect(r.ok && r.warnings).toEqual(['would violate PodSecurity "baseline:latest": privileged (container "a" must not set securityContext.privileged=true)']);
    const d = s.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'w' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { hostPID: true, containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(d.ok && d.warnings).toEqual(['would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)']);
  });

  it('strict field validation names the unknown fields', () => {
    const s = new Simulation({ seed: 1 });
    const r = s.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', imagePullpolicy: 'Always', ports: [{ containerport: 80 }] }] } },
      },
    });
    expect(errorText(r)).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullpolicy", unknown field "spec.template.spec.containers[0].ports[0].containerport"\n',
    );
  });

  it('unknown fields in a patch are dropped with a warning', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }));
    const r = s.api.patch(kindOf('v1', 'Service')!, 'default', 'web', 'merge', { spec: { selectr: { app: 'web' } } });
    expect(r.ok && r.warnings).toEqual(['unknown field "spec.selectr"']);
    expect(r.ok && (r.value.spec as Record<string, unknown>).selectr).toBeUndefined();
  });

  it('LimitRange bounds PVC storage requests', () => {
    const s = new Simulation({ seed: 1 });
    value(s.api.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'storagelimits' }, spec: { limits: [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }] } }));
    const r = s.api.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'big' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } });
    expect(errorText(r)).toBe('Error from server (Forbidden): persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi\n');
  });
});
