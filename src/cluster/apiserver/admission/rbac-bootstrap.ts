import { rfc3339, type KubeObject } from '../../api/meta.js';
import type { Controller, Simulation } from '../../simulation.js';

/**
 * The API server's bootstrap RBAC policy (the `rbac/bootstrap-roles`
 * post-start hook): the user-facing ClusterRoles (cluster-admin, admin,
 * edit, view), the discovery roles every authenticated user has, and the
 * bindings kubeadm adds. Written once, when the cluster's namespaces exist,
 * with the timestamp of kube-system.
 *
 * @see kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ClusterRoles
 */
const GROUP = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const VIEW_CORE = ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'];
const VIEW_CORE_EXTRA = ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'];
const APPS = ['controllerrevisions', 'daemonsets', 'daemonsets/scale', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'];
const BATCH = ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'];
const NETWORKING = ['ingresses', 'ingresses/status', 'networkpolicies'];

function viewRules(): Record<string, unknown>[] {
  return [
    { apiGroups: [''], resources: VIEW_CORE, verbs: READ },
    { apiGroups: [''], resources: VIEW_CORE_EXTRA, verbs: READ },
    { apiGroups: [''], resources: ['namespaces'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
    { apiGroups: ['apps'], resources: APPS, verbs: READ },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
    { apiGroups: ['batch'], resources: BATCH, verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: NETWORKING, verbs: READ },
  ];
}

function editRules(): Record<string, unknown>[] {
  return [
    { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
    { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: WRITE },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    { apiGroups: [''], resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: WRITE },
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    { apiGroups: ['apps'], resources: APPS.filter((r) => !r.endsWith('/status')), verbs: WRITE },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
    { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...READ, ...WRITE] },
    ...viewRules(),
  ];
}

function adminRules(): Record<string, unknown>[] {
  return [
    { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
    { apiGroups: [GROUP], resources: ['rolebindings', 'roles'], verbs: [...WRITE, ...READ] },
    ...editRules(),
  ];
}

function clusterRole(name: string, rules: Record<string, unknown>[], labels: Record<string, string> = {}, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true', ...(annotations ?? {}) },
    },
    rules,
  };
}

function clusterRoleBinding(name: string, role: string, subjects: Record<string, unknown>[], bootstrapping = true): KubeObject {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      ...(bootstrapping
        ? { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } }
        : {}),
    },
    roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: role },
    subjects,
  };
}

export function bootstrapPolicy(): { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] } {
  const aggregate = (to: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });
  return {
    clusterRoles: [
      clusterRole('cluster-admin', [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ]),
      clusterRole('admin', adminRules(), aggregate('admin')),
      clusterRole('edit', editRules(), { ...aggregate('admin'), ...aggregate('edit') }),
      clusterRole('view', viewRules(), { ...aggregate('admin'), ...aggregate('edit'), ...aggregate('view') }),
      clusterRole('system:basic-user', [
        { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
      ]),
      clusterRole('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
      clusterRole('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    ],
    clusterRoleBindings: [
      clusterRoleBinding('cluster-admin', 'cluster-admin', [{ apiGroup: GROUP, kind: 'Group', name: 'system:masters' }]),
      clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [{ apiGroup: GROUP, kind: 'Group', name: 'kubeadm:cluster-admins' }], false),
      clusterRoleBinding('system:basic-user', 'system:basic-user', [{ apiGroup: GROUP, kind: 'Group', name: 'system:authenticated' }]),
      clusterRoleBinding('system:discovery', 'system:discovery', [{ apiGroup: GROUP, kind: 'Group', name: 'system:authenticated' }]),
      clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
        { apiGroup: GROUP, kind: 'Group', name: 'system:authenticated' },
        { apiGroup: GROUP, kind: 'Group', name: 'system:unauthenticated' },
      ]),
    ],
  };
}

export const RBAC_BOOTSTRAP = 'rbac-bootstrap-roles';

/** Writes the bootstrap policy once kube-system exists; missing objects only. */
export function rbacBootstrapController(): Controller {
  let done = false;
  return {
    name: RBAC_BOOTSTRAP,
    watches: ['namespaces'],
    reconcile(sim: Simulation) {
      if (done) return;
      const ks = sim.store.get('namespaces', '', 'kube-system');
      if (!ks) return;
      done = true;
      const at = ks.metadata.creationTimestamp ?? rfc3339(sim.clock.now());
      const policy = bootstrapPolicy();
      // Its own random stream, so the policy's uids do not shift other names.
      const rng = sim.rng.fork('rbac-bootstrap');
      const put = (resource: string, obj: KubeObject) => {
        if (sim.store.get(resource, '', obj.metadata.name!)) return;
        obj.metadata.uid = rng.uid();
        obj.metadata.creationTimestamp = at;
        sim.store.load(resource, obj);
      };
      for (const cr of policy.clusterRoles) put('clusterroles.rbac.authorization.k8s.io', cr);
      for (const crb of policy.clusterRoleBindings) put('clusterrolebindings.rbac.authorization.k8s.io', crb);
    },
  };
}
