/**
 * The sandbox cluster: what a kubeadm v1.32 cluster with Calico looks like
 * about twelve days after `kubeadm init`. Objects are written with past
 * creation timestamps and already-running statuses (the kubelet resumes
 * pods from their status), not simulated tick by tick.
 *
 * Every object goes through the API server's create path in dry-run mode (so
 * defaulting and admission apply), then is loaded into the store with its
 * past timestamps.
 */
import { cloneJson, rfc3339, rfc3339Micro, rfc3339Micros, type KubeObject } from './api/meta.js';
import { canonicalQuantity, intValue } from './api/quantity.js';
import { kindOf, resourceKey } from './kinds/registry.js';
import type { Simulation } from './simulation.js';
import type { Rng } from './time/rng.js';
import { computeHash } from './controllers/hash.js';
import { computeEndpoints, computeEndpointSlice } from './controllers/endpoints-controller.js';
import { nameSuffix } from './time/rng.js';

export interface NodeSpec {
  name: string;
  role?: 'control-plane' | 'worker';
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  /** `ephemeral-storage` capacity (default 20134592Ki). */
  ephemeralStorage?: string;
  /** Extended resources in capacity and allocatable (`nvidia.com/gpu: "1"`). */
  extendedResources?: Record<string, string>;
  /** InternalIP (default 172.30.1.N in node order). */
  internalIP?: string;
  /** Scenarios: `stopped` stops the node's kubelet after the manifests and setup (Session.start does it). */
  kubelet?: 'running' | 'stopped';
}

export interface ClusterSpec {
  nodes?: NodeSpec[];
  /** How long ago `kubeadm init` ran (default 12 days). */
  ageMs?: number;
}

