import { isDict, type Dict } from '../../api/meta.js';

/**
 * Strict field validation (kubectl's default `--validate=strict`): fields the
 * API does not know make the request fail with `strict decoding error:
 * unknown field "spec.template.spec.containers[0].imagePullpolicy"`. The
 * known-field lists cover the objects people hand-write most (metadata, pod
 * specs and containers, Deployments, Services); deeper structures are not
 * checked.
 *
 * @see k8s.io/api/core/v1/types.go, k8s.io/api/apps/v1/types.go (json tags, v1.32)
 * @see sigs.k8s.io/json UnmarshalStrict (unknown field paths)
 */
const set = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

const OBJECT_META = set(`name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp
  deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields`);
const POD_SPEC = set(`volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds
  activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName
  hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity
  schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName
  enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates
  resourceClaims resources`);
const CONTAINER = set(`name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts
  volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy
  imagePullPolicy securityContext stdin stdinOnce tty`);
const EPHEMERAL_CONTAINER = new Set([...CONTAINER, 'targetContainerName']);
const CONTAINER_PORT = set('name hostPort containerPort protocol hostIP');
const ENV_VAR = set('name value valueFrom');
const RESOURCES = set('limits requests claims');
const VOLUME_MOUNT = set('name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr');
const PROBE = set('exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds');
const HTTP_GET = set('path port host scheme httpHeaders');
const TEMPLATE = set('metadata spec');
const DEPLOYMENT_SPEC = set('replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds');
const SERVICE_SPEC = set(`ports selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges
  externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies
  ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution`);
const SERVICE_PORT = set('name protocol appProtocol port targetPort nodePort');
const TOP = set('apiVersion kind metadata spec status');
const TOP_BY_KIND: Record<string, Set<string>> = {
  ConfigMap: set('apiVersion kind metadata data binaryData immutable'),
  Secret: set('apiVersion kind metadata data stringData type immutable'),
  ServiceAccount: set('apiVersion kind metadata secrets imagePullSecrets automountServiceAccountToken'),
  Role: set('apiVersion kind metadata rules'),
  ClusterRole: set('apiVersion kind metadata rules aggregationRule'),
  RoleBinding: set('apiVersion kind metadata subjects roleRef'),
  ClusterRoleBinding: set('apiVersion kind metadata subjects roleRef'),
  PriorityClass: set('apiVersion kind metadata value globalDefault description preemptionPolicy'),
  StorageClass: set('apiVersion kind metadata provisioner parameters reclaimPolicy mountOptions allowVolumeExpansion volumeBindingMode allowedTopologies'),
};
const SPEC_BY_KIND: Record<string, Set<string>> = {
  ReplicaSet: set('replicas minReadySeconds selector template'),
  DaemonSet: set('selector template updateStrategy minReadySeconds revisionHistoryLimit'),
  StatefulSet: set(`replicas selector template volumeClaimTemplates serviceName podManagementPolicy updateStrategy
    revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals`),
  Job: set(`parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex
    maxFailedIndexes selector manualSelector template ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy`),
  CronJob: set('schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate successfulJobsHistoryLimit failedJobsHistoryLimit'),
  Namespace: set('finalizers'),
  PersistentVolumeClaim: set('accessModes selector resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName'),
  NetworkPolicy: set('podSelector ingress egress policyTypes'),
  Ingress: set('ingressClassName defaultBackend tls rules'),
  HorizontalPodAutoscaler: set('scaleTargetRef minReplicas maxReplicas metrics behavior'),
  PodDisruptionBudget: set('minAvailable selector maxUnavailable unhealthyPodEvictionPolicy'),
  ResourceQuota: set('hard scopes scopeSelector'),
  LimitRange: set('limits'),
};
const JOB_TEMPLATE = set('metadata spec');

let stripping = false;

function unknownIn(v: unknown, known: Set<string>, path: string, out: string[]): Dict | undefined {
  if (!isDict(v)) return undefined;
  for (const k of Object.keys(v)) {
    if (known.has(k)) continue;
    out.push(path ? `${path}.${k}` : k);
    if (stripping) delete v[k];
  }
  return v;
}

