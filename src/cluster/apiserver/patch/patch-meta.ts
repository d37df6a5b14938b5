/**
 * The strategic-merge-patch metadata of the built-in types: for each struct,
 * the fields whose Go struct tags carry `patchStrategy` / `patchMergeKey`,
 * and the types of nested structs so the lookup can descend.
 *
 * Fields not listed behave as Go does for untagged fields: maps merge key by
 * key, lists are replaced whole.
 *
 * @see k8s.io/api/core/v1/types.go (patchStrategy / patchMergeKey tags)
 * @see k8s.io/apimachinery/pkg/util/strategicpatch/patch.go LookupPatchMetadata
 */
export interface FieldMeta {
  /** The struct type of the field (for a list: of its elements). */
  type?: string;
  /** `merge` for merging lists; `retainKeys` may accompany it. */
  strategy?: 'merge' | 'replace';
  retainKeys?: boolean;
  mergeKey?: string;
}

export type StructMeta = Record<string, FieldMeta>;

const m = (mergeKey: string | undefined, type?: string, retainKeys = false): FieldMeta => ({
  strategy: 'merge',
  ...(mergeKey ? { mergeKey } : {}),
  ...(type ? { type } : {}),
  ...(retainKeys ? { retainKeys } : {}),
});

const conditions = m('type');

export const TYPES: Record<string, StructMeta> = {
  ObjectMeta: { finalizers: m(undefined), ownerReferences: m('uid') },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: m('name', 'Volume', true),
    initContainers: m('name', 'Container'),
    containers: m('name', 'Container'),
    ephemeralContainers: m('name', 'Container'),
    imagePullSecrets: m('name'),
    hostAliases: m('ip'),
    topologySpreadConstraints: m('topologyKey'),
    resourceClaims: m('name', undefined, true),
    schedulingGates: m('name'),
  },
  Container: {
    ports: m('containerPort'),
    env: m('name'),
    volumeMounts: m('mountPath'),
    volumeDevices: m('devicePath'),
  },
  Volume: {},
  PodStatus: {
    conditions,
    podIPs: m('ip'),
    hostIPs: m('ip'),
    resourceClaimStatuses: m('name', undefined, true),
  },
  Pod: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { metadata: { type: 'ObjectMeta' }, template: { type: 'PodTemplateSpec' } },

  ServiceSpec: { ports: m('port') },
  Service: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ServiceSpec' }, status: { type: 'ConditionsStatus' } },
  ConditionsStatus: { conditions },

  NodeSpec: { podCIDRs: m(undefined) },
  NodeStatus: { conditions, addresses: m('type') },
  Node: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },

  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: m('name') },

  WorkloadSpec: {
    template: { type: 'PodTemplateSpec' },
    strategy: { retainKeys: true },
    selector: { type: 'LabelSelector' },
  },
  LabelSelector: {},
  Workload: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' }, status: { type: 'ConditionsStatus' } },

  JobSpec: { template: { type: 'PodTemplateSpec' } },
  Job: { metadata: { type: 'ObjectMeta' }, spec: { type: 'JobSpec' }, status: { type: 'ConditionsStatus' } },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'JobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  CronJob: { metadata: { type: 'ObjectMeta' }, spec: { type: 'CronJobSpec' } },

  Generic: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
};

const ROOT_BY_KIND: Record<string, string> = {
  Pod: 'Pod',
  PodTemplate: 'PodTemplate',
  Service: 'Service',
  Node: 'Node',
  ServiceAccount: 'ServiceAccount',
  Deployment: 'Workload',
  ReplicaSet: 'Workload',
  DaemonSet: 'Workload',
  StatefulSet: 'Workload',
  ReplicationController: 'Workload',
  Job: 'Job',
  CronJob: 'CronJob',
};

/** The root struct type for a kind's strategic merge patches. */
export function rootTypeFor(kind: string): string {
  return ROOT_BY_KIND[kind] ?? 'Generic';
}

/** Patch metadata of `field` inside struct `type` (empty when untagged or unknown). */
export function lookupPatchMeta(type: string | undefined, field: string): FieldMeta {
  if (!type) return {};
  return TYPES[type]?.[field] ?? {};
}
