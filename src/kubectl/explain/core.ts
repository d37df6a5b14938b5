import { defineResources, defineTypes, topLevel } from './schema.js';

/** The core group (v1): pods and their building blocks, services, config, nodes, storage. */

/** An in-tree volume plugin we only name (the simulation does not mount volumes). */
const plugin = (type: string, what: string) => `${type}|${what}.`;

defineResources([
  ['', 'v1', 'Pod'],
  ['', 'v1', 'Service'],
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'Secret'],
  ['', 'v1', 'Namespace'],
  ['', 'v1', 'Node'],
  ['', 'v1', 'ResourceQuota'],
  ['', 'v1', 'LimitRange'],
  ['', 'v1', 'ServiceAccount'],
  ['', 'v1', 'PersistentVolumeClaim'],
  ['', 'v1', 'PersistentVolume'],
  ['', 'v1', 'ReplicationController'],
  ['', 'v1', 'Endpoints'],
  ['', 'v1', 'Event'],
  ['', 'v1', 'ComponentStatus'],
]);

const PROBE_FIELD = (when: string) => `Probe|${when}`;

/** Container and EphemeralContainer share these. */
const CONTAINER_FIELDS: Record<string, string> = {
  args: '[]string|Arguments to the entrypoint; replaces the image\'s CMD. $(VAR) references are expanded.',
  command: '[]string|The entrypoint, run without a shell; replaces the image\'s ENTRYPOINT.',
  env: '[]EnvVar|Environment variables set in the container.',
  envFrom: '[]EnvFromSource|ConfigMaps and Secrets whose keys all become environment variables.',
  image: 'string|The container image to run, such as nginx:1.27.',
  imagePullPolicy: 'string=Always,IfNotPresent,Never|When the kubelet pulls the image. Defaults to Always for :latest, IfNotPresent otherwise.',
  lifecycle: 'Lifecycle|Actions run right after the container starts and before it stops.',
  livenessProbe: PROBE_FIELD('Periodic check that the container is alive; it is restarted when the probe fails.'),
  name: '!string|The container\'s name, unique within the pod (a DNS label).',
  ports: '[]ContainerPort|Ports the container exposes; informational, plus names other objects can refer to.',
  readinessProbe: PROBE_FIELD('Periodic check that the container can serve; the pod leaves service endpoints while it fails.'),
  resizePolicy: '[]ContainerResizePolicy|How each resource is resized in place.',
  resources: 'ResourceRequirements|CPU and memory (and other resources) the container requests and is limited to.',
  restartPolicy: 'string|For init containers only: Always makes it a sidecar that keeps running.',
  securityContext: 'SecurityContext|Security settings for this container, overriding the pod\'s.',
  startupProbe: PROBE_FIELD('Check that the container has started; the other probes wait until it succeeds.'),
  stdin: 'boolean|Keep a stdin buffer open for the container.',
  stdinOnce: 'boolean|Close stdin after the first attach session ends.',
  terminationMessagePath: 'string|The file the container\'s termination message is read from. Defaults to /dev/termination-log.',
  terminationMessagePolicy: 'string=FallbackToLogsOnError,File|Where the termination message comes from.',
  tty: 'boolean|Allocate a TTY for the container (needs stdin).',
  volumeDevices: '[]VolumeDevice|Block devices made available to the container.',
  volumeMounts: '[]VolumeMount|Volumes mounted into the container\'s filesystem.',
  workingDir: 'string|The working directory; defaults to the image\'s.',
};