export const KUBERNETES_VERSION = 'v1.32.4';
export const CONTAINERD_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const KERNEL_VERSION = '5.15.0-126-generic';
export const CALICO_VERSION = 'v3.29.1';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`;
export const SERVICE_CIDR = '10.96.0.0/12';
export const POD_CIDR = '10.244.0.0/16';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const DNS_SERVICE_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

const DAY = 24 * 3600 * 1000;
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
/** Compressed sizes as containerd reports them (approximate). */
const IMAGE_SIZES: Record<string, number> = {
  node: 142_543_261,
  cni: 94_585_349,
  'kube-controllers': 35_371_128,
  etcd: 57_680_541,
  'kube-apiserver': 28_671_624,
  'kube-controller-manager': 26_259_392,
  'kube-scheduler': 20_657_536,
  'kube-proxy': 30_908_983,
  coredns: 18_562_039,
  pause: 320_368,
};

/** The CA bundle published as `kube-root-ca.crt` in every namespace. */
export const ROOT_CA_CRT = (() => {
  // A fixed, certificate-shaped PEM body (deterministic, not a real key).
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = 'MIIDBTCCAe2gAwIBAgIIOq6bkBYtN3owDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMKa3ViZXJuZXRlczAeFw0y';
  let x = 0x2545f491;
  while (s.length < 1024) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += alphabet[(x >>> 16) % 64];
  }
  const lines = s.match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
})();

export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Service accounts kube-controller-manager creates for its controllers in kube-system. */
const CONTROLLER_SERVICE_ACCOUNTS = [
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'service-account-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
];

/** Objects that could not go through the API server path (kept for tests and diagnostics). */
export const bootstrapWarnings: string[] = [];

interface BuiltNode {
  spec: NodeSpec;
  ip: string;
  index: number;
  controlPlane: boolean;
  joinedAt: number;
  podIPs: number;
}

/** The nodes of the default sandbox. */
export function defaultNodes(): NodeSpec[] {
  return [
    { name: 'controlplane', role: 'control-plane', cpu: '2', memory: '4Gi' },
    { name: 'node01', role: 'worker', cpu: '2', memory: '4Gi' },
    { name: 'node02', role: 'worker', cpu: '2', memory: '4Gi' },
  ];
}

/** Creates the namespaces, nodes and system workloads of a kubeadm-style cluster. */
export function bootstrapCluster(sim: Simulation, spec: ClusterSpec | undefined): void {
  new Bootstrap(sim, spec ?? {}).run();
}

class Bootstrap {
  private readonly rng: Rng;
  private readonly now: number;
  private readonly t0: number;
  private nodes: BuiltNode[] = [];
  private readonly digests = new Map<string, string>();
  private readonly nodeImages = new Map<string, Set<string>>();

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
  ) {
    this.rng = sim.rng.fork('bootstrap');
    this.now = sim.now();
    // kubeadm init ran ~12 days ago, at a plausible minute.
    this.t0 = this.now - (spec.ageMs ?? 12 * DAY + 3 * 3600 * 1000 + 17 * 60 * 1000 + 42 * 1000);
  }

  run(): void {
    this.planNodes();
    const t = this.t0;
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.put(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] } },
        t,
        { phase: 'Active' },
      );
    }
    this.priorityClasses();
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }, t + 13_000);
      this.rootCA(ns, t + 13_000);
    }
    for (const sa of [...CONTROLLER_SERVICE_ACCOUNTS, 'coredns', 'kube-proxy', 'calico-node', 'calico-kube-controllers', 'calico-cni-plugin']) {
      this.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } }, sa.startsWith('calico') ? t + 40_000 : t + 12_000);
    }
    for (const n of this.nodes) this.node(n);
    this.configMaps();
    this.services();
    for (const n of this.nodes) if (n.controlPlane && n.index === this.controlPlane().index) this.staticPods(n);
    this.leaderLeases();
    this.kubeProxy();
    this.calico();
    this.coredns();
    this.endpoints();
    this.recordNodeImages();
  }

  private controlPlane(): BuiltNode {
    return this.nodes.find((n) => n.controlPlane) ?? this.nodes[0];
  }

  private planNodes(): void {
    const given = this.spec.nodes && this.spec.nodes.length > 0 ? this.spec.nodes : defaultNodes();
    const list = [...given];
    if (!list.some((n) => n.role === 'control-plane' || n.name === 'controlplane')) {
      list.unshift({ name: 'controlplane', role: 'control-plane', cpu: '2', memory: '4Gi' });
    }
    let workerJoin = this.t0 + 2 * 60_000 + 11_000;
    this.nodes = list.map((s, i) => {
      const controlPlane = s.role === 'control-plane' || (s.role === undefined && s.name === 'controlplane');
      const joinedAt = controlPlane && i === 0 ? this.t0 : workerJoin;
      if (!(controlPlane && i === 0)) workerJoin += 37_000;
      return { spec: s, ip: s.internalIP ?? `172.30.1.${2 + i}`, index: i, controlPlane, joinedAt, podIPs: 0 };
    });
  }

  /** Dry-run create through the API server, then load with past timestamps. */
  private put(obj: KubeObject, createdAt: number, status?: unknown): KubeObject {
    const res = this.sim.api.create(obj, { dryRun: true });
    let out: KubeObject;
    if (res.ok) out = cloneJson(res.value);
    else {
      bootstrapWarnings.push(`${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}: ${res.error.message}`);
      out = cloneJson(obj);
      out.metadata.uid = this.rng.uid();
      if (!out.metadata.name && out.metadata.generateName) out.metadata.name = out.metadata.generateName + nameSuffix(this.rng);
    }
    out.metadata.creationTimestamp = rfc3339(createdAt);
    if (status !== undefined) out.status = cloneJson(status);
    const def = kindOf(out.apiVersion, out.kind);
    if (!def) throw new Error(`bootstrap: unknown kind ${out.apiVersion} ${out.kind}`);
    return this.sim.store.load(resourceKey(def), out);
  }

  private priorityClasses(): void {
    const pcs: [string, number, string][] = [
      ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
      ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
    ];
    for (const [name, value, description] of pcs) {
      this.put(
        { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' },
        this.t0 - 4000,
      );
    }
  }

  private rootCA(ns: string, at: number): void {
    this.put(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
        data: { 'ca.crt': ROOT_CA_CRT },
      },
      at,
    );
  }

  private node(n: BuiltNode): void {
    const s = n.spec;
    const memBytes = intValue(s.memory ?? '4Gi');
    const memKi = Math.floor(memBytes / 1024);
    const cpu = s.cpu ?? '2';
    const pods = String(s.pods ?? 110);
    const ephKi = Math.floor(intValue(s.ephemeralStorage ?? '20134592Ki') / 1024);
    const capacity: Record<string, string> = {
      cpu,
      'ephemeral-storage': `${ephKi}Ki`,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memKi}Ki`,
      pods,
      ...(s.extendedResources ?? {}),
    };
    const allocatable: Record<string, string> = {
      ...capacity,
      // kubeadm's kubelet reserves nothing but the hard eviction thresholds.
      'ephemeral-storage': String(Math.floor(ephKi * 1024 * 0.9)),
      memory: `${Math.max(0, memKi - 100 * 1024)}Ki`,
    };
    // The API server stores quantities in canonical form (its Quantity round
    // trip): a 4Gi node's `4194304Ki` reads back as `4Gi` in -o yaml and describe.
    for (const list of [capacity, allocatable]) for (const k of Object.keys(list)) list[k] = canonicalQuantity(list[k]);
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': s.name,
      'kubernetes.io/os': 'linux',
      ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      ...(s.labels ?? {}),
    };
    const taints = [...(n.controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : []), ...(s.taints ?? [])];
    if (s.unschedulable) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: rfc3339(this.now - 3600_000) } as never);
    const cidr = `10.244.${n.index}.0/24`;
    const readyAt = n.joinedAt + 52_000;
    const hb = rfc3339(this.now - 60_000 - ((n.index * 71_000) % 240_000));
    const cond = (type: string, status: string, reason: string, message: string, since: number) => ({
      lastHeartbeatTime: hb,
      lastTransitionTime: rfc3339(since),
      message,
      reason,
      status,
      type,
    });
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: s.name,
        labels,
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'projectcalico.org/IPv4Address': `${n.ip}/24`,
          'projectcalico.org/IPv4VXLANTunnelAddr': `10.244.${n.index}.0`,
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: { podCIDR: cidr, podCIDRs: [cidr], ...(taints.length ? { taints } : {}), ...(s.unschedulable ? { unschedulable: true } : {}) },
    };
    const status = {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: s.name, type: 'Hostname' },
      ],
      allocatable,
      capacity,
      conditions: [
        cond('NetworkUnavailable', 'False', 'CalicoIsUp', 'Calico is running on this node', n.joinedAt + 48_000),
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', n.joinedAt),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', n.joinedAt),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', n.joinedAt),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', readyAt),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: this.rng.uid(),
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: this.rng.hex(32),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: this.rng.uid(),
      },
    };
    const stored = this.put(node, n.joinedAt, status);
    this.put(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: s.name,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: s.name, uid: stored.metadata.uid! }],
        },
        spec: { holderIdentity: s.name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(this.now - 3000 - n.index * 2000) },
      },
      n.joinedAt + 1000,
    );
  }

  /** Leader-election leases of the control plane components (apiserver identity, controller manager, scheduler). */
  private leaderLeases(): void {
    const cp = this.controlPlane();
    const name = cp.spec.name;
    // Each component renews on its own loop (every 2 s, the apiserver every 10 s), so their
    // last renewals fall at unrelated instants just before now (microsecond precision).
    const nowUs = this.now * 1000;
    const lastRenewal: Record<string, string> = {
      'kube-controller-manager': rfc3339Micros(nowUs - 1_187_412),
      'kube-scheduler': rfc3339Micros(nowUs - 604_873),
    };
    for (const component of ['kube-controller-manager', 'kube-scheduler']) {
      this.put(
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: component, namespace: 'kube-system' },
          spec: {
            acquireTime: rfc3339Micro(this.t0 + 20_000),
            holderIdentity: `${name}_${this.rng.uid()}`,
            leaseDurationSeconds: 15,
            leaseTransitions: 0,
            renewTime: lastRenewal[component],
          },
        },
        this.t0 + 20_000,
      );
    }
    const id = `apiserver-${this.rng.chars('abcdefghijklmnopqrstuvwxyz234567', 26)}`;
    this.put(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: id,
          namespace: 'kube-system',
          labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': name },
        },
        spec: { holderIdentity: `${id}_${this.rng.uid()}`, leaseDurationSeconds: 3600, renewTime: rfc3339Micros(nowUs - 6_412_095) },
      },
      this.t0 + 8000,
    );
  }

  private configMaps(): void {
    const t = this.t0 + 14_000;
    const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${CLUSTER_DOMAIN}
       disable denial ${CLUSTER_DOMAIN}
    }
    loop
    reload
    loadbalance
}
`;
    this.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: corefile } }, t);
    const cp = this.controlPlane();
    const clusterConfig = `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controlPlaneEndpoint: ${cp.ip}:6443
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: ${CLUSTER_DOMAIN}
  podSubnet: ${POD_CIDR}
  serviceSubnet: ${SERVICE_CIDR}