function each(list: unknown, path: string, f: (item: unknown, p: string) => void): void {
  if (Array.isArray(list)) list.forEach((item, i) => f(item, `${path}[${i}]`));
}

function checkContainer(c: unknown, path: string, out: string[], ephemeral = false): void {
  const d = unknownIn(c, ephemeral ? EPHEMERAL_CONTAINER : CONTAINER, path, out);
  if (!d) return;
  each(d.ports, `${path}.ports`, (p, pp) => unknownIn(p, CONTAINER_PORT, pp, out));
  each(d.env, `${path}.env`, (e, pp) => unknownIn(e, ENV_VAR, pp, out));
  unknownIn(d.resources, RESOURCES, `${path}.resources`, out);
  each(d.volumeMounts, `${path}.volumeMounts`, (m, pp) => unknownIn(m, VOLUME_MOUNT, pp, out));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const pr = unknownIn(d[probe], PROBE, `${path}.${probe}`, out);
    if (pr) unknownIn(pr.httpGet, HTTP_GET, `${path}.${probe}.httpGet`, out);
  }
}

function checkPodSpec(spec: unknown, path: string, out: string[]): void {
  const d = unknownIn(spec, POD_SPEC, path, out);
  if (!d) return;
  each(d.initContainers, `${path}.initContainers`, (c, p) => checkContainer(c, p, out));
  each(d.containers, `${path}.containers`, (c, p) => checkContainer(c, p, out));
  each(d.ephemeralContainers, `${path}.ephemeralContainers`, (c, p) => checkContainer(c, p, out, true));
}

function checkTemplate(t: unknown, path: string, out: string[]): void {
  const d = unknownIn(t, TEMPLATE, path, out);
  if (!d) return;
  unknownIn(d.metadata, OBJECT_META, `${path}.metadata`, out);
  checkPodSpec(d.spec, `${path}.spec`, out);
}

/**
 * Unknown field paths of an object, in document order (empty when all are
 * known or the kind is not covered). With `strip`, they are also removed,
 * as decoding in Warn mode drops them.
 */
export function unknownFields(kind: string, obj: Dict, strip = false): string[] {
  stripping = strip;
  try {
    return collect(kind, obj);
  } finally {
    stripping = false;
  }
}

function collect(kind: string, obj: Dict): string[] {
  const out: string[] = [];
  unknownIn(obj.metadata, OBJECT_META, 'metadata', out);
  switch (kind) {
    case 'Pod':
      unknownIn(obj, TOP, '', out);
      checkPodSpec(obj.spec, 'spec', out);
      break;
    case 'Deployment': {
      unknownIn(obj, TOP, '', out);
      const spec = unknownIn(obj.spec, DEPLOYMENT_SPEC, 'spec', out);
      if (spec) checkTemplate(spec.template, 'spec.template', out);
      break;
    }
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job': {
      unknownIn(obj, TOP, '', out);
      const spec = unknownIn(obj.spec, SPEC_BY_KIND[kind], 'spec', out);
      if (spec) checkTemplate(spec.template, 'spec.template', out);
      break;
    }
    case 'CronJob': {
      unknownIn(obj, TOP, '', out);
      const spec = unknownIn(obj.spec, SPEC_BY_KIND.CronJob, 'spec', out);
      const jt = spec ? unknownIn(spec.jobTemplate, JOB_TEMPLATE, 'spec.jobTemplate', out) : undefined;
      const jspec = jt ? unknownIn(jt.spec, SPEC_BY_KIND.Job, 'spec.jobTemplate.spec', out) : undefined;
      if (jspec) checkTemplate(jspec.template, 'spec.jobTemplate.spec.template', out);
      break;
    }
    case 'Service': {
      unknownIn(obj, TOP, '', out);
      const spec = unknownIn(obj.spec, SERVICE_SPEC, 'spec', out);
      if (spec) each(spec.ports, 'spec.ports', (p, pp) => unknownIn(p, SERVICE_PORT, pp, out));
      break;
    }
    default:
      if (TOP_BY_KIND[kind]) unknownIn(obj, TOP_BY_KIND[kind], '', out);
      else if (SPEC_BY_KIND[kind]) {
        unknownIn(obj, TOP, '', out);
        unknownIn(obj.spec, SPEC_BY_KIND[kind], 'spec', out);
      }
      break;
  }
  return out;
}