defineTypes({
  Pod: {
    d: 'A group of containers that share a network namespace and volumes and are scheduled together onto one node.',
    f: topLevel({
      spec: 'PodSpec|What the pod should run: its containers, volumes and scheduling constraints.',
      status: 'PodStatus|The pod\'s most recently observed state, written by the kubelet. Read-only.',
    }),
  },
  PodSpec: {
    d: 'The desired state of a pod.',
    f: {
      activeDeadlineSeconds: 'integer|How long the pod may be active before the kubelet fails it, counted from its start.',
      affinity: 'Affinity|Rules that attract or repel the pod to nodes and to other pods when scheduling.',
      automountServiceAccountToken: 'boolean|Whether the service account token is mounted into the containers.',
      containers: '![]Container|The containers of the pod; at least one. Cannot be added or removed after creation.',
      dnsConfig: 'PodDNSConfig|Extra DNS settings merged into the resolver configuration generated from dnsPolicy.',
      dnsPolicy: 'string=ClusterFirst,ClusterFirstWithHostNet,Default,None|How the pod\'s DNS resolution is set up. Defaults to ClusterFirst.',
      enableServiceLinks: 'boolean|Whether environment variables describing services are injected into the containers. Defaults to true.',
      ephemeralContainers: '[]EphemeralContainer|Temporary containers added to a running pod for debugging (kubectl debug).',
      hostAliases: '[]HostAlias|Extra entries written to the pod\'s /etc/hosts.',
      hostIPC: 'boolean|Use the node\'s IPC namespace.',
      hostNetwork: 'boolean|Use the node\'s network namespace instead of a pod network.',
      hostPID: 'boolean|Use the node\'s process id namespace.',
      hostUsers: 'boolean|Whether the pod uses the node\'s user namespace (true, the default) or its own.',
      hostname: 'string|The pod\'s hostname; defaults to the pod name.',
      imagePullSecrets: '[]LocalObjectReference|Secrets in the same namespace used to pull the images.',
      initContainers: '[]Container|Containers run one after the other to completion before the main containers start.',
      nodeName: 'string|The node the pod is bound to. Set by the scheduler; setting it yourself skips scheduling.',
      nodeSelector: 'map[string]string|Labels a node must have for the pod to be scheduled there.',
      os: 'PodOS|The operating system the containers need (linux or windows).',
      overhead: 'map[string]Quantity|Resources the pod\'s runtime class costs beyond its containers.',
      preemptionPolicy: 'string=Never,PreemptLowerPriority|Whether the pod may evict lower-priority pods to be scheduled.',
      priority: 'integer|The pod\'s priority, filled in from priorityClassName by admission.',
      priorityClassName: 'string|The PriorityClass that sets the pod\'s priority.',
      readinessGates: '[]PodReadinessGate|Extra conditions that must be True for the pod to be ready.',
      resourceClaims: '[]PodResourceClaim|Dynamically allocated resources the containers can use.',
      resources: 'ResourceRequirements|Resources for the pod as a whole (alpha, PodLevelResources).',
      restartPolicy: 'string=Always,Never,OnFailure|When the kubelet restarts exited containers. Defaults to Always.',
      runtimeClassName: 'string|The RuntimeClass used to run the pod.',
      schedulerName: 'string|The scheduler responsible for the pod. Defaults to default-scheduler.',
      schedulingGates: '[]PodSchedulingGate|While any gate is present the pod is not scheduled.',
      securityContext: 'PodSecurityContext|Security settings for all containers of the pod.',
      serviceAccount: 'string|Deprecated alias of serviceAccountName.',
      serviceAccountName: 'string|The service account the pod runs as. Defaults to default.',
      setHostnameAsFQDN: 'boolean|Set the kernel hostname to the pod\'s fully qualified domain name.',
      shareProcessNamespace: 'boolean|Share one process namespace among all containers of the pod.',
      subdomain: 'string|With hostname, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.',
      terminationGracePeriodSeconds: 'integer|Seconds the pod has to stop after SIGTERM before it is killed. Defaults to 30.',
      tolerations: '[]Toleration|Taints the pod tolerates.',
      topologySpreadConstraints: '[]TopologySpreadConstraint|How the pods of a group are spread across zones, nodes or other topology domains.',
      volumes: '[]Volume|Volumes the containers can mount.',
    },
  },
  Container: {
    d: 'One application container of a pod.',
    f: CONTAINER_FIELDS,
  },
  EphemeralContainer: {
    d: 'A temporary container added to a running pod, for debugging; it is never restarted and has no resources or ports guarantees.',
    f: {
      ...CONTAINER_FIELDS,
      targetContainerName: 'string|The container whose process namespace (and so processes) the ephemeral container shares.',
    },
  },
  ResourceRequirements: {
    d: 'The compute resources a container requests (used for scheduling) and is limited to (enforced at run time).',
    f: {
      claims: '[]ResourceClaim|Names of the pod\'s resource claims this container uses.',
      limits: 'map[string]Quantity|The most of each resource the container may use, such as cpu: 500m or memory: 256Mi.',
      requests: 'map[string]Quantity|The amount of each resource reserved for the container; defaults to the limits when only those are set.',
    },
  },
  ResourceClaim: { d: 'A reference to one of the pod\'s resource claims.', f: { name: '!string|The claim\'s name in spec.resourceClaims.', request: 'string|One request within the claim.' } },
  Probe: {
    d: 'A health check the kubelet runs against a container: a command, an HTTP GET, a TCP connection or a gRPC call.',
    f: {
      exec: 'ExecAction|Run a command in the container; exit status 0 is success.',
      failureThreshold: 'integer|Consecutive failures before the probe counts as failed. Defaults to 3.',
      grpc: 'GRPCAction|Call the gRPC health checking service.',
      httpGet: 'HTTPGetAction|Send an HTTP GET; a status from 200 to 399 is success.',
      initialDelaySeconds: 'integer|Seconds after the container starts before the first probe.',
      periodSeconds: 'integer|Seconds between probes. Defaults to 10.',
      successThreshold: 'integer|Consecutive successes after a failure before the probe counts as passing. Defaults to 1.',
      tcpSocket: 'TCPSocketAction|Open a TCP connection; connecting is success.',
      terminationGracePeriodSeconds: 'integer|Grace period used when the probe failure kills the container.',
      timeoutSeconds: 'integer|Seconds before a probe attempt times out. Defaults to 1.',
    },
  },
  ExecAction: { d: 'A command run inside the container.', f: { command: '[]string|The command and its arguments, run without a shell.' } },
  HTTPGetAction: {
    d: 'An HTTP GET request made by the kubelet.',
    f: {
      host: 'string|Host to connect to; defaults to the pod IP.',
      httpHeaders: '[]HTTPHeader|Extra request headers.',
      path: 'string|The path to request.',
      port: '!IntOrString|The port number or name to connect to.',
      scheme: 'string=HTTP,HTTPS|HTTP or HTTPS. Defaults to HTTP.',
    },
  },
  HTTPHeader: { d: 'One HTTP header.', f: { name: '!string|The header name.', value: '!string|The header value.' } },
  TCPSocketAction: { d: 'A TCP connection attempt.', f: { host: 'string|Host to connect to; defaults to the pod IP.', port: '!IntOrString|The port number or name to connect to.' } },
  GRPCAction: { d: 'A gRPC health check call.', f: { port: '!integer|The port of the gRPC service.', service: 'string|The service name sent in the health check request.' } },
  Lifecycle: {
    d: 'Hooks the kubelet runs around a container\'s start and stop.',
    f: {
      postStart: 'LifecycleHandler|Runs right after the container is created; the container is restarted if it fails.',
      preStop: 'LifecycleHandler|Runs before the container is stopped; the grace period keeps counting meanwhile.',
    },
  },
  LifecycleHandler: {
    d: 'The action of a lifecycle hook; exactly one is set.',
    f: {
      exec: 'ExecAction|Run a command in the container.',
      httpGet: 'HTTPGetAction|Send an HTTP GET.',
      sleep: 'SleepAction|Wait for a number of seconds.',
      tcpSocket: 'TCPSocketAction|Deprecated; kept for compatibility and not run.',
    },
  },
  SleepAction: { d: 'A pause.', f: { seconds: '!integer|Seconds to sleep.' } },
  ContainerPort: {
    d: 'A network port a container listens on.',
    f: {
      containerPort: '!integer|The port number in the pod\'s IP address (1-65535).',
      hostIP: 'string|The node IP to bind a hostPort to.',
      hostPort: 'integer|A port on the node forwarded to this one; rarely needed.',
      name: 'string|A name for the port (an IANA service name) that services and probes can refer to.',
      protocol: 'string=SCTP,TCP,UDP|TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
  EnvVar: {
    d: 'One environment variable.',
    f: {
      name: '!string|The variable\'s name.',
      value: 'string|A literal value; $(VAR) references to earlier variables are expanded.',
      valueFrom: 'EnvVarSource|Take the value from a ConfigMap, a Secret, a pod field or a resource amount instead.',
    },
  },
  EnvVarSource: {
    d: 'Where an environment variable\'s value comes from.',
    f: {
      configMapKeyRef: 'ConfigMapKeySelector|A key of a ConfigMap.',
      fieldRef: 'ObjectFieldSelector|A field of the pod, such as metadata.name or status.podIP.',
      resourceFieldRef: 'ResourceFieldSelector|A container\'s resource limit or request.',
      secretKeyRef: 'SecretKeySelector|A key of a Secret.',
    },
  },
  ConfigMapKeySelector: {
    d: 'One key of a ConfigMap.',
    f: { key: '!string|The key to use.', name: 'string|The ConfigMap\'s name.', optional: 'boolean|Allow the ConfigMap or key to be missing.' },
  },
  SecretKeySelector: {
    d: 'One key of a Secret.',
    f: { key: '!string|The key to use.', name: 'string|The Secret\'s name.', optional: 'boolean|Allow the Secret or key to be missing.' },
  },
  ObjectFieldSelector: {
    d: 'A field of the pod, by path.',
    f: { apiVersion: 'string|The schema version the path is written in. Defaults to v1.', fieldPath: '!string|The path of the field, such as metadata.labels[\'app\'].' },
  },
  ResourceFieldSelector: {
    d: 'A container resource amount, such as limits.memory.',
    f: {
      containerName: 'string|The container; required for volumes, optional for env.',
      divisor: 'Quantity|The unit the amount is expressed in. Defaults to 1.',
      resource: '!string|The resource, such as limits.cpu or requests.memory.',
    },
  },
  EnvFromSource: {
    d: 'A ConfigMap or Secret whose keys all become environment variables.',
    f: {
      configMapRef: 'ConfigMapEnvSource|The ConfigMap to read.',
      prefix: 'string|A prefix added to every variable name.',
      secretRef: 'SecretEnvSource|The Secret to read.',
    },
  },
  ConfigMapEnvSource: { d: 'A ConfigMap read as environment variables.', f: { name: 'string|The ConfigMap\'s name.', optional: 'boolean|Allow the ConfigMap to be missing.' } },
  SecretEnvSource: { d: 'A Secret read as environment variables.', f: { name: 'string|The Secret\'s name.', optional: 'boolean|Allow the Secret to be missing.' } },
  VolumeMount: {
    d: 'Where a volume appears in a container\'s filesystem.',
    f: {
      mountPath: '!string|The path in the container; must not contain \':\'.',
      mountPropagation: 'string=Bidirectional,HostToContainer,None|How mounts propagate between the node and the container. Defaults to None.',
      name: '!string|The name of a volume of the pod.',
      readOnly: 'boolean|Mount read-only. Defaults to false.',
      recursiveReadOnly: 'string|Whether read-only mounts are read-only recursively (Disabled, IfPossible or Enabled).',
      subPath: 'string|A path inside the volume to mount instead of its root.',
      subPathExpr: 'string|Like subPath, with $(VAR) references to the container\'s environment expanded.',
    },
  },
  VolumeDevice: { d: 'A raw block device mapped into a container.', f: { devicePath: '!string|The device path in the container.', name: '!string|The name of a persistentVolumeClaim volume of the pod.' } },
  Volume: {
    d: 'A named volume in a pod that its containers can mount; exactly one source is set.',
    f: {
      awsElasticBlockStore: plugin('AWSElasticBlockStoreVolumeSource', 'Deprecated in-tree AWS EBS disk; use the EBS CSI driver'),
      azureDisk: plugin('AzureDiskVolumeSource', 'Deprecated in-tree Azure data disk'),
      azureFile: plugin('AzureFileVolumeSource', 'Deprecated in-tree Azure File share'),
      cephfs: plugin('CephFSVolumeSource', 'Deprecated in-tree CephFS mount'),
      cinder: plugin('CinderVolumeSource', 'Deprecated in-tree OpenStack Cinder volume'),
      configMap: 'ConfigMapVolumeSource|The keys of a ConfigMap, as files.',
      csi: 'CSIVolumeSource|An ephemeral volume provided by a CSI driver.',
      downwardAPI: 'DownwardAPIVolumeSource|Pod fields and resource amounts, as files.',
      emptyDir: 'EmptyDirVolumeSource|An empty directory that lives as long as the pod.',
      ephemeral: 'EphemeralVolumeSource|A volume from a PersistentVolumeClaim created and deleted with the pod.',
      fc: plugin('FCVolumeSource', 'A Fibre Channel disk'),
      flexVolume: plugin('FlexVolumeSource', 'Deprecated FlexVolume driver'),
      flocker: plugin('FlockerVolumeSource', 'Deprecated Flocker dataset'),
      gcePersistentDisk: plugin('GCEPersistentDiskVolumeSource', 'Deprecated in-tree GCE persistent disk'),
      gitRepo: plugin('GitRepoVolumeSource', 'Deprecated: a git repository cloned into the volume'),
      glusterfs: plugin('GlusterfsVolumeSource', 'Deprecated Glusterfs mount'),
      hostPath: 'HostPathVolumeSource|A file or directory of the node; use with care.',
      image: 'ImageVolumeSource|The contents of an OCI image, read-only.',
      iscsi: plugin('ISCSIVolumeSource', 'An iSCSI disk'),
      name: '!string|The volume\'s name, which mounts refer to (a DNS label).',
      nfs: 'NFSVolumeSource|An NFS share.',
      persistentVolumeClaim: 'PersistentVolumeClaimVolumeSource|The volume bound to a PersistentVolumeClaim in the namespace.',
      photonPersistentDisk: plugin('PhotonPersistentDiskVolumeSource', 'Deprecated Photon Controller disk'),
      portworxVolume: plugin('PortworxVolumeSource', 'Deprecated in-tree Portworx volume'),
      projected: 'ProjectedVolumeSource|Several sources (secrets, configmaps, downward API, tokens) merged in one directory.',
      quobyte: plugin('QuobyteVolumeSource', 'Deprecated Quobyte mount'),
      rbd: plugin('RBDVolumeSource', 'Deprecated Rados block device'),
      scaleIO: plugin('ScaleIOVolumeSource', 'Deprecated ScaleIO volume'),
      secret: 'SecretVolumeSource|The keys of a Secret, as files.',
      storageos: plugin('StorageOSVolumeSource', 'Deprecated StorageOS volume'),
      vsphereVolume: plugin('VsphereVirtualDiskVolumeSource', 'Deprecated in-tree vSphere disk'),
    },
  },
  ConfigMapVolumeSource: {
    d: 'A ConfigMap projected into files, one per key unless items picks them.',
    f: {
      defaultMode: 'integer|File mode bits for the files, 0000-0777 (YAML accepts octal). Defaults to 0644.',
      items: '[]KeyToPath|Which keys to project, and to which paths; all keys when empty.',
      name: 'string|The ConfigMap\'s name.',
      optional: 'boolean|Allow the ConfigMap or its keys to be missing.',
    },
  },
  SecretVolumeSource: {
    d: 'A Secret projected into files, one per key unless items picks them.',
    f: {
      defaultMode: 'integer|File mode bits for the files, 0000-0777. Defaults to 0644.',
      items: '[]KeyToPath|Which keys to project, and to which paths; all keys when empty.',
      optional: 'boolean|Allow the Secret or its keys to be missing.',
      secretName: 'string|The Secret\'s name, in the pod\'s namespace.',
    },
  },
  KeyToPath: {
    d: 'One key projected to a file path.',
    f: { key: '!string|The key.', mode: 'integer|File mode bits for this file.', path: '!string|The relative path of the file; must not contain \'..\'.' },
  },
  EmptyDirVolumeSource: {
    d: 'A scratch directory created when the pod starts and removed when it goes.',
    f: {
      medium: 'string|Storage medium: empty for the node\'s disk, Memory for a tmpfs.',
      sizeLimit: 'Quantity|The most the volume may hold.',
    },
  },
  HostPathVolumeSource: {
    d: 'A path on the node\'s filesystem.',
    f: {
      path: '!string|The path on the node; symlinks are followed.',
      type: 'string=,BlockDevice,CharDevice,Directory,DirectoryOrCreate,File,FileOrCreate,Socket|What must exist at the path; empty skips the check.',
    },
  },
  PersistentVolumeClaimVolumeSource: {
    d: 'A reference to a PersistentVolumeClaim in the pod\'s namespace.',
    f: { claimName: '!string|The claim\'s name.', readOnly: 'boolean|Mount read-only.' },
  },
  NFSVolumeSource: {
    d: 'An NFS export.',
    f: { path: '!string|The exported path.', readOnly: 'boolean|Mount read-only.', server: '!string|The NFS server\'s hostname or IP.' },
  },
  SecurityContext: {
    d: 'Security settings for one container; where the pod security context has the same field, this one wins.',
    f: {
      allowPrivilegeEscalation: 'boolean|Whether a process can gain more privileges than its parent (no_new_privs).',
      appArmorProfile: 'AppArmorProfile|The AppArmor profile to run with.',
      capabilities: 'Capabilities|Linux capabilities to add or drop.',
      privileged: 'boolean|Run as privileged: like root on the node.',
      procMount: 'string=Default,Unmasked|The kind of /proc mount.',
      readOnlyRootFilesystem: 'boolean|Mount the container\'s root filesystem read-only.',
      runAsGroup: 'integer|The GID the entrypoint runs as.',
      runAsNonRoot: 'boolean|Refuse to start the container if it would run as UID 0.',
      runAsUser: 'integer|The UID the entrypoint runs as.',
      seLinuxOptions: 'SELinuxOptions|The SELinux context.',
      seccompProfile: 'SeccompProfile|The seccomp profile.',
      windowsOptions: 'WindowsSecurityContextOptions|Windows-specific settings.',
    },
  },
  Capabilities: { d: 'Linux capabilities added to or dropped from a container.', f: { add: '[]string|Capabilities to add, such as NET_ADMIN.', drop: '[]string|Capabilities to drop, such as ALL.' } },
  PodSecurityContext: {
    d: 'Security settings that apply to every container of a pod.',
    f: {
      appArmorProfile: 'AppArmorProfile|The AppArmor profile for the containers.',
      fsGroup: 'integer|A supplemental group that owns the pod\'s volumes and is added to every container.',
      fsGroupChangePolicy: 'string=Always,OnRootMismatch|When volume ownership is changed to fsGroup.',
      runAsGroup: 'integer|The GID the containers\' entrypoints run as.',
      runAsNonRoot: 'boolean|Refuse to start containers that would run as UID 0.',
      runAsUser: 'integer|The UID the containers\' entrypoints run as.',
      seLinuxChangePolicy: 'string|How SELinux labels are applied to the pod\'s volumes.',
      seLinuxOptions: 'SELinuxOptions|The SELinux context for all containers.',
      seccompProfile: 'SeccompProfile|The seccomp profile for all containers.',
      supplementalGroups: '[]integer|Extra groups for the first process of each container.',
      supplementalGroupsPolicy: 'string=Merge,Strict|How supplemental groups are worked out.',
      sysctls: '[]Sysctl|Namespaced kernel parameters set for the pod.',
      windowsOptions: 'WindowsSecurityContextOptions|Windows-specific settings.',
    },
  },
  Toleration: {
    d: 'Lets a pod be scheduled on (or stay on) nodes with a matching taint.',
    f: {
      effect: 'string=NoExecute,NoSchedule,PreferNoSchedule|The taint effect to match; empty matches all effects.',
      key: 'string|The taint key to match; empty with Exists matches every taint.',
      operator: 'string=Equal,Exists|Equal (the default) compares value; Exists matches any value.',
      tolerationSeconds: 'integer|For NoExecute: how long the pod stays after the taint appears; forever when unset.',
      value: 'string|The taint value to match with Equal.',
    },
  },
  Affinity: {
    d: 'Scheduling rules for a pod relative to nodes and other pods.',
    f: {
      nodeAffinity: 'NodeAffinity|Which nodes the pod is drawn to or must run on.',
      podAffinity: 'PodAffinity|Which pods this pod should run near.',
      podAntiAffinity: 'PodAntiAffinity|Which pods this pod should stay away from.',
    },
  },
  NodeAffinity: {
    d: 'Node selection rules.',
    f: {
      preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm|Weighted preferences; the scheduler favours nodes with the highest total.',
      requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector|Rules a node must meet for the pod to be scheduled there.',
    },
  },
  NodeSelector: { d: 'Node selector terms, of which at least one must match (ORed).', f: { nodeSelectorTerms: '![]NodeSelectorTerm|The terms.' } },
  NodeSelectorTerm: {
    d: 'Requirements on node labels and fields, all of which must hold (ANDed).',
    f: { matchExpressions: '[]NodeSelectorRequirement|Requirements on node labels.', matchFields: '[]NodeSelectorRequirement|Requirements on node fields.' },
  },
  NodeSelectorRequirement: {
    d: 'One requirement on a node label or field.',
    f: {
      key: '!string|The label key or field name.',
      operator: '!string=DoesNotExist,Exists,Gt,In,Lt,NotIn|How the key relates to the values.',
      values: '[]string|The values; one integer for Gt and Lt, none for Exists and DoesNotExist.',
    },
  },
  PreferredSchedulingTerm: { d: 'A weighted node preference.', f: { preference: '!NodeSelectorTerm|The node requirements.', weight: '!integer|The weight, 1-100.' } },
  PodAffinity: {
    d: 'Rules placing a pod in the same topology domain as other pods.',
    f: {
      preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm|Weighted preferences.',
      requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm|Terms that must all hold.',
    },
  },
  PodAntiAffinity: {
    d: 'Rules keeping a pod out of topology domains where other pods run.',
    f: {
      preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm|Weighted preferences.',
      requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm|Terms that must all hold.',
    },
  },
  PodAffinityTerm: {
    d: 'A set of pods, and the topology key that defines "near" them.',
    f: {
      labelSelector: 'LabelSelector|The pods the term is about.',
      matchLabelKeys: '[]string|Label keys whose values, taken from the incoming pod, are added to the selector.',
      mismatchLabelKeys: '[]string|Label keys whose values, taken from the incoming pod, must differ.',
      namespaceSelector: 'LabelSelector|The namespaces to look in, by label.',
      namespaces: '[]string|The namespaces to look in, by name; the pod\'s own when both are empty.',
      topologyKey: '!string|The node label that defines a domain, such as kubernetes.io/hostname.',
    },
  },
  WeightedPodAffinityTerm: { d: 'A weighted pod affinity term.', f: { podAffinityTerm: '!PodAffinityTerm|The term.', weight: '!integer|The weight, 1-100.' } },
  LocalObjectReference: { d: 'A reference to an object by name in the same namespace.', f: { name: 'string|The object\'s name.' } },
  PodStatus: {
    d: 'The observed state of a pod.',
    f: {
      conditions: '[]PodCondition|Conditions such as PodScheduled, Initialized, ContainersReady and Ready.',
      containerStatuses: '[]ContainerStatus|The state of each container.',
      ephemeralContainerStatuses: '[]ContainerStatus|The state of each ephemeral container.',
      hostIP: 'string|The IP of the node the pod runs on.',
      hostIPs: '[]HostIP|The IPs of the node the pod runs on.',
      initContainerStatuses: '[]ContainerStatus|The state of each init container.',
      message: 'string|A human-readable note on why the pod is in its phase.',
      nominatedNodeName: 'string|The node the pod may run on once preemption there is done.',
      phase: 'string=Failed,Pending,Running,Succeeded,Unknown|A summary of where the pod is in its lifecycle.',
      podIP: 'string|The pod\'s IP address.',
      podIPs: '[]PodIP|The pod\'s IP addresses.',
      qosClass: 'string=BestEffort,Burstable,Guaranteed|The quality of service class from the containers\' requests and limits.',
      reason: 'string|A brief CamelCase reason for the phase, such as Evicted.',
      resize: 'string|The state of an in-place resize.',
      resourceClaimStatuses: '[]PodResourceClaimStatus|The claims generated for the pod.',
      startTime: 'Time|When the kubelet acknowledged the pod.',
    },
  },

  Service: {
    d: 'A stable name and virtual IP in front of a set of pods chosen by label, with load balancing across them.',
    f: topLevel({
      spec: 'ServiceSpec|How the service is exposed and which pods it sends traffic to.',
      status: 'ServiceStatus|The service\'s observed state, such as its load balancer. Read-only.',
    }),
  },
  ServiceSpec: {
    d: 'The desired behaviour of a service.',
    f: {
      allocateLoadBalancerNodePorts: 'boolean|Whether a LoadBalancer service gets node ports. Defaults to true.',
      clusterIP: 'string|The virtual IP; assigned when empty, None makes a headless service. Cannot be changed.',
      clusterIPs: '[]string|The virtual IPs, one per IP family; the first equals clusterIP.',
      externalIPs: '[]string|Extra IPs on which nodes accept traffic for the service.',
      externalName: 'string|For type ExternalName: the DNS name the service is a CNAME for.',
      externalTrafficPolicy: 'string=Cluster,Local|Whether external traffic may go to pods on other nodes (Cluster) or only local ones (Local).',
      healthCheckNodePort: 'integer|The node port used for health checks with externalTrafficPolicy Local.',
      internalTrafficPolicy: 'string=Cluster,Local|Whether in-cluster traffic may go to any node\'s pods or only the local node\'s.',
      ipFamilies: '[]string|The IP families (IPv4, IPv6) of the service.',
      ipFamilyPolicy: 'string=PreferDualStack,RequireDualStack,SingleStack|Whether the service gets one or two IP families.',
      loadBalancerClass: 'string|The load balancer implementation for type LoadBalancer.',
      loadBalancerIP: 'string|Deprecated: a requested load balancer IP.',
      loadBalancerSourceRanges: '[]string|Client CIDRs allowed through a cloud load balancer.',
      ports: '[]ServicePort|The ports the service exposes.',
      publishNotReadyAddresses: 'boolean|Publish endpoints of pods that are not ready too.',
      selector: 'map[string]string|Pods with these labels receive the traffic; without a selector, endpoints are managed by hand.',
      sessionAffinity: 'string=ClientIP,None|ClientIP sends a client to the same pod each time. Defaults to None.',
      sessionAffinityConfig: 'SessionAffinityConfig|Settings for session affinity.',
      trafficDistribution: 'string|A preference for how traffic is spread, such as PreferClose.',
      type: 'string=ClusterIP,ExternalName,LoadBalancer,NodePort|How the service is exposed. Defaults to ClusterIP.',
    },
  },
  ServicePort: {
    d: 'One port a service exposes.',
    f: {
      appProtocol: 'string|The application protocol, as a hint to implementations.',
      name: 'string|The port\'s name; required when the service has several ports.',
      nodePort: 'integer|The port on every node for NodePort and LoadBalancer services; allocated when unset.',
      port: '!integer|The port the service listens on.',
      protocol: 'string=SCTP,TCP,UDP|TCP, UDP or SCTP. Defaults to TCP.',
      targetPort: 'IntOrString|The pods\' port number or name; defaults to port.',
    },
  },
  ServiceStatus: {
    d: 'The observed state of a service.',
    f: { conditions: '[]Condition|Conditions of the service.', loadBalancer: 'LoadBalancerStatus|The load balancer, if any.' },
  },
  LoadBalancerStatus: { d: 'The state of a load balancer.', f: { ingress: '[]LoadBalancerIngress|Its ingress points.' } },

  ConfigMap: {
    d: 'Non-secret configuration data as key/value pairs, for pods to read as environment variables, arguments or files.',
    f: topLevel({
      binaryData: 'map[string]string|Binary values, base64 encoded; keys must not repeat those of data.',
      data: 'map[string]string|UTF-8 values by key.',
      immutable: 'boolean|If true, the data cannot be changed, only the object deleted.',
    }),
  },
  Secret: {
    d: 'A small amount of sensitive data, such as a password, token or key, kept apart from pod specs.',
    f: topLevel({
      data: 'map[string]string|Values by key, base64 encoded.',
      immutable: 'boolean|If true, the data cannot be changed, only the object deleted.',
      stringData: 'map[string]string|Plain-text values, merged into data on write; never read back.',
      type: 'string|What the secret holds, such as Opaque or kubernetes.io/tls; fixes which keys it needs.',
    }),
  },
  Namespace: {
    d: 'A scope for names: most objects live in a namespace, and quotas and policies apply per namespace.',
    f: topLevel({
      spec: 'NamespaceSpec|The namespace\'s finalizers.',
      status: 'NamespaceStatus|Whether the namespace is active or terminating. Read-only.',
    }),
  },
  NamespaceSpec: { d: 'The desired state of a namespace.', f: { finalizers: '[]string|What must finish before the namespace is removed.' } },
  NamespaceStatus: {
    d: 'The observed state of a namespace.',
    f: { conditions: '[]NamespaceCondition|Conditions of the namespace.', phase: 'string=Active,Terminating|Active, or Terminating while its contents are deleted.' },
  },
  Node: {
    d: 'A worker machine that runs pods, registered by its kubelet.',
    f: topLevel({
      spec: 'NodeSpec|How the node is configured: taints, pod CIDR, schedulability.',
      status: 'NodeStatus|The node\'s reported state: capacity, conditions, addresses. Read-only.',
    }),
  },
  NodeSpec: {
    d: 'The desired state of a node.',
    f: {
      configSource: 'NodeConfigSource|Deprecated: dynamic kubelet configuration.',
      externalID: 'string|Deprecated.',
      podCIDR: 'string|The pod IP range assigned to the node.',
      podCIDRs: '[]string|The pod IP ranges assigned to the node, one per IP family.',
      providerID: 'string|The node\'s id at its cloud provider.',
      taints: '[]Taint|Taints that keep pods without matching tolerations away.',
      unschedulable: 'boolean|If true, no new pods are scheduled here (kubectl cordon).',
    },
  },
  Taint: {
    d: 'A mark on a node that repels pods that do not tolerate it.',
    f: {
      effect: '!string=NoExecute,NoSchedule,PreferNoSchedule|What happens to pods that do not tolerate the taint.',
      key: '!string|The taint key.',
      timeAdded: 'Time|When a NoExecute taint was added.',
      value: 'string|The taint value.',
    },
  },
  NodeStatus: {
    d: 'The observed state of a node.',
    f: {
      addresses: '[]NodeAddress|The node\'s hostnames and IPs.',
      allocatable: 'map[string]Quantity|What is left for pods after system reservations.',
      capacity: 'map[string]Quantity|The node\'s total resources.',
      conditions: '[]NodeCondition|Conditions such as Ready, MemoryPressure and DiskPressure.',
      config: 'NodeConfigStatus|Deprecated: dynamic kubelet configuration status.',
      daemonEndpoints: 'NodeDaemonEndpoints|The kubelet\'s port.',
      features: 'NodeFeatures|Features the node supports.',
      images: '[]ContainerImage|Images present on the node.',
      nodeInfo: 'NodeSystemInfo|Versions and ids of the node\'s OS, kernel, runtime and kubelet.',
      phase: 'string=Pending,Running,Terminated|Deprecated and unused.',
      runtimeHandlers: '[]NodeRuntimeHandler|The runtime handlers available.',
      volumesAttached: '[]AttachedVolume|Volumes attached to the node.',
      volumesInUse: '[]string|Volumes in use by pods on the node.',
    },
  },
  ResourceQuota: {
    d: 'Limits on the total resources and object counts a namespace may use.',
    f: topLevel({
      spec: 'ResourceQuotaSpec|The limits.',
      status: 'ResourceQuotaStatus|The limits in force and current usage. Read-only.',
    }),
  },
  ResourceQuotaSpec: {
    d: 'The limits a quota enforces.',
    f: {
      hard: 'map[string]Quantity|The most allowed of each resource, such as requests.cpu or pods.',
      scopeSelector: 'ScopeSelector|Which objects the quota counts, as expressions on scopes.',
      scopes: '[]string|Which objects the quota counts, such as BestEffort or Terminating.',
    },
  },
  ResourceQuotaStatus: {
    d: 'The observed state of a quota.',
    f: { hard: 'map[string]Quantity|The limits being enforced.', used: 'map[string]Quantity|What the namespace uses now.' },
  },
  LimitRange: {
    d: 'Per-object resource minimums, maximums and defaults for a namespace.',
    f: topLevel({ spec: 'LimitRangeSpec|The limits.' }),
  },
  LimitRangeSpec: { d: 'The limits of a LimitRange.', f: { limits: '![]LimitRangeItem|Limits, by kind of object.' } },
  LimitRangeItem: {
    d: 'Limits for one kind of object (Container, Pod or PersistentVolumeClaim).',
    f: {
      default: 'map[string]Quantity|Limits set on containers that give none.',
      defaultRequest: 'map[string]Quantity|Requests set on containers that give none.',
      max: 'map[string]Quantity|The most allowed.',
      maxLimitRequestRatio: 'map[string]Quantity|The largest allowed limit-to-request ratio.',
      min: 'map[string]Quantity|The least allowed.',
      type: '!string|Container, Pod or PersistentVolumeClaim.',
    },
  },
  ServiceAccount: {
    d: 'An identity for processes in pods, with its token and the secrets it may use.',
    f: topLevel({
      automountServiceAccountToken: 'boolean|Whether pods using this account get its token mounted; a pod can override.',
      imagePullSecrets: '[]LocalObjectReference|Secrets added to pods using this account for pulling images.',
      secrets: '[]ObjectReference|Deprecated: secrets for the account\'s pods.',
    }),
  },
  ObjectReference: {
    d: 'A reference to an object, with enough to find it.',
    f: {
      apiVersion: 'string|The object\'s API version.',
      fieldPath: 'string|A path within the object, such as a container.',
      kind: 'string|The object\'s kind.',
      name: 'string|The object\'s name.',
      namespace: 'string|The object\'s namespace.',
      resourceVersion: 'string|The version referred to.',
      uid: 'string|The object\'s uid.',
    },
  },
  PersistentVolumeClaim: {
    d: 'A request for storage by a user, bound to a PersistentVolume that satisfies it.',
    f: topLevel({
      spec: 'PersistentVolumeClaimSpec|The storage asked for.',
      status: 'PersistentVolumeClaimStatus|Whether and what the claim is bound to. Read-only.',
    }),
  },
  PersistentVolumeClaimSpec: {
    d: 'The storage a claim asks for.',
    f: {
      accessModes: '[]string|How the volume may be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.',
      dataSource: 'TypedLocalObjectReference|A snapshot or claim to fill the new volume from.',
      dataSourceRef: 'TypedObjectReference|Any populator object to fill the new volume from.',
      resources: 'VolumeResourceRequirements|The size wanted, as requests.storage.',
      selector: 'LabelSelector|Only bind to volumes with these labels.',
      storageClassName: 'string|The StorageClass; empty string means none, unset means the default class.',
      volumeAttributesClassName: 'string|The VolumeAttributesClass to use.',
      volumeMode: 'string=Block,Filesystem|Filesystem (default) or a raw Block device.',
      volumeName: 'string|Bind to this PersistentVolume.',
    },
  },
  VolumeResourceRequirements: {
    d: 'The storage a claim requests.',
    f: { limits: 'map[string]Quantity|The most storage allowed.', requests: 'map[string]Quantity|The least storage wanted, such as storage: 1Gi.' },
  },
  PersistentVolumeClaimStatus: {
    d: 'The observed state of a claim.',
    f: {
      accessModes: '[]string|The access modes of the bound volume.',
      allocatedResourceStatuses: 'map[string]string|The state of resize operations.',
      allocatedResources: 'map[string]Quantity|Storage allocated to the claim.',
      capacity: 'map[string]Quantity|The bound volume\'s size.',
      conditions: '[]PersistentVolumeClaimCondition|Conditions, such as resizing.',
      currentVolumeAttributesClassName: 'string|The VolumeAttributesClass in effect.',
      modifyVolumeStatus: 'ModifyVolumeStatus|The state of a volume modification.',
      phase: 'string=Bound,Lost,Pending|Pending, Bound, or Lost.',
    },
  },
  PersistentVolume: {
    d: 'A piece of storage in the cluster, provisioned by an administrator or dynamically by a StorageClass.',
    f: topLevel({
      spec: 'PersistentVolumeSpec|The volume\'s source, size and access modes.',
      status: 'PersistentVolumeStatus|The volume\'s phase. Read-only.',
    }),
  },
  PersistentVolumeSpec: {
    d: 'The desired state of a persistent volume.',
    f: {
      accessModes: '[]string|How the volume can be mounted.',
      awsElasticBlockStore: plugin('AWSElasticBlockStoreVolumeSource', 'Deprecated in-tree AWS EBS disk'),
      azureDisk: plugin('AzureDiskVolumeSource', 'Deprecated in-tree Azure data disk'),
      azureFile: plugin('AzureFilePersistentVolumeSource', 'Deprecated in-tree Azure File share'),
      capacity: 'map[string]Quantity|The volume\'s size, as storage.',
      cephfs: plugin('CephFSPersistentVolumeSource', 'Deprecated CephFS mount'),
      cinder: plugin('CinderPersistentVolumeSource', 'Deprecated OpenStack Cinder volume'),
      claimRef: 'ObjectReference|The claim bound to the volume.',
      csi: 'CSIPersistentVolumeSource|A volume of a CSI driver.',
      fc: plugin('FCVolumeSource', 'A Fibre Channel disk'),
      flexVolume: plugin('FlexPersistentVolumeSource', 'Deprecated FlexVolume driver'),
      flocker: plugin('FlockerVolumeSource', 'Deprecated Flocker dataset'),
      gcePersistentDisk: plugin('GCEPersistentDiskVolumeSource', 'Deprecated in-tree GCE persistent disk'),
      glusterfs: plugin('GlusterfsPersistentVolumeSource', 'Deprecated Glusterfs mount'),
      hostPath: 'HostPathVolumeSource|A path on one node; for single-node testing only.',
      iscsi: plugin('ISCSIPersistentVolumeSource', 'An iSCSI disk'),
      local: 'LocalVolumeSource|A disk, partition or directory of one node.',
      mountOptions: '[]string|Mount options, not validated.',
      nfs: 'NFSVolumeSource|An NFS share.',
      nodeAffinity: 'VolumeNodeAffinity|The nodes the volume can be reached from.',
      persistentVolumeReclaimPolicy: 'string=Delete,Recycle,Retain|What happens to the volume when its claim is deleted.',
      photonPersistentDisk: plugin('PhotonPersistentDiskVolumeSource', 'Deprecated Photon Controller disk'),
      portworxVolume: plugin('PortworxVolumeSource', 'Deprecated in-tree Portworx volume'),
      quobyte: plugin('QuobyteVolumeSource', 'Deprecated Quobyte mount'),
      rbd: plugin('RBDPersistentVolumeSource', 'Deprecated Rados block device'),
      scaleIO: plugin('ScaleIOPersistentVolumeSource', 'Deprecated ScaleIO volume'),
      storageClassName: 'string|The StorageClass the volume belongs to.',
      storageos: plugin('StorageOSPersistentVolumeSource', 'Deprecated StorageOS volume'),
      volumeAttributesClassName: 'string|The VolumeAttributesClass of the volume.',
      volumeMode: 'string=Block,Filesystem|Filesystem (default) or a raw Block device.',
      vsphereVolume: plugin('VsphereVirtualDiskVolumeSource', 'Deprecated in-tree vSphere disk'),
    },
  },
  PersistentVolumeStatus: {
    d: 'The observed state of a persistent volume.',
    f: {
      lastPhaseTransitionTime: 'Time|When the phase last changed.',
      message: 'string|A human-readable note on the phase.',
      phase: 'string=Available,Bound,Failed,Pending,Released|Where the volume is in its lifecycle.',
      reason: 'string|A brief CamelCase reason for a failure.',
    },
  },
});

/** A status condition: the shape most kinds share (some add lastProbeTime, lastUpdateTime or lastHeartbeatTime). */
export function condition(what: string, extra: Record<string, string> = {}): { d: string; f: Record<string, string> } {
  return {
    d: `One observed condition of ${what}.`,
    f: {
      lastTransitionTime: 'Time|When the condition last changed status.',
      message: 'string|A human-readable explanation of the last transition.',
      reason: 'string|A one-word CamelCase reason for the last transition.',
      status: '!string|True, False or Unknown.',
      type: '!string|The condition type.',
      ...extra,
    },
  };
}

defineTypes({
  PodCondition: condition('a pod', { lastProbeTime: 'Time|When the condition was last probed.' }),
  NamespaceCondition: condition('a namespace'),
  NodeCondition: condition('a node', { lastHeartbeatTime: 'Time|When the kubelet last reported this condition.' }),
  PersistentVolumeClaimCondition: condition('a claim', { lastProbeTime: 'Time|When the condition was last probed.' }),
  TopologySpreadConstraint: {
    d: 'How evenly a group of pods must (or should) be spread across a topology such as zones or nodes.',
    f: {
      labelSelector: 'LabelSelector|The pods counted when measuring the spread.',
      matchLabelKeys: '[]string|Label keys whose values, taken from the incoming pod, narrow the counted pods.',
      maxSkew: '!integer|The largest allowed difference in pod count between any two domains.',
      minDomains: 'integer|The fewest eligible domains; fewer are treated as having zero pods.',
      nodeAffinityPolicy: 'string=Honor,Ignore|Whether node affinity and selectors limit the domains counted.',
      nodeTaintsPolicy: 'string=Honor,Ignore|Whether node taints limit the domains counted.',
      topologyKey: '!string|The node label whose values are the domains, such as topology.kubernetes.io/zone.',
      whenUnsatisfiable: '!string=DoNotSchedule,ScheduleAnyway|What to do with a pod that would break maxSkew.',
    },
  },
  DownwardAPIVolumeSource: {
    d: 'Pod metadata and resource amounts written as files.',
    f: {
      defaultMode: 'integer|File mode bits for the files. Defaults to 0644.',
      items: '[]DownwardAPIVolumeFile|The files to write.',
    },
  },
  DownwardAPIVolumeFile: {
    d: 'One file holding a pod field or resource amount.',
    f: {
      fieldRef: 'ObjectFieldSelector|A pod field: metadata.name, metadata.namespace, metadata.labels, metadata.annotations, metadata.uid.',
      mode: 'integer|File mode bits for this file.',
      path: '!string|The relative path of the file.',
      resourceFieldRef: 'ResourceFieldSelector|A container\'s resource limit or request.',
    },
  },
  ProjectedVolumeSource: {
    d: 'Several volume sources projected into one directory.',
    f: {
      defaultMode: 'integer|File mode bits for the files. Defaults to 0644.',
      sources: '[]VolumeProjection|The sources.',
    },
  },
  VolumeProjection: {
    d: 'One source of a projected volume.',
    f: {
      clusterTrustBundle: 'ClusterTrustBundleProjection|Certificates from ClusterTrustBundle objects.',
      configMap: 'ConfigMapProjection|Keys of a ConfigMap.',
      downwardAPI: 'DownwardAPIProjection|Pod fields and resource amounts.',
      secret: 'SecretProjection|Keys of a Secret.',
      serviceAccountToken: 'ServiceAccountTokenProjection|A bound service account token.',
    },
  },
  ConfigMapProjection: {
    d: 'A ConfigMap\'s keys in a projected volume.',
    f: { items: '[]KeyToPath|Which keys, to which paths.', name: 'string|The ConfigMap\'s name.', optional: 'boolean|Allow the ConfigMap or keys to be missing.' },
  },
  SecretProjection: {
    d: 'A Secret\'s keys in a projected volume.',
    f: { items: '[]KeyToPath|Which keys, to which paths.', name: 'string|The Secret\'s name.', optional: 'boolean|Allow the Secret or keys to be missing.' },
  },
  DownwardAPIProjection: { d: 'Downward API files in a projected volume.', f: { items: '[]DownwardAPIVolumeFile|The files to write.' } },
  ServiceAccountTokenProjection: {
    d: 'A token for the pod\'s service account, rotated by the kubelet.',
    f: {
      audience: 'string|The audience the token is for; the API server when empty.',
      expirationSeconds: 'integer|How long the token is valid. Defaults to 1 hour.',
      path: '!string|The file path of the token.',
    },
  },
  CSIVolumeSource: {
    d: 'An ephemeral volume from a CSI driver.',
    f: {
      driver: '!string|The CSI driver\'s name.',
      fsType: 'string|The filesystem type.',
      nodePublishSecretRef: 'LocalObjectReference|A Secret passed to the driver.',
      readOnly: 'boolean|Mount read-only.',
      volumeAttributes: 'map[string]string|Driver-specific settings.',
    },
  },
  EphemeralVolumeSource: {
    d: 'A claim created for the pod, from a template, and deleted with it.',
    f: { volumeClaimTemplate: 'PersistentVolumeClaimTemplate|The claim to create.' },
  },
  PersistentVolumeClaimTemplate: {
    d: 'A template for a PersistentVolumeClaim.',
    f: { metadata: 'ObjectMeta|Labels and annotations of the claim.', spec: '!PersistentVolumeClaimSpec|The claim\'s spec.' },
  },
  SeccompProfile: {
    d: 'A seccomp profile; type says which.',
    f: {
      localhostProfile: 'string|For Localhost: the profile file, relative to the kubelet\'s seccomp directory.',
      type: '!string=Localhost,RuntimeDefault,Unconfined|Which profile to use.',
    },
  },
  AppArmorProfile: {
    d: 'An AppArmor profile; type says which.',
    f: {
      localhostProfile: 'string|For Localhost: the name of a profile loaded on the node.',
      type: '!string=Localhost,RuntimeDefault,Unconfined|Which profile to use.',
    },
  },
  SELinuxOptions: {
    d: 'SELinux labels for a container.',
    f: { level: 'string|The level label.', role: 'string|The role label.', type: 'string|The type label.', user: 'string|The user label.' },
  },
  WindowsSecurityContextOptions: {
    d: 'Windows-specific security settings.',
    f: {
      gmsaCredentialSpec: 'string|The GMSA credential spec contents.',
      gmsaCredentialSpecName: 'string|The name of the GMSA credential spec.',
      hostProcess: 'boolean|Run as a Windows host process.',
      runAsUserName: 'string|The Windows user to run the entrypoint as.',
    },
  },
  Sysctl: { d: 'A kernel parameter.', f: { name: '!string|The parameter\'s name.', value: '!string|Its value.' } },
  ContainerResizePolicy: {
    d: 'How one resource of a container is resized in place.',
    f: { resourceName: '!string|cpu or memory.', restartPolicy: '!string|NotRequired or RestartContainer.' },
  },
  PodDNSConfig: {
    d: 'DNS resolver settings for a pod.',
    f: {
      nameservers: '[]string|DNS server IPs.',
      options: '[]PodDNSConfigOption|Resolver options.',
      searches: '[]string|Search domains.',
    },
  },
  PodDNSConfigOption: { d: 'A resolver option.', f: { name: 'string|The option\'s name, such as ndots.', value: 'string|Its value.' } },
  HostAlias: { d: 'An /etc/hosts entry.', f: { hostnames: '[]string|Hostnames for the IP.', ip: '!string|The IP address.' } },
  PodOS: { d: 'The operating system of a pod.', f: { name: '!string|linux or windows.' } },
  PodReadinessGate: { d: 'An extra condition for pod readiness.', f: { conditionType: '!string|The condition type that must be True.' } },
  PodSchedulingGate: { d: 'A gate that holds the pod back from scheduling.', f: { name: '!string|The gate\'s name.' } },
  PodResourceClaim: {
    d: 'A resource claim the pod uses.',
    f: {
      name: '!string|The name containers refer to.',
      resourceClaimName: 'string|An existing ResourceClaim.',
      resourceClaimTemplateName: 'string|A template the claim is created from.',
    },
  },
  ContainerStatus: {
    d: 'The observed state of one container.',
    f: {
      allocatedResources: 'map[string]Quantity|Resources allocated to the container.',
      allocatedResourcesStatus: '[]ResourceStatus|Health of allocated devices.',
      containerID: 'string|The runtime\'s id for the container.',
      image: '!string|The image the container runs.',
      imageID: '!string|The image\'s id (digest).',
      lastState: 'ContainerState|The state of the previous run, after a restart.',
      name: '!string|The container\'s name.',
      ready: '!boolean|Whether the container passes its readiness probe.',
      resources: 'ResourceRequirements|The requests and limits in effect.',
      restartCount: '!integer|How many times the container restarted.',
      started: 'boolean|Whether the container has passed its startup probe.',
      state: 'ContainerState|The current state.',
      user: 'ContainerUser|The identity the container runs as.',
      volumeMounts: '[]VolumeMountStatus|The mounts.',
    },
  },
  ContainerState: {
    d: 'A container\'s state: waiting, running or terminated.',
    f: {
      running: 'ContainerStateRunning|Running, since startedAt.',
      terminated: 'ContainerStateTerminated|Finished, with an exit code.',
      waiting: 'ContainerStateWaiting|Not running yet, with a reason such as ContainerCreating or CrashLoopBackOff.',
    },
  },
  ContainerStateRunning: { d: 'A running container.', f: { startedAt: 'Time|When it (re)started.' } },
  ContainerStateWaiting: { d: 'A waiting container.', f: { message: 'string|Details.', reason: 'string|Why it is waiting.' } },
  ContainerStateTerminated: {
    d: 'A finished container.',
    f: {
      containerID: 'string|The runtime\'s id for the container.',
      exitCode: '!integer|The exit code.',
      finishedAt: 'Time|When it ended.',
      message: 'string|Details.',
      reason: 'string|Why it ended, such as Completed, Error or OOMKilled.',
      signal: 'integer|The signal that ended it.',
      startedAt: 'Time|When it started.',
    },
  },
  HostIP: { d: 'One IP of the node.', f: { ip: '!string|The IP address.' } },
  PodIP: { d: 'One IP of the pod.', f: { ip: '!string|The IP address.' } },
  SessionAffinityConfig: { d: 'Session affinity settings.', f: { clientIP: 'ClientIPConfig|Settings for ClientIP affinity.' } },
  ClientIPConfig: { d: 'ClientIP affinity settings.', f: { timeoutSeconds: 'integer|How long a client sticks to a pod. Defaults to 10800 (3 hours).' } },
  LoadBalancerIngress: {
    d: 'An ingress point of a load balancer.',
    f: {
      hostname: 'string|A DNS name.',
      ip: 'string|An IP address.',
      ipMode: 'string|How traffic to the IP reaches the nodes: VIP or Proxy.',
      ports: '[]PortStatus|The state of its ports.',
    },
  },
  PortStatus: {
    d: 'The state of one service port.',
    f: { error: 'string|A problem with the port, if any.', port: '!integer|The port number.', protocol: '!string=SCTP,TCP,UDP|The protocol.' },
  },
  NodeAddress: { d: 'An address of a node.', f: { address: '!string|The address.', type: '!string|Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.' } },
  NodeDaemonEndpoints: { d: 'Ports of daemons on the node.', f: { kubeletEndpoint: 'DaemonEndpoint|The kubelet\'s port.' } },
  DaemonEndpoint: { d: 'A daemon\'s port.', f: { Port: '!integer|The port number.' } },
  ContainerImage: { d: 'An image on a node.', f: { names: '[]string|Its names and digests.', sizeBytes: 'integer|Its size.' } },
  NodeSystemInfo: {
    d: 'Ids and versions reported by the node.',
    f: {
      architecture: '!string|The CPU architecture.',
      bootID: '!string|Changes on every reboot.',
      containerRuntimeVersion: '!string|The container runtime and its version.',
      kernelVersion: '!string|The kernel version.',
      kubeProxyVersion: '!string|Deprecated and unreliable.',
      kubeletVersion: '!string|The kubelet version.',
      machineID: '!string|The machine id.',
      operatingSystem: '!string|linux or windows.',
      osImage: '!string|The OS image, such as Ubuntu 22.04.',
      systemUUID: '!string|The system UUID.',
    },
  },
  ScopeSelector: { d: 'Quota scopes, as expressions.', f: { matchExpressions: '[]ScopedResourceSelectorRequirement|The expressions, ANDed.' } },
  ScopedResourceSelectorRequirement: {
    d: 'One requirement on a quota scope.',
    f: {
      operator: '!string=DoesNotExist,Exists,In,NotIn|How the scope relates to the values.',
      scopeName: '!string=BestEffort,CrossNamespacePodAffinity,NotBestEffort,NotTerminating,PriorityClass,Terminating|The scope.',
      values: '[]string|The values for In and NotIn.',
    },
  },
  TypedObjectReference: {
    d: 'A reference to an object of any type, possibly in another namespace.',
    f: {
      apiGroup: 'string|The object\'s API group; core when empty.',
      kind: '!string|The object\'s kind.',
      name: '!string|The object\'s name.',
      namespace: 'string|The object\'s namespace.',
    },
  },
  LocalVolumeSource: {
    d: 'A disk, partition or directory directly on a node.',
    f: { fsType: 'string|The filesystem type, for block devices.', path: '!string|The full path on the node.' },
  },
  ImageVolumeSource: {
    d: 'An OCI image or artifact mounted read-only.',
    f: {
      pullPolicy: 'string=Always,IfNotPresent,Never|When the image is pulled.',
      reference: 'string|The image reference, as for a container image.',
    },
  },
  CSIPersistentVolumeSource: {
    d: 'A persistent volume of a CSI driver.',
    f: {
      controllerExpandSecretRef: 'SecretReference|A Secret for expand calls.',
      controllerPublishSecretRef: 'SecretReference|A Secret for publish calls.',
      driver: '!string|The CSI driver\'s name.',
      fsType: 'string|The filesystem type.',
      nodeExpandSecretRef: 'SecretReference|A Secret for node expand calls.',
      nodePublishSecretRef: 'SecretReference|A Secret for node publish calls.',
      nodeStageSecretRef: 'SecretReference|A Secret for node stage calls.',
      readOnly: 'boolean|Publish read-only.',
      volumeAttributes: 'map[string]string|Driver-specific settings.',
      volumeHandle: '!string|The driver\'s id for the volume.',
    },
  },
  SecretReference: { d: 'A reference to a Secret, possibly in another namespace.', f: { name: 'string|The Secret\'s name.', namespace: 'string|The Secret\'s namespace.' } },
  VolumeNodeAffinity: { d: 'The nodes a volume can be used from.', f: { required: 'NodeSelector|Nodes that must match.' } },
});

defineTypes({
  ReplicationController: {
    d: 'The older form of ReplicaSet: keeps a number of identical pods running, selected by equality on labels.',
    f: topLevel({
      spec: 'ReplicationControllerSpec|How many pods, and what they look like.',
      status: 'ReplicationControllerStatus|The most recently observed state. Read-only.',
    }),
  },
  ReplicationControllerSpec: {
    d: 'The desired state of a replication controller.',
    f: {
      minReadySeconds: 'integer|Seconds a new pod must be ready before it counts as available. Defaults to 0.',
      replicas: 'integer|How many pods to run. Defaults to 1.',
      selector: 'map[string]string|Labels of the pods it counts; defaults to the template\'s labels.',
      template: 'PodTemplateSpec|The pod created when there are too few.',
    },
  },
  ReplicationControllerStatus: {
    d: 'The observed state of a replication controller.',
    f: {
      availableReplicas: 'integer|Pods ready for at least minReadySeconds.',
      conditions: '[]ReplicationControllerCondition|Conditions of the controller.',
      fullyLabeledReplicas: 'integer|Pods whose labels match the template\'s.',
      observedGeneration: 'integer|The generation last acted on.',
      readyReplicas: 'integer|Pods that are ready.',
      replicas: '!integer|Pods it currently has.',
    },
  },
  ReplicationControllerCondition: condition('a replication controller'),
  ComponentStatus: {
    d: 'The health of a control-plane component (scheduler, controller manager, etcd), probed by the API server whenever it is read. Deprecated since v1.19.',
    f: topLevel({ conditions: '[]ComponentCondition|What the last probe found.' }),
  },
  ComponentCondition: {
    d: 'One finding of a component probe.',
    f: {
      error: 'string|Why the probe could not tell, when it failed to run.',
      message: 'string|What the component answered, or why it could not be reached.',
      status: '!string|True when the component is healthy, False when it is not, Unknown otherwise.',
      type: '!string|The kind of finding; only Healthy exists.',
    },
  },
  Endpoints: {
    d: 'The network addresses behind a service, kept up to date by the endpoints controller for services with a selector.',
    f: topLevel({ subsets: '[]EndpointSubset|Groups of addresses that share the same ports.' }),
  },
  EndpointSubset: {
    d: 'Addresses and the ports they all serve.',
    f: {
      addresses: '[]EndpointAddress|Addresses that are ready.',
      notReadyAddresses: '[]EndpointAddress|Addresses that are not ready yet.',
      ports: '[]EndpointPort|The ports.',
    },
  },
  EndpointAddress: {
    d: 'One endpoint address.',
    f: {
      hostname: 'string|The endpoint\'s hostname.',
      ip: '!string|The IP address.',
      nodeName: 'string|The node hosting the endpoint.',
      targetRef: 'ObjectReference|The object (usually a pod) behind the address.',
    },
  },
  EndpointPort: {
    d: 'One port of an endpoint subset.',
    f: {
      appProtocol: 'string|The application protocol.',
      name: 'string|The port\'s name, matching the service port\'s.',
      port: '!integer|The port number.',
      protocol: 'string=SCTP,TCP,UDP|TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
  Event: {
    d: 'A report of something that happened to an object, such as a pod being scheduled or an image pull failing.',
    f: {
      ...topLevel({}),
      action: 'string|What was done, or failed, about the object.',
      count: 'integer|How many times the event occurred.',
      eventTime: 'MicroTime|When the event first occurred, with microseconds.',
      firstTimestamp: 'Time|When the event was first recorded.',
      involvedObject: '!ObjectReference|The object the event is about.',
      lastTimestamp: 'Time|When the event was last recorded.',
      message: 'string|A human-readable description.',
      metadata: '!ObjectMeta|Standard object metadata: name, namespace, labels, annotations and the fields the server manages.',
      reason: 'string|A short CamelCase reason, such as Scheduled or BackOff.',
      related: 'ObjectReference|A second object involved, if any.',
      reportingComponent: 'string|The controller that emitted the event.',
      reportingInstance: 'string|The instance of that controller.',
      series: 'EventSeries|Data about a repeating series of the event.',
      source: 'EventSource|The component that reported the event.',
      type: 'string|Normal or Warning.',
    },
  },
  EventSeries: { d: 'A series of repeated events.', f: { count: 'integer|Occurrences so far.', lastObservedTime: 'MicroTime|The last occurrence.' } },
  EventSource: { d: 'Who reported an event.', f: { component: 'string|The reporting component.', host: 'string|The node it ran on.' } },
});

/** Status and node-reported types that few learners open, listed so explain can show their fields. */
defineTypes({
  PodResourceClaimStatus: {
    d: 'Which ResourceClaim was created for one of the pod\'s resourceClaims entries.',
    f: {
      name: '!string|The entry\'s name in spec.resourceClaims.',
      resourceClaimName: 'string|The name of the ResourceClaim generated for it; unset when none was needed.',
    },
  },
  ContainerUser: { d: 'The identity a container\'s first process runs with, as reported by the runtime.', f: { linux: 'LinuxContainerUser|The Linux uid, gid and groups.' } },
  LinuxContainerUser: {
    d: 'A Linux process identity.',
    f: {
      gid: '!integer|The primary group id.',
      supplementalGroups: '[]integer|The supplementary group ids.',
      uid: '!integer|The user id.',
    },
  },
  VolumeMountStatus: {
    d: 'How one of a container\'s volume mounts was actually set up.',
    f: {
      mountPath: '!string|Where the volume is mounted.',
      name: '!string|The name of the volume mount.',
      readOnly: 'boolean|Whether it is mounted read-only.',
      recursiveReadOnly: 'string|Whether read-only applies to sub-mounts too: Disabled, Enabled or unset.',
    },
  },
  ResourceStatus: {
    d: 'The health of the devices behind one of a container\'s resources.',
    f: {
      name: '!string|The resource name, as in the container\'s resources (or claim:<name>/<request>).',
      resources: '[]ResourceHealth|The health of each device allocated for it.',
    },
  },
  ResourceHealth: {
    d: 'The health of one allocated device.',
    f: {
      health: 'string|Healthy, Unhealthy or Unknown.',
      resourceID: '!string|The id the device plugin or DRA driver gave the device.',
    },
  },
  ClusterTrustBundleProjection: {
    d: 'ClusterTrustBundle certificates written to a file of a projected volume.',
    f: {
      labelSelector: 'LabelSelector|Select the bundles by label (with signerName); their certificates are concatenated.',
      name: 'string|Select one bundle by name; not together with signerName and labelSelector.',
      optional: 'boolean|Start the pod even when the bundles are missing; the file is then empty.',
      path: '!string|The file to write, relative to the volume root.',
      signerName: 'string|Select the bundles of this signer.',
    },
  },
  ModifyVolumeStatus: {
    d: 'Progress of a change of a claim\'s VolumeAttributesClass.',
    f: {
      status: '!string|Pending, InProgress or Infeasible.',
      targetVolumeAttributesClassName: 'string|The VolumeAttributesClass being applied.',
    },
  },
  AttachedVolume: {
    d: 'A volume attached to the node.',
    f: { devicePath: '!string|Where the device appears on the node.', name: '!string|The attached volume\'s name.' },
  },
  NodeConfigSource: {
    d: 'Where a node\'s dynamic kubelet configuration comes from (a feature removed from the kubelet).',
    f: { configMap: 'ConfigMapNodeConfigSource|A ConfigMap holding the configuration.' },
  },
  ConfigMapNodeConfigSource: {
    d: 'A ConfigMap used as a node\'s kubelet configuration.',
    f: {
      kubeletConfigKey: '!string|The key holding the KubeletConfiguration.',
      name: '!string|The ConfigMap\'s name.',
      namespace: '!string|The ConfigMap\'s namespace.',
      resourceVersion: 'string|The ConfigMap\'s resourceVersion; set in status only.',
      uid: 'string|The ConfigMap\'s uid; set in status only.',
    },
  },
  NodeConfigStatus: {
    d: 'What the kubelet reports about the dynamic configuration it was given.',
    f: {
      active: 'NodeConfigSource|The configuration the kubelet is running with.',
      assigned: 'NodeConfigSource|The configuration the kubelet was told to use.',
      error: 'string|Why the assigned configuration could not be used, if it could not.',
      lastKnownGood: 'NodeConfigSource|The configuration the kubelet falls back to.',
    },
  },
  NodeFeatures: {
    d: 'Optional features the node supports.',
    f: { supplementalGroupsPolicy: 'boolean|Whether the node honours a pod\'s supplementalGroupsPolicy.' },
  },
  NodeRuntimeHandler: {
    d: 'A runtime handler of the node\'s container runtime and what it supports.',
    f: {
      features: 'NodeRuntimeHandlerFeatures|What the handler supports.',
      name: 'string|The handler\'s name; empty for the default handler.',
    },
  },
  NodeRuntimeHandlerFeatures: {
    d: 'Features a runtime handler supports.',
    f: {
      recursiveReadOnlyMounts: 'boolean|Recursively read-only mounts.',
      userNamespaces: 'boolean|User namespaces for pods.',
    },
  },
});