proxy: {}
scheduler: {}
`;
    this.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubeadm-config', namespace: 'kube-system' }, data: { ClusterConfiguration: clusterConfig } }, this.t0 + 9000);
    this.put(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kubelet-config', namespace: 'kube-system' },
        data: {
          kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    cacheTTL: 0s\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nauthorization:\n  mode: Webhook\n  webhook:\n    cacheAuthorizedTTL: 0s\n    cacheUnauthorizedTTL: 0s\ncgroupDriver: systemd\nclusterDNS:\n- ${DNS_SERVICE_IP}\nclusterDomain: ${CLUSTER_DOMAIN}\ncontainerRuntimeEndpoint: ""\ncpuManagerReconcilePeriod: 0s\ncrashLoopBackOff: {}\nevictionPressureTransitionPeriod: 0s\nfileCheckFrequency: 0s\nhealthzBindAddress: 127.0.0.1\nhealthzPort: 10248\nhttpCheckFrequency: 0s\nimageMaximumGCAge: 0s\nimageMinimumGCAge: 0s\nkind: KubeletConfiguration\nlogging:\n  flushFrequency: 0\n  options:\n    json:\n      infoBufferSize: "0"\n    text:\n      infoBufferSize: "0"\n  verbosity: 0\nmemorySwap: {}\nnodeStatusReportFrequency: 0s\nnodeStatusUpdateFrequency: 0s\nrotateCertificates: true\nruntimeRequestTimeout: 0s\nshutdownGracePeriod: 0s\nshutdownGracePeriodCriticalPods: 0s\nstaticPodPath: /etc/kubernetes/manifests\nstreamingConnectionIdleTimeout: 0s\nsyncFrequency: 0s\nvolumeStatsAggPeriod: 0s\n`,
        },
      },
      this.t0 + 9000,
    );
    this.put(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
        data: {
          'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nclusterCIDR: ${POD_CIDR}\nkind: KubeProxyConfiguration\nmode: ""\n`,
          'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://${cp.ip}:6443\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n`,
        },
      },
      t,
    );
    this.put(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cluster-info', namespace: 'kube-public' },
        data: {
          kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${Buffer.from(ROOT_CA_CRT).toString('base64')}\n    server: https://${cp.ip}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
        },
      },
      this.t0 + 10_000,
    );
    this.put(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'calico-config', namespace: 'kube-system' },
        data: { calico_backend: 'bird', cni_network_config: '', typha_service_name: 'none', veth_mtu: '0' },
      },
      this.t0 + 40_000,
    );
  }

  private services(): void {
    const cp = this.controlPlane();
    this.put(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: {
          clusterIP: KUBERNETES_SERVICE_IP,
          clusterIPs: [KUBERNETES_SERVICE_IP],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
      },
      this.t0 + 4000,
      { loadBalancer: {} },
    );
    this.put(
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: cp.ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      },
      this.t0 + 4000,
    );
    this.put(
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [cp.ip], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
      this.t0 + 4000,
    );
    this.put(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: DNS_SERVICE_IP,
          clusterIPs: [DNS_SERVICE_IP],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
          selector: { 'k8s-app': 'kube-dns' },
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
      },
      this.t0 + 15_000,
      { loadBalancer: {} },
    );
  }

  private podIP(n: BuiltNode, hostNetwork: boolean): string {
    if (hostNetwork) return n.ip;
    n.podIPs++;
    return `10.244.${n.index}.${1 + n.podIPs}`;
  }

  /** A pod that has been running since `startedAt`, as the kubelet reports it. */
  private runningPod(pod: KubeObject, n: BuiltNode, createdAt: number, startedAt: number): KubeObject {
    const spec = pod.spec as {
      hostNetwork?: boolean;
      containers: { name: string; image: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> }; volumeMounts?: { mountPath: string; name: string; readOnly?: boolean }[] }[];
      initContainers?: { name: string; image: string; volumeMounts?: { mountPath: string; name: string; readOnly?: boolean }[] }[];
    };
    (pod.spec as { nodeName?: string }).nodeName = n.spec.name;
    const stored = this.put(pod, createdAt);
    const ip = this.podIP(n, !!spec.hostNetwork);
    const at = rfc3339(startedAt);
    const ready = rfc3339(startedAt + 2000);
    const mounts = (c: { volumeMounts?: { mountPath: string; name: string; readOnly?: boolean }[] }) =>
      (c.volumeMounts ?? []).map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
    const cstatus = (c: { name: string; image: string; volumeMounts?: { mountPath: string; name: string; readOnly?: boolean }[] }) => ({
      containerID: `containerd://${this.rng.hex(64)}`,
      image: c.image,
      imageID: this.imageID(n, c.image),
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: at } },
      ...(mounts(c).length ? { volumeMounts: mounts(c) } : {}),
    });
    const storedSpec = stored.spec as typeof spec;
    const init = storedSpec.initContainers ?? [];
    const status: Record<string, unknown> = {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: at, status: 'True', type: 'PodReadyToStartContainers' },
        { lastProbeTime: null, lastTransitionTime: init.length ? at : rfc3339(createdAt + 1000), status: 'True', type: 'Initialized' },
        { lastProbeTime: null, lastTransitionTime: ready, status: 'True', type: 'Ready' },
        { lastProbeTime: null, lastTransitionTime: ready, status: 'True', type: 'ContainersReady' },
        { lastProbeTime: null, lastTransitionTime: rfc3339(createdAt), status: 'True', type: 'PodScheduled' },
      ],
      containerStatuses: storedSpec.containers.map(cstatus),
      hostIP: n.ip,
      hostIPs: [{ ip: n.ip }],
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: qosClass(storedSpec.containers),
      startTime: rfc3339(createdAt + 1000),
    };
    if (init.length) {
      status.initContainerStatuses = init.map((c) => ({
        containerID: `containerd://${this.rng.hex(64)}`,
        image: c.image,
        imageID: this.imageID(n, c.image),
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: false,
        state: { terminated: { containerID: '', exitCode: 0, finishedAt: at, reason: 'Completed', startedAt: rfc3339(startedAt - 3000) } },
        ...(mounts(c).length ? { volumeMounts: mounts(c) } : {}),
      }));
      for (const s of status.initContainerStatuses as { containerID: string; state: { terminated: { containerID: string } } }[]) {
        s.state.terminated.containerID = s.containerID;
      }
    }
    const next = cloneJson(stored);
    next.status = status;
    return this.sim.store.replace('pods', next);
  }

  /** The repo digest of an image (stable per image) and a note that the node holds it. */
  private imageID(n: BuiltNode, image: string): string {
    let d = this.digests.get(image);
    if (!d) this.digests.set(image, (d = this.rng.hex(64)));
    let set = this.nodeImages.get(n.spec.name);
    if (!set) this.nodeImages.set(n.spec.name, (set = new Set()));
    set.add(image);
    return `${image.replace(/:[^:/]+$/, '')}@sha256:${d}`;
  }

  /** status.images of each node: what its pods pulled, plus the pause image. */
  private recordNodeImages(): void {
    for (const n of this.nodes) {
      const set = this.nodeImages.get(n.spec.name) ?? new Set<string>();
      set.add(PAUSE_IMAGE);
      const images = [...set]
        .map((img) => {
          let d = this.digests.get(img);
          if (!d) this.digests.set(img, (d = this.rng.hex(64)));
          return { names: [`${img.replace(/:[^:/]+$/, '')}@sha256:${d}`, img], sizeBytes: IMAGE_SIZES[img.replace(/^.*\//, '').replace(/:.*$/, '')] ?? 31_000_000 };
        })
        .sort((a, b) => b.sizeBytes - a.sizeBytes);
      const node = cloneJson(this.sim.store.get('nodes', '', n.spec.name)!);
      (node.status as Record<string, unknown>).images = images;
      this.sim.store.replace('nodes', node);
    }
  }

  private staticPods(n: BuiltNode): void {
    const name = n.spec.name;
    const at = this.t0 + 3000;
    const nodeObj = this.sim.store.get('nodes', '', name)!;
    const owner = [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeObj.metadata.uid!, controller: true }];
    const pki = '/etc/kubernetes/pki';
    const mk = (component: string, image: string, command: string[], cpu: string, extraAnn: Record<string, string>, probePort: number, probeHost: string, probePath: string, volumes: [string, string, string?][]) => {
      const hash = this.rng.hex(32);
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${component}-${name}`,
          namespace: 'kube-system',
          labels: { component, tier: 'control-plane' },
          annotations: {
            ...extraAnn,
            'kubernetes.io/config.hash': hash,
            'kubernetes.io/config.mirror': hash,
            'kubernetes.io/config.seen': `${rfc3339(this.t0).replace('Z', '')}.${String(this.rng.int(1e9)).padStart(9, '0')}Z`,
            'kubernetes.io/config.source': 'file',
          },
          ownerReferences: owner,
        },
        spec: {
          containers: [
            {
              name: component,
              image,
              imagePullPolicy: 'IfNotPresent',
              command,
              livenessProbe: {
                failureThreshold: 8,
                httpGet: { host: probeHost, path: probePath, port: probePort, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' },
                initialDelaySeconds: 10,
                periodSeconds: 10,
                successThreshold: 1,
                timeoutSeconds: 15,
              },
              resources: { requests: component === 'etcd' ? { cpu, memory: '100Mi' } : { cpu } },
              startupProbe: {
                failureThreshold: 24,
                httpGet: { host: probeHost, path: probePath, port: probePort, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' },
                initialDelaySeconds: 10,
                periodSeconds: 10,
                successThreshold: 1,
                timeoutSeconds: 15,
              },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: volumes.map(([vname, path, ro]) => ({ mountPath: path, name: vname, ...(ro ? { readOnly: true } : {}) })),
            },
          ],
          dnsPolicy: 'ClusterFirst',
          enableServiceLinks: true,
          hostNetwork: true,
          nodeName: name,
          preemptionPolicy: 'PreemptLowerPriority',
          priority: 2000001000,
          priorityClassName: 'system-node-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          terminationGracePeriodSeconds: 30,
          tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
          volumes: volumes.map(([vname, path]) => ({ hostPath: { path: path === '/etc/kubernetes/scheduler.conf' || path === '/etc/kubernetes/controller-manager.conf' ? path : path, type: path.endsWith('.conf') ? 'FileOrCreate' : 'DirectoryOrCreate' }, name: vname })),
        },
      };
      this.runningPod(pod, n, at, at + 4000);
    };
    mk(
      'etcd',
      'registry.k8s.io/etcd:3.5.16-0',
      ['etcd', `--advertise-client-urls=https://${n.ip}:2379`, `--cert-file=${pki}/etcd/server.crt`, '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s', `--initial-advertise-peer-urls=https://${n.ip}:2380`, `--initial-cluster=${name}=https://${n.ip}:2380`, `--key-file=${pki}/etcd/server.key`, `--listen-client-urls=https://127.0.0.1:2379,https://${n.ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${n.ip}:2380`, `--name=${name}`, `--peer-cert-file=${pki}/etcd/peer.crt`, '--peer-client-cert-auth=true', `--peer-key-file=${pki}/etcd/peer.key`, `--peer-trusted-ca-file=${pki}/etcd/ca.crt`, '--snapshot-count=10000', `--trusted-ca-file=${pki}/etcd/ca.crt`],
      '100m',
      { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${n.ip}:2379` },
      2381,
      '127.0.0.1',
      '/livez',
      [['etcd-certs', `${pki}/etcd`], ['etcd-data', '/var/lib/etcd']],
    );
    mk(
      'kube-apiserver',
      `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      ['kube-apiserver', `--advertise-address=${n.ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', `--client-ca-file=${pki}/ca.crt`, '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', `--etcd-cafile=${pki}/etcd/ca.crt`, `--etcd-certfile=${pki}/apiserver-etcd-client.crt`, `--etcd-keyfile=${pki}/apiserver-etcd-client.key`, '--etcd-servers=https://127.0.0.1:2379', `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`, '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--secure-port=6443', `--service-account-issuer=https://kubernetes.default.svc.${CLUSTER_DOMAIN}`, `--service-account-key-file=${pki}/sa.pub`, `--service-account-signing-key-file=${pki}/sa.key`, `--service-cluster-ip-range=${SERVICE_CIDR}`, `--tls-cert-file=${pki}/apiserver.crt`, `--tls-private-key-file=${pki}/apiserver.key`],
      '250m',
      { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${n.ip}:6443` },
      6443,
      n.ip,
      '/livez',
      [['ca-certs', '/etc/ssl/certs', 'ro'], ['etc-ca-certificates', '/etc/ca-certificates', 'ro'], ['k8s-certs', pki, 'ro'], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'ro'], ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'ro']],
    );
    mk(
      'kube-controller-manager',
      `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
      ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--client-ca-file=${pki}/ca.crt`, `--cluster-cidr=${POD_CIDR}`, '--cluster-name=kubernetes', `--cluster-signing-cert-file=${pki}/ca.crt`, `--cluster-signing-key-file=${pki}/ca.key`, '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, `--root-ca-file=${pki}/ca.crt`, `--service-account-private-key-file=${pki}/sa.key`, `--service-cluster-ip-range=${SERVICE_CIDR}`, '--use-service-account-credentials=true'],
      '200m',
      {},
      10257,
      '127.0.0.1',
      '/healthz',
      [['ca-certs', '/etc/ssl/certs', 'ro'], ['etc-ca-certificates', '/etc/ca-certificates', 'ro'], ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'], ['k8s-certs', pki, 'ro'], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'ro'], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'ro'], ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'ro']],
    );
    mk(
      'kube-scheduler',
      `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
      ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      '100m',
      {},
      10259,
      '127.0.0.1',
      '/livez',
      [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'ro']],
    );
  }

  /** A Deployment with its ReplicaSet and running pods, as the controllers would have left them. */
  private deployment(dep: KubeObject, createdAt: number, placement: BuiltNode[]): void {
    const d = this.put(dep, createdAt, {});
    const spec = d.spec as { replicas: number; template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown }; selector: { matchLabels: Record<string, string> } };
    const hash = computeHash(spec.template, undefined);
    const rsName = `${d.metadata.name}-${hash}`;
    const tmpl = cloneJson(spec.template);
    tmpl.metadata = { ...(tmpl.metadata ?? {}), labels: { ...(tmpl.metadata?.labels ?? {}), 'pod-template-hash': hash } };
    const maxSurge = Math.ceil(spec.replicas * 0.25);
    const rs = this.put(
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: d.metadata.namespace,
          labels: tmpl.metadata.labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
            'deployment.kubernetes.io/max-replicas': String(spec.replicas + maxSurge),
            'deployment.kubernetes.io/revision': '1',
          },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: spec.replicas, selector: { matchLabels: { ...spec.selector.matchLabels, 'pod-template-hash': hash } }, template: tmpl },
      },
      createdAt,
      { availableReplicas: spec.replicas, fullyLabeledReplicas: spec.replicas, observedGeneration: 1, readyReplicas: spec.replicas, replicas: spec.replicas },
    );
    for (let i = 0; i < spec.replicas; i++) {
      const n = placement[i % placement.length];
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${rsName}-`,
          namespace: d.metadata.namespace,
          labels: tmpl.metadata.labels,
          ...(tmpl.metadata.annotations ? { annotations: tmpl.metadata.annotations } : {}),
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: cloneJson(tmpl.spec),
      };
      this.runningPod(pod, n, Math.max(createdAt, n.joinedAt + 50_000), Math.max(createdAt, n.joinedAt + 50_000) + 6000);
    }
    const avail = rfc3339(createdAt + 60_000);
    const dd = cloneJson(this.sim.store.get('deployments.apps', d.metadata.namespace!, d.metadata.name!)!);
    dd.metadata.annotations = { ...(dd.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': '1' };
    dd.status = {
      availableReplicas: spec.replicas,
      conditions: [
        { lastTransitionTime: avail, lastUpdateTime: avail, message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
        { lastTransitionTime: rfc3339(createdAt), lastUpdateTime: avail, message: `ReplicaSet "${rsName}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
      ],
      observedGeneration: 1,
      readyReplicas: spec.replicas,
      replicas: spec.replicas,
      updatedReplicas: spec.replicas,
    };
    this.sim.store.replace('deployments.apps', dd);
  }

  /** A DaemonSet with its ControllerRevision and one running pod per eligible node. */
  private daemonSet(ds: KubeObject, createdAt: number, eligible: BuiltNode[]): void {
    const d = this.put(ds, createdAt, {});
    const spec = d.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: Record<string, unknown> } };
    const hash = computeHash(spec.template);
    this.put(
      {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          labels: { ...(spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash },
          annotations: { 'deprecated.daemonset.template.generation': '1' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        data: { spec: { template: { ...cloneJson(spec.template), $patch: 'replace' } } },
        revision: 1,
      },
      createdAt,
    );
    for (const n of eligible) {
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${d.metadata.name}-`,
          namespace: d.metadata.namespace,
          labels: { ...(spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': '1' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          ...cloneJson(spec.template.spec),
          affinity: daemonPodAffinity(n.spec.name),
          tolerations: daemonTolerations((spec.template.spec.tolerations ?? []) as { key?: string }[], !!spec.template.spec.hostNetwork),
        },
      };
      const at = Math.max(createdAt, n.joinedAt) + 3000;
      this.runningPod(pod, n, at, at + 8000);
    }
    const count = eligible.length;
    const dd = cloneJson(this.sim.store.get('daemonsets.apps', d.metadata.namespace!, d.metadata.name!)!);
    dd.metadata.annotations = { ...(dd.metadata.annotations ?? {}), 'deprecated.daemonset.template.generation': '1' };
    dd.status = {
      currentNumberScheduled: count,
      desiredNumberScheduled: count,
      numberAvailable: count,
      numberMisscheduled: 0,
      numberReady: count,
      observedGeneration: 1,
      updatedNumberScheduled: count,
    };
    this.sim.store.replace('daemonsets.apps', dd);
  }

  private kubeProxy(): void {
    this.daemonSet(
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
          template: {
            metadata: { labels: { 'k8s-app': 'kube-proxy' } },
            spec: {
              containers: [
                {
                  name: 'kube-proxy',
                  image: KUBE_PROXY_IMAGE,
                  imagePullPolicy: 'IfNotPresent',
                  command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
                  env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
                  securityContext: { privileged: true },
                  volumeMounts: [
                    { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                    { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                    { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                  ],
                },
              ],
              hostNetwork: true,
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-node-critical',
              serviceAccountName: 'kube-proxy',
              tolerations: [{ operator: 'Exists' }],
              volumes: [
                { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
                { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
                { hostPath: { path: '/lib/modules' }, name: 'lib-modules' },
              ],
            },
          },
          updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
        },
      },
      this.t0 + 16_000,
      this.nodes,
    );
  }

  private calico(): void {
    const image = (c: string) => `docker.io/calico/${c}:${CALICO_VERSION}`;
    this.daemonSet(
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'calico-node', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' } },
        spec: {
          selector: { matchLabels: { 'k8s-app': 'calico-node' } },
          template: {
            metadata: { labels: { 'k8s-app': 'calico-node' } },
            spec: {
              containers: [
                {
                  name: 'calico-node',
                  image: image('node'),
                  imagePullPolicy: 'IfNotPresent',
                  env: [
                    { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                    { name: 'WAIT_FOR_DATASTORE', value: 'true' },
                    { name: 'NODENAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                    { name: 'CALICO_NETWORKING_BACKEND', valueFrom: { configMapKeyRef: { key: 'calico_backend', name: 'calico-config' } } },
                    { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
                    { name: 'IP', value: 'autodetect' },
                    { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
                    { name: 'CALICO_IPV4POOL_CIDR', value: POD_CIDR },
                    { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
                    { name: 'FELIX_IPV6SUPPORT', value: 'false' },
                    { name: 'FELIX_HEALTHENABLED', value: 'true' },
                  ],
                  livenessProbe: { exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] }, failureThreshold: 6, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 10 },
                  readinessProbe: { exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, failureThreshold: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 10 },
                  resources: { requests: { cpu: '250m' } },
                  securityContext: { privileged: true },
                },
              ],
              hostNetwork: true,
              initContainers: [
                { name: 'upgrade-ipam', image: image('cni'), imagePullPolicy: 'IfNotPresent', command: ['/opt/cni/bin/calico-ipam', '-upgrade'], securityContext: { privileged: true } },
                { name: 'install-cni', image: image('cni'), imagePullPolicy: 'IfNotPresent', command: ['/opt/cni/bin/install'], securityContext: { privileged: true } },
                { name: 'mount-bpffs', image: image('node'), imagePullPolicy: 'IfNotPresent', command: ['calico-node', '-init', '-best-effort'], securityContext: { privileged: true } },
              ],
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-node-critical',
              serviceAccountName: 'calico-node',
              terminationGracePeriodSeconds: 0,
              tolerations: [
                { effect: 'NoSchedule', operator: 'Exists' },
                { key: 'CriticalAddonsOnly', operator: 'Exists' },
                { effect: 'NoExecute', operator: 'Exists' },
              ],
            },
          },
          updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
        },
      },
      this.t0 + 40_000,
      this.nodes,
    );
    const cp = this.controlPlane();
    this.deployment(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'calico-kube-controllers', namespace: 'kube-system', labels: { 'k8s-app': 'calico-kube-controllers' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } },
          strategy: { type: 'Recreate' },
          template: {
            metadata: { labels: { 'k8s-app': 'calico-kube-controllers' }, name: 'calico-kube-controllers', namespace: 'kube-system' },
            spec: {
              containers: [
                {
                  name: 'calico-kube-controllers',
                  image: image('kube-controllers'),
                  imagePullPolicy: 'IfNotPresent',
                  env: [
                    { name: 'ENABLED_CONTROLLERS', value: 'node,loadbalancer' },
                    { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                  ],
                  livenessProbe: { exec: { command: ['/usr/bin/check-status', '-l'] }, failureThreshold: 6, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 10 },
                  readinessProbe: { exec: { command: ['/usr/bin/check-status', '-r'] }, failureThreshold: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                },
              ],
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-cluster-critical',
              serviceAccountName: 'calico-kube-controllers',
              tolerations: [
                { key: 'CriticalAddonsOnly', operator: 'Exists' },
                { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' },
                { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
              ],
            },
          },
        },
      },
      this.t0 + 40_000,
      [cp],
    );
  }

  private coredns(): void {
    const cp = this.controlPlane();
    this.deployment(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
          template: {
            metadata: { labels: { 'k8s-app': 'kube-dns' } },
            spec: {
              affinity: {
                podAntiAffinity: {
                  preferredDuringSchedulingIgnoredDuringExecution: [
                    { podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 },
                  ],
                },
              },
              containers: [
                {
                  name: 'coredns',
                  image: COREDNS_IMAGE,
                  imagePullPolicy: 'IfNotPresent',
                  args: ['-conf', '/etc/coredns/Corefile'],
                  livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
                  ports: [
                    { containerPort: 53, name: 'dns', protocol: 'UDP' },
                    { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                    { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                  ],
                  readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                  resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
                  volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
                },
              ],
              dnsPolicy: 'Default',
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-cluster-critical',
              serviceAccountName: 'coredns',
              tolerations: [
                { key: 'CriticalAddonsOnly', operator: 'Exists' },
                { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
              ],
              volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
            },
          },
        },
      },
      this.t0 + 15_000,
      [cp],
    );
  }

  /** Endpoints and EndpointSlices of the system Services, as the endpoints controller computed them. */
  private endpoints(): void {
    const svc = this.sim.store.get('services', 'kube-system', 'kube-dns')!;
    const pods = this.sim.store.list('pods', 'kube-system');
    const ep = computeEndpoints(svc, pods, this.sim.store);
    const at = this.t0 + 60_000;
    ep.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(at) };
    this.put(ep, at);
    const slice = computeEndpointSlice(svc, pods);
    this.put(
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: 'kube-dns-',
          namespace: 'kube-system',
          labels: { ...svc.metadata.labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'kube-dns' },
          annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(at) },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'kube-dns', uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        ...slice,
      },
      at,
    );
  }
}

/** DaemonSet pods are pinned to their node with required node affinity on metadata.name. */
export function daemonPodAffinity(nodeName: string): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
      },
    },
  };
}

/** The tolerations the DaemonSet controller adds to every daemon pod. */
export function daemonTolerations(existing: { key?: string; operator?: string; effect?: string }[], hostNetwork: boolean): unknown[] {
  const add: { key: string; operator: string; effect: string }[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const out: unknown[] = [...existing];
  for (const t of add) {
    if (!existing.some((e) => e.key === t.key && e.effect === t.effect && (e.operator ?? 'Equal') === t.operator)) out.push(t);
  }
  return out;
}

/** Pod QoS class from its containers' requests and limits. */
export function qosClass(containers: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const rq = req[r] ?? lim[r];
      if (lim[r] === undefined || rq === undefined || String(rq) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
