import { isDict } from '../../cluster/api/meta.js';
import { goJsonString } from '../printers/json.js';

/**
 * Field order of the Go API structs. Commands that print typed objects
 * (`create deployment … -o json`, `set image --local -o json`, `run`,
 * `expose`) print JSON in struct field order, not sorted like unstructured
 * objects. Fields not listed keep their sorted order after the listed ones.
 *
 * @see k8s.io/api (types.go of core/v1, apps/v1, batch/v1, rbac/v1, policy/v1, scheduling/v1, autoscaling/v2)
 */
type Fields = [name: string, type?: string][];

const META: Fields = [
  ['name'], ['generateName'], ['namespace'], ['selfLink'], ['uid'], ['resourceVersion'], ['generation'], ['creationTimestamp'],
  ['deletionTimestamp'], ['deletionGracePeriodSeconds'], ['labels'], ['annotations'], ['ownerReferences', 'OwnerReference'], ['finalizers'], ['managedFields'],
];

const TYPES: Record<string, Fields> = {
  ObjectMeta: META,
  OwnerReference: [['apiVersion'], ['kind'], ['name'], ['uid'], ['controller'], ['blockOwnerDeletion']],
  LabelSelector: [['matchLabels'], ['matchExpressions', 'LabelSelectorRequirement']],
  LabelSelectorRequirement: [['key'], ['operator'], ['values']],
  PodTemplateSpec: [['metadata', 'ObjectMeta'], ['spec', 'PodSpec']],
  PodSpec: [
    ['volumes'], ['initContainers', 'Container'], ['containers', 'Container'], ['ephemeralContainers', 'Container'], ['restartPolicy'],
    ['terminationGracePeriodSeconds'], ['activeDeadlineSeconds'], ['dnsPolicy'], ['nodeSelector'], ['serviceAccountName'], ['serviceAccount'],
    ['automountServiceAccountToken'], ['nodeName'], ['hostNetwork'], ['hostPID'], ['hostIPC'], ['shareProcessNamespace'], ['securityContext'],
    ['imagePullSecrets'], ['hostname'], ['subdomain'], ['affinity'], ['schedulerName'], ['tolerations', 'Toleration'], ['hostAliases'],
    ['priorityClassName'], ['priority'], ['dnsConfig'], ['readinessGates'], ['runtimeClassName'], ['enableServiceLinks'], ['preemptionPolicy'],
    ['overhead'], ['topologySpreadConstraints'], ['setHostnameAsFQDN'], ['os'], ['hostUsers'], ['schedulingGates'], ['resourceClaims'], ['resources'],
  ],
  Container: [
    ['name'], ['image'], ['command'], ['args'], ['workingDir'], ['ports', 'ContainerPort'], ['envFrom'], ['env', 'EnvVar'], ['resources', 'ResourceRequirements'],
    ['resizePolicy'], ['restartPolicy'], ['volumeMounts', 'VolumeMount'], ['volumeDevices'], ['livenessProbe'], ['readinessProbe'], ['startupProbe'],
    ['lifecycle'], ['terminationMessagePath'], ['terminationMessagePolicy'], ['imagePullPolicy'], ['securityContext'], ['stdin'], ['stdinOnce'], ['tty'],
  ],
  ContainerPort: [['name'], ['hostPort'], ['containerPort'], ['protocol'], ['hostIP']],
  EnvVar: [['name'], ['value'], ['valueFrom']],
  VolumeMount: [['name'], ['readOnly'], ['recursiveReadOnly'], ['mountPath'], ['subPath'], ['mountPropagation'], ['subPathExpr']],
  ResourceRequirements: [['limits'], ['requests'], ['claims']],
  Toleration: [['key'], ['operator'], ['value'], ['effect'], ['tolerationSeconds']],
  Pod: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'PodSpec'], ['status']],
  Deployment: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'DeploymentSpec'], ['status']],
  DeploymentSpec: [
    ['replicas'], ['selector', 'LabelSelector'], ['template', 'PodTemplateSpec'], ['strategy', 'DeploymentStrategy'], ['minReadySeconds'],
    ['revisionHistoryLimit'], ['paused'], ['progressDeadlineSeconds'],
  ],
  DeploymentStrategy: [['type'], ['rollingUpdate']],
  ReplicaSet: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'ReplicaSetSpec'], ['status']],
  ReplicaSetSpec: [['replicas'], ['minReadySeconds'], ['selector', 'LabelSelector'], ['template', 'PodTemplateSpec']],
  DaemonSet: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'DaemonSetSpec'], ['status']],
  DaemonSetSpec: [['selector', 'LabelSelector'], ['template', 'PodTemplateSpec'], ['updateStrategy'], ['minReadySeconds'], ['revisionHistoryLimit']],
  StatefulSet: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'StatefulSetSpec'], ['status']],
  StatefulSetSpec: [
    ['replicas'], ['selector', 'LabelSelector'], ['template', 'PodTemplateSpec'], ['volumeClaimTemplates'], ['serviceName'], ['podManagementPolicy'],
    ['updateStrategy'], ['revisionHistoryLimit'], ['minReadySeconds'], ['persistentVolumeClaimRetentionPolicy'], ['ordinals'],
  ],
  Job: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'JobSpec'], ['status']],
  JobSpec: [
    ['parallelism'], ['completions'], ['activeDeadlineSeconds'], ['podFailurePolicy'], ['successPolicy'], ['backoffLimit'], ['backoffLimitPerIndex'],
    ['maxFailedIndexes'], ['selector', 'LabelSelector'], ['manualSelector'], ['template', 'PodTemplateSpec'], ['ttlSecondsAfterFinished'],
    ['completionMode'], ['suspend'], ['podReplacementPolicy'], ['managedBy'],
  ],
  CronJob: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'CronJobSpec'], ['status']],
  CronJobSpec: [
    ['schedule'], ['timeZone'], ['startingDeadlineSeconds'], ['concurrencyPolicy'], ['suspend'], ['jobTemplate', 'JobTemplateSpec'],
    ['successfulJobsHistoryLimit'], ['failedJobsHistoryLimit'],
  ],
  JobTemplateSpec: [['metadata', 'ObjectMeta'], ['spec', 'JobSpec']],
  Service: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'ServiceSpec'], ['status', 'ServiceStatus']],
  ServiceSpec: [
    ['ports', 'ServicePort'], ['selector'], ['clusterIP'], ['clusterIPs'], ['type'], ['externalIPs'], ['sessionAffinity'], ['loadBalancerIP'],
    ['loadBalancerSourceRanges'], ['externalName'], ['externalTrafficPolicy'], ['healthCheckNodePort'], ['publishNotReadyAddresses'],
    ['sessionAffinityConfig'], ['ipFamilies'], ['ipFamilyPolicy'], ['allocateLoadBalancerNodePorts'], ['loadBalancerClass'], ['internalTrafficPolicy'],
    ['trafficDistribution'],
  ],
  ServicePort: [['name'], ['protocol'], ['appProtocol'], ['port'], ['targetPort'], ['nodePort']],
  ServiceStatus: [['loadBalancer'], ['conditions']],
  ConfigMap: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['immutable'], ['data'], ['binaryData']],
  Secret: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['immutable'], ['data'], ['stringData'], ['type']],
  Namespace: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec'], ['status']],
  ServiceAccount: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['secrets'], ['imagePullSecrets'], ['automountServiceAccountToken']],
  Role: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['rules', 'PolicyRule']],
  ClusterRole: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['rules', 'PolicyRule'], ['aggregationRule']],
  PolicyRule: [['verbs'], ['apiGroups'], ['resources'], ['resourceNames'], ['nonResourceURLs']],
  RoleBinding: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['subjects', 'Subject'], ['roleRef', 'RoleRef']],
  ClusterRoleBinding: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['subjects', 'Subject'], ['roleRef', 'RoleRef']],
  Subject: [['kind'], ['apiGroup'], ['name'], ['namespace']],
  RoleRef: [['apiGroup'], ['kind'], ['name']],
  ResourceQuota: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'ResourceQuotaSpec'], ['status']],
  ResourceQuotaSpec: [['hard'], ['scopes'], ['scopeSelector']],
  PodDisruptionBudget: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'PodDisruptionBudgetSpec'], ['status', 'PodDisruptionBudgetStatus']],
  PodDisruptionBudgetSpec: [['minAvailable'], ['selector', 'LabelSelector'], ['maxUnavailable'], ['unhealthyPodEvictionPolicy']],
  PodDisruptionBudgetStatus: [['observedGeneration'], ['disruptedPods'], ['disruptionsAllowed'], ['currentHealthy'], ['desiredHealthy'], ['expectedPods'], ['conditions']],
  PriorityClass: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['value'], ['globalDefault'], ['description'], ['preemptionPolicy']],
  HorizontalPodAutoscaler: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'HPASpec'], ['status', 'HPAStatus']],
  HPAStatus: [['observedGeneration'], ['lastScaleTime'], ['currentReplicas'], ['desiredReplicas'], ['currentCPUUtilizationPercentage'], ['currentMetrics'], ['conditions']],
  HPASpec: [['scaleTargetRef', 'CrossVersionObjectReference'], ['minReplicas'], ['maxReplicas'], ['targetCPUUtilizationPercentage'], ['metrics'], ['behavior']],
  CrossVersionObjectReference: [['kind'], ['name'], ['apiVersion']],
};

function order(v: unknown, type: string | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => order(x, type));
  if (!isDict(v)) return v;
  const fields = type ? TYPES[type] : undefined;
  if (!fields) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, order(v[k], undefined)]));
  const out: Record<string, unknown> = {};
  for (const [name, t] of fields) if (name in v) out[name] = order(v[name], t);
  for (const k of Object.keys(v).sort()) if (!(k in out)) out[k] = order(v[k], undefined);
  return out;
}

/** Whether a kind has a known struct order (so `-o json` of a typed object can follow it). */
export function hasTypedOrder(kind: string): boolean {
  return kind in TYPES;
}

/** `-o json` of a typed object: 4-space indent, struct field order, Go string escaping. */
export function typedJson(obj: { kind: string }): string {
  return write(order(obj, obj.kind), '') + '\n';
}

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + write(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return '{\n' + entries.map(([k, x]) => `${inner}${goJsonString(k)}: ${write(x, inner)}`).join(',\n') + '\n' + indent + '}';
}
