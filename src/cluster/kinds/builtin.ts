import { registerKind, type KindDefinition } from './registry.js';

/**
 * The kinds the simulated API server serves, with the names kubectl resolves
 * (`kubectl api-resources` on a v1.32 cluster). Behaviour (defaulting,
 * validation) is attached in each kind's own module.
 */
const STD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Names = Pick<KindDefinition, 'kind' | 'group' | 'version' | 'resource' | 'singular' | 'shortNames' | 'namespaced'> &
  Partial<KindDefinition>;

function kind(n: Names): void {
  registerKind({
    categories: [],
    statusSubresource: false,
    tracksGeneration: false,
    verbs: STD,
    ...n,
  });
}

const ALL = ['all'];

kind({ kind: 'Namespace', group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, statusSubresource: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] });
kind({ kind: 'Node', group: '', version: 'v1', resource: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, statusSubresource: true });
kind({ kind: 'Pod', group: '', version: 'v1', resource: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, categories: ALL, statusSubresource: true });
kind({ kind: 'Service', group: '', version: 'v1', resource: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, categories: ALL, statusSubresource: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
kind({ kind: 'Endpoints', group: '', version: 'v1', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true });
kind({ kind: 'ConfigMap', group: '', version: 'v1', resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true });
kind({ kind: 'Secret', group: '', version: 'v1', resource: 'secrets', singular: 'secret', shortNames: [], namespaced: true });
kind({ kind: 'ServiceAccount', group: '', version: 'v1', resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true });
kind({ kind: 'ResourceQuota', group: '', version: 'v1', resource: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], namespaced: true, statusSubresource: true });
kind({ kind: 'LimitRange', group: '', version: 'v1', resource: 'limitranges', singular: 'limitrange', shortNames: ['limits'], namespaced: true });
kind({ kind: 'Event', group: '', version: 'v1', resource: 'events', singular: 'event', shortNames: ['ev'], namespaced: true });
kind({ kind: 'PersistentVolume', group: '', version: 'v1', resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false, statusSubresource: true });
kind({ kind: 'PersistentVolumeClaim', group: '', version: 'v1', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true, statusSubresource: true });
kind({ kind: 'ReplicationController', group: '', version: 'v1', resource: 'replicationcontrollers', singular: 'replicationcontroller', shortNames: ['rc'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });

kind({ kind: 'Deployment', group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'ReplicaSet', group: 'apps', version: 'v1', resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'DaemonSet', group: 'apps', version: 'v1', resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'StatefulSet', group: 'apps', version: 'v1', resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'ControllerRevision', group: 'apps', version: 'v1', resource: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], namespaced: true });

kind({ kind: 'Job', group: 'batch', version: 'v1', resource: 'jobs', singular: 'job', shortNames: [], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'CronJob', group: 'batch', version: 'v1', resource: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'HorizontalPodAutoscaler', group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], namespaced: true, categories: ALL, statusSubresource: true, tracksGeneration: true });

kind({ kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], namespaced: true, tracksGeneration: true });
kind({ kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], namespaced: true, statusSubresource: true, tracksGeneration: true });
kind({ kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], namespaced: false });
kind({ kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], namespaced: true, statusSubresource: true, tracksGeneration: true });

kind({ kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', singular: 'role', shortNames: [], namespaced: true });
kind({ kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', singular: 'rolebinding', shortNames: [], namespaced: true });
kind({ kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', singular: 'clusterrole', shortNames: [], namespaced: false });
kind({ kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], namespaced: false });

kind({ kind: 'StorageClass', group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false });
kind({ kind: 'PriorityClass', group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], namespaced: false });
kind({ kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', resource: 'leases', singular: 'lease', shortNames: [], namespaced: true });
kind({ kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true });
