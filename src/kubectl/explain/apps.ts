import { defineResources, defineTypes, topLevel } from './schema.js';
import { condition } from './core.js';

/** apps/v1: the workload controllers. */
defineResources([
  ['apps', 'v1', 'Deployment'],
  ['apps', 'v1', 'ReplicaSet'],
  ['apps', 'v1', 'DaemonSet'],
  ['apps', 'v1', 'StatefulSet'],
  ['apps', 'v1', 'ControllerRevision'],
]);

const SELECTOR = '!LabelSelector|Which pods the controller owns; must match the template\'s labels. Cannot be changed in apps/v1.';
const TEMPLATE = '!PodTemplateSpec|The pod each replica is created from.';
const MIN_READY = 'integer|Seconds a new pod must be ready, without crashing, before it counts as available. Defaults to 0.';
const HISTORY = 'integer|How many old revisions to keep for rollback. Defaults to 10.';

defineTypes({
  Deployment: {
    d: 'Declarative updates for a set of identical pods: it manages ReplicaSets and rolls from one to the next.',
    f: topLevel({
      spec: 'DeploymentSpec|The desired pods and how to roll out changes to them.',
      status: 'DeploymentStatus|The most recently observed rollout state. Read-only.',
    }),
  },
  DeploymentSpec: {
    d: 'The desired state of a deployment.',
    f: {
      minReadySeconds: MIN_READY,
      paused: 'boolean|While true, template changes do not start a rollout.',
      progressDeadlineSeconds: 'integer|Seconds a rollout may go without progress before it is reported as failed. Defaults to 600.',
      replicas: 'integer|How many pods to run. Defaults to 1.',
      revisionHistoryLimit: HISTORY,
      selector: SELECTOR,
      strategy: 'DeploymentStrategy|How old pods are replaced by new ones.',
      template: TEMPLATE,
    },
  },
  DeploymentStrategy: {
    d: 'How a deployment replaces its pods.',
    f: {
      rollingUpdate: 'RollingUpdateDeployment|Settings for the RollingUpdate strategy.',
      type: 'string=Recreate,RollingUpdate|Recreate (stop all, then start) or RollingUpdate (the default, gradually).',
    },
  },
  RollingUpdateDeployment: {
    d: 'How fast a rolling update goes.',
    f: {
      maxSurge: 'IntOrString|How many pods (or what percentage) may exist above replicas during the update. Defaults to 25%.',
      maxUnavailable: 'IntOrString|How many pods (or what percentage) may be unavailable during the update. Defaults to 25%.',
    },
  },
  PodTemplateSpec: {
    d: 'The pods a controller creates: their metadata and spec.',
    f: {
      metadata: 'ObjectMeta|Labels and annotations of the created pods.',
      spec: 'PodSpec|The spec of the created pods.',
    },
  },
  DeploymentStatus: {
    d: 'The observed state of a deployment.',
    f: {
      availableReplicas: 'integer|Pods ready for at least minReadySeconds.',
      collisionCount: 'integer|Bumped on a ReplicaSet name collision to pick a new name.',
      conditions: '[]DeploymentCondition|Conditions such as Available and Progressing.',
      observedGeneration: 'integer|The generation the controller last acted on.',
      readyReplicas: 'integer|Pods that are ready.',
      replicas: 'integer|Pods targeted by the deployment, of any version.',
      unavailableReplicas: 'integer|Pods still needed to reach the desired availability.',
      updatedReplicas: 'integer|Pods running the current template.',
    },
  },
  ReplicaSet: {
    d: 'Keeps a number of identical pods running; usually managed by a Deployment.',
    f: topLevel({
      spec: 'ReplicaSetSpec|How many pods, and what they look like.',
      status: 'ReplicaSetStatus|The most recently observed state. Read-only.',
    }),
  },
  ReplicaSetSpec: {
    d: 'The desired state of a ReplicaSet.',
    f: {
      minReadySeconds: MIN_READY,
      replicas: 'integer|How many pods to run. Defaults to 1.',
      selector: '!LabelSelector|Which pods the ReplicaSet counts; must match the template\'s labels.',
      template: 'PodTemplateSpec|The pod created when there are too few.',
    },
  },
  ReplicaSetStatus: {
    d: 'The observed state of a ReplicaSet.',
    f: {
      availableReplicas: 'integer|Pods ready for at least minReadySeconds.',
      conditions: '[]ReplicaSetCondition|Conditions of the ReplicaSet.',
      fullyLabeledReplicas: 'integer|Pods whose labels match the template\'s.',
      observedGeneration: 'integer|The generation last acted on.',
      readyReplicas: 'integer|Pods that are ready.',
      replicas: '!integer|Pods the ReplicaSet currently has.',
    },
  },
  DaemonSet: {
    d: 'Runs one copy of a pod on every node (or every selected node).',
    f: topLevel({
      spec: 'DaemonSetSpec|The pod to run and how to update it.',
      status: 'DaemonSetStatus|The most recently observed state. Read-only.',
    }),
  },
  DaemonSetSpec: {
    d: 'The desired state of a DaemonSet.',
    f: {
      minReadySeconds: MIN_READY,
      revisionHistoryLimit: HISTORY,
      selector: SELECTOR,
      template: '!PodTemplateSpec|The pod run on each node.',
      updateStrategy: 'DaemonSetUpdateStrategy|How pods are replaced when the template changes.',
    },
  },
  DaemonSetUpdateStrategy: {
    d: 'How a DaemonSet replaces its pods.',
    f: {
      rollingUpdate: 'RollingUpdateDaemonSet|Settings for the RollingUpdate strategy.',
      type: 'string=OnDelete,RollingUpdate|RollingUpdate (the default) or OnDelete (replace only pods you delete).',
    },
  },
  RollingUpdateDaemonSet: {
    d: 'How fast a DaemonSet rolling update goes.',
    f: {
      maxSurge: 'IntOrString|How many nodes may run an extra, new pod during the update. Defaults to 0.',
      maxUnavailable: 'IntOrString|How many nodes may be without an available pod during the update. Defaults to 1.',
    },
  },
  DaemonSetStatus: {
    d: 'The observed state of a DaemonSet.',
    f: {
      collisionCount: 'integer|Bumped on a revision name collision.',
      conditions: '[]DaemonSetCondition|Conditions of the DaemonSet.',
      currentNumberScheduled: '!integer|Nodes running at least one daemon pod that should.',
      desiredNumberScheduled: '!integer|Nodes that should run the daemon pod.',
      numberAvailable: 'integer|Nodes whose daemon pod is available.',
      numberMisscheduled: '!integer|Nodes running the daemon pod that should not.',
      numberReady: '!integer|Nodes whose daemon pod is ready.',
      numberUnavailable: 'integer|Nodes that should run an available daemon pod but do not.',
      observedGeneration: 'integer|The generation last acted on.',
      updatedNumberScheduled: 'integer|Nodes running the current template.',
    },
  },
  StatefulSet: {
    d: 'Runs pods with stable names, network identities and storage, created and updated in order.',
    f: topLevel({
      spec: 'StatefulSetSpec|The pods, their storage and how they are updated.',
      status: 'StatefulSetStatus|The most recently observed state. Read-only.',
    }),
  },
  StatefulSetSpec: {
    d: 'The desired state of a StatefulSet.',
    f: {
      minReadySeconds: MIN_READY,
      ordinals: 'StatefulSetOrdinals|The number the pod ordinals start from.',
      persistentVolumeClaimRetentionPolicy: 'StatefulSetPersistentVolumeClaimRetentionPolicy|Whether claims from volumeClaimTemplates are deleted with the set or on scale-down.',
      podManagementPolicy: 'string=OrderedReady,Parallel|OrderedReady (one at a time, in order; the default) or Parallel.',
      replicas: 'integer|How many pods to run. Defaults to 1.',
      revisionHistoryLimit: HISTORY,
      selector: SELECTOR,
      serviceName: '!string|The headless service that gives the pods their DNS names.',
      template: TEMPLATE,
      updateStrategy: 'StatefulSetUpdateStrategy|How pods are replaced when the template changes.',
      volumeClaimTemplates: '[]PersistentVolumeClaim|Claims created for each pod, named <template>-<pod>, and mounted by the template.',
    },
  },
  StatefulSetUpdateStrategy: {
    d: 'How a StatefulSet replaces its pods.',
    f: {
      rollingUpdate: 'RollingUpdateStatefulSetStrategy|Settings for the RollingUpdate strategy.',
      type: 'string=OnDelete,RollingUpdate|RollingUpdate (the default, highest ordinal first) or OnDelete.',
    },
  },
  RollingUpdateStatefulSetStrategy: {
    d: 'How a StatefulSet rolling update goes.',
    f: {
      maxUnavailable: 'IntOrString|How many pods may be unavailable during the update (alpha). Defaults to 1.',
      partition: 'integer|Only pods with an ordinal at least this are updated. Defaults to 0.',
    },
  },
  StatefulSetStatus: {
    d: 'The observed state of a StatefulSet.',
    f: {
      availableReplicas: 'integer|Pods ready for at least minReadySeconds.',
      collisionCount: 'integer|Bumped on a revision name collision.',
      conditions: '[]StatefulSetCondition|Conditions of the StatefulSet.',
      currentReplicas: 'integer|Pods at currentRevision.',
      currentRevision: 'string|The revision of the pods before the update.',
      observedGeneration: 'integer|The generation last acted on.',
      readyReplicas: 'integer|Pods that are ready.',
      replicas: '!integer|Pods the StatefulSet has.',
      updateRevision: 'string|The revision being rolled out.',
      updatedReplicas: 'integer|Pods at updateRevision.',
    },
  },
});

defineTypes({
  DeploymentCondition: condition('a deployment', { lastUpdateTime: 'Time|When the condition was last updated.' }),
  ReplicaSetCondition: condition('a ReplicaSet'),
  DaemonSetCondition: condition('a DaemonSet'),
  StatefulSetCondition: condition('a StatefulSet'),
  ControllerRevision: {
    d: 'An immutable snapshot of a DaemonSet\'s or StatefulSet\'s template, kept for rollbacks.',
    f: topLevel({ data: 'RawExtension|The serialized state.', revision: '!integer|The revision number.' }),
  },
  StatefulSetOrdinals: { d: 'How a StatefulSet numbers its pods.', f: { start: 'integer|The first ordinal. Defaults to 0.' } },
  StatefulSetPersistentVolumeClaimRetentionPolicy: {
    d: 'What happens to the claims of a StatefulSet\'s volumeClaimTemplates.',
    f: {
      whenDeleted: 'string|Retain (the default) or Delete the claims when the StatefulSet is deleted.',
      whenScaled: 'string|Retain (the default) or Delete the claims of pods removed by scaling down.',
    },
  },
});
