import type { KubeObject } from '../api/meta.js';
import { podTable } from './pod-table.js';
import { nodeTable } from './node-table.js';
import {
  cronJobTable,
  daemonSetTable,
  deploymentTable,
  hpaTable,
  jobTable,
  pdbTable,
  replicaSetTable,
  replicationControllerTable,
  statefulSetTable,
} from './workload-tables.js';
import { endpointSliceTable, endpointsTable, ingressClassTable, ingressTable, networkPolicyTable, serviceTable } from './network-tables.js';
import {
  configMapTable,
  controllerRevisionTable,
  defaultTable,
  eventTable,
  leaseTable,
  namespaceTable,
  persistentVolumeClaimTable,
  persistentVolumeTable,
  priorityClassTable,
  resourceQuotaTable,
  roleBindingTable,
  secretTable,
  serviceAccountTable,
  storageClassTable,
} from './other-tables.js';
import { componentStatusTable } from './component-status-table.js';
import type { Table, TableHandler } from './types.js';

export type { Table, TableColumn, TableRow, TableCell, TableHandler } from './types.js';

/** Table handlers by `Kind` or `Kind.group` (core kinds by Kind). */
const HANDLERS: Record<string, TableHandler> = {
  Pod: podTable,
  Node: nodeTable,
  Namespace: namespaceTable,
  Service: serviceTable,
  Endpoints: endpointsTable,
  ConfigMap: configMapTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  ResourceQuota: resourceQuotaTable,
  Event: eventTable,
  PersistentVolume: persistentVolumeTable,
  PersistentVolumeClaim: persistentVolumeClaimTable,
  ReplicationController: replicationControllerTable,
  ComponentStatus: componentStatusTable,
  'Deployment.apps': deploymentTable,
  'ReplicaSet.apps': replicaSetTable,
  'DaemonSet.apps': daemonSetTable,
  'StatefulSet.apps': statefulSetTable,
  'ControllerRevision.apps': controllerRevisionTable,
  'Job.batch': jobTable,
  'CronJob.batch': cronJobTable,
  'HorizontalPodAutoscaler.autoscaling': hpaTable,
  'PodDisruptionBudget.policy': pdbTable,
  'NetworkPolicy.networking.k8s.io': networkPolicyTable,
  'Ingress.networking.k8s.io': ingressTable,
  'IngressClass.networking.k8s.io': ingressClassTable,
  'EndpointSlice.discovery.k8s.io': endpointSliceTable,
  'StorageClass.storage.k8s.io': storageClassTable,
  'PriorityClass.scheduling.k8s.io': priorityClassTable,
  'Lease.coordination.k8s.io': leaseTable,
  'RoleBinding.rbac.authorization.k8s.io': roleBindingTable,
  'ClusterRoleBinding.rbac.authorization.k8s.io': roleBindingTable,
};

/** The handler for a kind (`Deployment`, group `apps`); the default NAME/CREATED AT table otherwise. */
export function tableHandlerFor(kind: string, group: string): TableHandler {
  return HANDLERS[group ? `${kind}.${group}` : kind] ?? defaultTable;
}

/**
 * The Table the API server returns for a list (or one object) of a kind,
 * all columns included (kubectl hides priority > 0 unless `-o wide`).
 */
export function buildTable(kind: string, group: string, objects: readonly KubeObject[], now: number): Table {
  const h = tableHandlerFor(kind, group);
  return { columns: h.columns, rows: objects.map((object) => ({ cells: h.row(object, now), object })) };
}
