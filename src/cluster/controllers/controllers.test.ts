import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import { Simulation } from '../simulation.js';
import { bootstrapWarnings, KUBERNETES_VERSION } from '../bootstrap.js';
import { deployment, eventsFor, mustCreate, mustUpdate, testCluster } from './test-support.js';
import { isPodReady } from './util.js';

const nodeOf = (p: KubeObject | undefined) => (p?.spec as { nodeName?: string } | undefined)?.nodeName;
const conds = (o: KubeObject) => ((o.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] }).conditions ?? []);

describe('sandbox bootstrap', () => {
  it('builds a twelve-day-old kubeadm cluster with running system pods', () => {
    const sim = new Simulation({ seed: 1 });
    expect(bootstrapWarnings).toEqual([]);
    expect(sim.store.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const nodes = sim.store.list('nodes');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02']);
    const cp = nodes[0];
    expect(cp.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'controlplane', 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64' });
    expect((cp.spec as { taints: unknown[] }).taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(cp.metadata.creationTimestamp).toBe('2026-01-03T05:42:18Z');
    const st = cp.status as { nodeInfo: Record<string, string>; addresses: unknown[]; allocatable: Record<string, string>; capacity: Record<string, string>; images: unknown[] };
    expect(st.nodeInfo.kubeletVersion).toBe(KUBERNETES_VERSION);
    expect(st.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/1\.7\./);
    expect(st.addresses).toEqual([{ address: '172.30.1.2', type: 'InternalIP' }, { address: 'controlplane', type: 'Hostname' }]);
    expect(st.capacity).toMatchObject({ cpu: '2', memory: '4Gi', pods: '110' });
    expect(st.allocatable).toMatchObject({ cpu: '2', memory: '3996Mi', pods: '110' });
    expect(st.images.length).toBeGreaterThan(5);
    expect(conds(cp).map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'NetworkUnavailable=False/CalicoIsUp',
      'MemoryPressure=False/KubeletHasSufficientMemory',
      'DiskPressure=False/KubeletHasNoDiskPressure',
      'PIDPressure=False/KubeletHasSufficientPID',
      'Ready=True/KubeletReady',
    ]);
    const pods = sim.store.list('pods', 'kube-system');
    const names = pods.map((p) => p.metadata.name!.replace(/-[a-z0-9]{5}$/, '').replace(/-[4-9bcdf]{8,10}$/, ''));
    expect(names.sort()).toEqual(
      [
        'calico-kube-controllers',
        'calico-node',
        'calico-node',
        'calico-node',
        'coredns',
        'coredns',
        'etcd-controlplane',
        'kube-apiserver-controlplane',
        'kube-controller-manager-controlplane',
        'kube-proxy',
        'kube-proxy',
        'kube-proxy',
        'kube-scheduler-controlplane',
      ].sort(),
    );
    for (const p of pods) {
      expect((p.status as { phase: string }).phase).toBe('Running');
      expect(isPodReady(p)).toBe(true);
      expect(p.metadata.creationTimestamp! < '2026-01-04').toBe(true);
    }
    const etcd = sim.store.get('pods', 'kube-system', 'etcd-controlplane')!;
    expect(etcd.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid: cp.metadata.uid, controller: true }]);
    const kubeSvc = sim.store.get('services', 'default', 'kubernetes')!;
    expect((kubeSvc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    expect(sim.store.get('endpoints', 'default', 'kubernetes')!.subsets).toEqual([{ addresses: [{ ip: '172.30.1.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const dns = sim.store.get('endpoints', 'kube-system', 'kube-dns')!;
    const subsets = dns.subsets as { addresses: { ip: string; targetRef: { name: string } }[]; ports: unknown[] }[];
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses.map((a) => a.targetRef.name.startsWith('coredns-'))).toEqual([true, true]);
    expect(subsets[0].ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ]);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(sim.store.get('serviceaccounts', ns, 'default')).toBeDefined();
      expect(sim.store.get('configmaps', ns, 'kube-root-ca.crt')).toBeDefined();
    }
  });

  it('is stable: controllers find nothing to change', () => {
    const { sim } = testCluster();
    const snap = () =>
      ['deployments.apps', 'replicasets.apps', 'daemonsets.apps', 'endpoints', 'endpointslices.discovery.k8s.io', 'pods', 'services', 'configmaps', 'serviceaccounts'].map((r) =>
        sim.store.list(r).map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`),
      );
    const before = JSON.stringify(snap());
    sim.advanceBy(10 * 60_000);
    expect(JSON.stringify(snap())).toBe(before);
    expect(sim.store.list('events')).toEqual([]);
  });

  it('takes nodes from the cluster spec', () => {
    const sim = new Simulation({
      seed: 1,
      cluster: {
        nodes: [
          { name: 'worker-a', cpu: '4', memory: '8Gi', labels: { disk: 'ssd' } },
          { name: 'worker-b', cpu: '1', memory: '2Gi', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], unschedulable: true },
        ],
      },
    });
    const names = sim.store.list('nodes').map((n) => n.metadata.name);
    expect(names).toEqual(['controlplane', 'worker-a', 'worker-b']);
    const b = sim.store.get('nodes', '', 'worker-b')!;
    expect(b.spec).toMatchObject({ unschedulable: true, podCIDR: '10.244.2.0/24' });
    expect((b.spec as { taints: { key: string }[] }).taints.map((t) => t.key)).toEqual(['dedicated', 'node.kubernetes.io/unschedulable']);
    expect(sim.store.get('nodes', '', 'worker-a')!.metadata.labels!.disk).toBe('ssd');
    // DaemonSets run everywhere they tolerate
    expect(sim.store.list('pods', 'kube-system').filter((p) => p.metadata.name!.startsWith('kube-proxy-')).map(nodeOf).sort()).toEqual(['controlplane', 'worker-a', 'worker-b']);
  });
});

describe('endpoints controller', () => {
  const svc = (targetPort: number | string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort }] },
  });

  it('lists ready pods in addresses and the others in notReadyAddresses, by targetPort', () => {
    const { sim } = testCluster({ readyAfterMs: 5000 });
    mustCreate(sim, svc('web-port'));
    expect(sim.store.get('endpoints', 'default', 'web')!.subsets).toBeUndefined();
    const d = deployment('web', 2);
    (d.spec as { template: { spec: { containers: { ports: unknown[] }[] } } }).template.spec.containers[0].ports = [{ name: 'web-port', containerPort: 8080, protocol: 'TCP' }];
    mustCreate(sim, d);
    sim.advanceBy(5000);
    let ep = sim.store.get('endpoints', 'default', 'web')!;
    const subsets = ep.subsets as { addresses: { ip: string; nodeName: string; targetRef: { kind: string; name: string } }[]; ports: unknown[] }[];
    expect(subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(subsets[0].addresses).toHaveLength(2);
    expect(subsets[0].addresses[0].targetRef.kind).toBe('Pod');
    expect(ep.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-15T09:00:05Z');
    const slice = sim.store.list('endpointslices.discovery.k8s.io', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect((slice.endpoints as unknown[]).length).toBe(2);
    // scale to zero: no subsets at all
    mustUpdate(sim, 'deployments.apps', 'default', 'web', (x) => ((x.spec as { replicas: number }).replicas = 0));
    sim.advanceBy(31_000);
    ep = sim.store.get('endpoints', 'default', 'web')!;
    expect(ep.subsets).toBeUndefined();
  });

  it('shows not-ready pods and a selector mismatch', () => {
    const { sim } = testCluster({ ready: () => false });
    mustCreate(sim, svc(80));
    mustCreate(sim, deployment('web', 1));
    sim.advanceBy(5000);
    const ep = sim.store.get('endpoints', 'default', 'web')!;
    const s = (ep.subsets as { notReadyAddresses: unknown[]; addresses?: unknown[] }[])[0];
    expect(s.addresses).toBeUndefined();
    expect(s.notReadyAddresses).toHaveLength(1);
    mustUpdate(sim, 'services', 'default', 'web', (x) => ((x.spec as { selector: unknown }).selector = { app: 'nope' }));
    expect(sim.store.get('endpoints', 'default', 'web')!.subsets).toBeUndefined();
  });
});

describe('node lifecycle', () => {
  it('marks a silent node Unknown after the grace period, taints it and evicts its pods after tolerationSeconds', () => {
    const { sim, stopHeartbeat } = testCluster();
    const d = deployment('web', 4);
    (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.tolerations = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    mustCreate(sim, d);
    sim.advanceBy(20_000);
    const onNode01 = sim.store.list('pods', 'default').filter((p) => nodeOf(p) === 'node01').map((p) => p.metadata.name!);
    expect(onNode01).toHaveLength(2);
    stopHeartbeat('node01');
    // v1.32's node-monitor-grace-period is 50 s, checked every 5 s.
    sim.advanceBy(50_000);
    let node = sim.store.get('nodes', '', 'node01')!;
    expect(conds(node).find((c) => c.type === 'Ready')!.status).toBe('True');
    sim.advanceBy(10_000);
    node = sim.store.get('nodes', '', 'node01')!;
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
      expect(conds(node).find((c) => c.type === t)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    }
    expect(conds(node).find((c) => c.type === 'NetworkUnavailable')!.status).toBe('False');
    expect((node.spec as { taints: { key: string; effect: string }[] }).taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    for (const n of onNode01) expect(isPodReady(sim.store.get('pods', 'default', n)!)).toBe(false);
    expect(eventsFor(sim, 'default', 'node01')).toContain('NodeNotReady: Node node01 status is now: NodeNotReady');
    expect(eventsFor(sim, 'default', onNode01[0])).toContain('NodeNotReady: Node is not ready');
    // evicted 300 s after the taint
    sim.advanceBy(290_000);
    for (const n of onNode01) expect(sim.store.get('pods', 'default', n)!.metadata.deletionTimestamp).toBeUndefined();
    sim.advanceBy(15_000);
    for (const n of onNode01) {
      expect(sim.store.get('pods', 'default', n)!.metadata.deletionTimestamp).toBeDefined();
      expect(eventsFor(sim, 'default', n)).toContain(`TaintManagerEviction: Marking for deletion Pod default/${n}`);
    }
    sim.advanceBy(10_000);
    const live = sim.store.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(4);
    expect(live.filter((p) => nodeOf(p) === 'node02')).toHaveLength(4);
  });
});

describe('a NoExecute taint without timeAdded (as kubectl taint writes it)', () => {
  it('evicts tolerating pods tolerationSeconds after the taint manager first sees it, untolerating ones at once', () => {
    const { sim } = testCluster();
    const d = deployment('web', 4);
    (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.tolerations = [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
    mustCreate(sim, d);
    mustCreate(sim, deployment('api', 2));
    sim.advanceBy(20_000);
    const web = sim.store.list('pods', 'default').filter((p) => nodeOf(p) === 'node01' && p.metadata.name!.startsWith('web-')).map((p) => p.metadata.name!);
    const api = sim.store.list('pods', 'default').filter((p) => nodeOf(p) === 'node01' && p.metadata.name!.startsWith('api-')).map((p) => p.metadata.name!);
    expect(web.length).toBeGreaterThan(0);
    mustUpdate(sim, 'nodes', '', 'node01', (n) => ((n.spec as { taints?: unknown[] }).taints = [{ key: 'maint', effect: 'NoExecute' }]));
    sim.advanceBy(1_000);
    for (const n of api) expect(sim.store.get('pods', 'default', n)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
    sim.advanceBy(55_000);
    for (const n of web) expect(sim.store.get('pods', 'default', n)!.metadata.deletionTimestamp).toBeUndefined();
    sim.advanceBy(5_000);
    for (const n of web) expect(sim.store.get('pods', 'default', n)!.metadata.deletionTimestamp).toBeDefined();
  });
});

describe('daemonset controller', () => {
  it('runs one pod per eligible node and follows tolerations', () => {
    const { sim } = testCluster();
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] } },
      },
    };
    mustCreate(sim, ds);
    sim.advanceBy(5000);
    const pods = () => sim.store.list('pods', 'default').filter((p) => p.metadata.labels?.app === 'agent' && !p.metadata.deletionTimestamp);
    expect(pods().map(nodeOf).sort()).toEqual(['node01', 'node02']);
    const p0 = pods()[0];
    expect(p0.metadata.labels!['pod-template-generation']).toBe('1');
    expect(((p0.spec as { tolerations: { key: string }[] }).tolerations).map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
    expect(sim.store.get('daemonsets.apps', 'default', 'agent')!.status).toEqual({
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberAvailable: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
    });
    mustUpdate(sim, 'daemonsets.apps', 'default', 'agent', (x) => {
      (x.spec as { template: { spec: Record<string, unknown> } }).template.spec.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];
    });
    for (let i = 0; i < 10; i++) sim.advanceBy(10_000);
    expect(pods().map(nodeOf).sort()).toEqual(['controlplane', 'node01', 'node02']);
    expect(new Set(pods().map((p) => p.metadata.labels!['controller-revision-hash'])).size).toBe(1);
  });
});

describe('namespaces and garbage collection', () => {
  it('gives a new namespace its default ServiceAccount and root CA, and deletes its content with it', () => {
    const { sim } = testCluster();
    mustCreate(sim, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    expect(sim.store.get('serviceaccounts', 'shop', 'default')).toBeDefined();
    expect((sim.store.get('configmaps', 'shop', 'kube-root-ca.crt')!.data as Record<string, string>)['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const d = deployment('web', 2);
    d.metadata.namespace = 'shop';
    mustCreate(sim, d);
    sim.advanceBy(5000);
    sim.api.delete(kindByResourceKey('namespaces')!, '', 'shop');
    sim.settle();
    expect((sim.store.get('namespaces', '', 'shop')!.status as { phase: string }).phase).toBe('Terminating');
    sim.advanceBy(31_000);
    expect(sim.store.get('namespaces', '', 'shop')).toBeUndefined();
    expect(sim.store.list('pods', 'shop')).toEqual([]);
  });

  it('deletes pods whose ReplicaSet is gone, and recreates a deleted default ServiceAccount', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 2));
    const rs = sim.store.list('replicasets.apps', 'default')[0];
    sim.api.delete(kindByResourceKey('replicasets.apps')!, 'default', rs.metadata.name!);
    sim.settle();
    // the Deployment makes a new ReplicaSet; the orphaned pods are collected
    const pods = sim.store.list('pods', 'default');
    expect(pods.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    sim.api.delete(kindByResourceKey('serviceaccounts')!, 'default', 'default');
    sim.settle();
    expect(sim.store.get('serviceaccounts', 'default', 'default')).toBeDefined();
  });
});

describe('pod garbage collection', () => {
  it('deletes pods of a deleted node after 40 s, and their ReplicaSet replaces them', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('web', 4));
    sim.advanceBy(5000);
    const gone = sim.store.list('pods', 'default').filter((p) => nodeOf(p) === 'node01').map((p) => p.metadata.name!);
    expect(gone).toHaveLength(2);
    sim.api.delete(kindByResourceKey('nodes')!, '', 'node01');
    sim.settle();
    sim.advanceBy(39_000);
    for (const n of gone) expect(sim.store.get('pods', 'default', n)).toBeDefined();
    sim.advanceBy(2000);
    for (const n of gone) expect(sim.store.get('pods', 'default', n)).toBeUndefined();
    sim.advanceBy(5000);
    const live = sim.store.list('pods', 'default');
    expect(live).toHaveLength(4);
    expect(live.every((p) => nodeOf(p) === 'node02')).toBe(true);
  });
});

describe('pod garbage collection of unknown nodes', () => {
  it('deletes a pod bound to a node that does not exist', () => {
    const { sim } = testCluster();
    mustCreate(sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lost', namespace: 'default' }, spec: { nodeName: 'node09', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.advanceBy(39_000);
    expect(sim.store.get('pods', 'default', 'lost')).toBeDefined();
    sim.advanceBy(2000);
    expect(sim.store.get('pods', 'default', 'lost')).toBeUndefined();
  });
});

describe('disruption controller', () => {
  it('computes how many pods a PodDisruptionBudget lets go', () => {
    const { sim } = testCluster();
    mustCreate(sim, deployment('api', 3));
    sim.advanceBy(5000);
    mustCreate(sim, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'default' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'api' } } } });
    let pdb = sim.store.get('poddisruptionbudgets.policy', 'default', 'api')!;
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0, expectedPods: 3, observedGeneration: 1 });
    expect((pdb.status as { conditions: unknown[] }).conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' });
    mustUpdate(sim, 'poddisruptionbudgets.policy', 'default', 'api', (b) => ((b.spec as Record<string, unknown>) = { maxUnavailable: '34%', selector: { matchLabels: { app: 'api' } } }));
    pdb = sim.store.get('poddisruptionbudgets.policy', 'default', 'api')!;
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 1, disruptionsAllowed: 2, expectedPods: 3 });
  });
});

describe('replication controller', () => {
  it('keeps replicas of a ReplicationController, selecting by its template labels', () => {
    const { sim } = testCluster();
    mustCreate(sim, {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
    });
    sim.advanceBy(5000);
    const pods = sim.store.list('pods', 'default');
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.name).toMatch(/^legacy-[a-z0-9]{5}$/);
    expect(pods[0].metadata.ownerReferences![0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy' });
    expect(sim.store.get('replicationcontrollers', 'default', 'legacy')!.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(eventsFor(sim, 'default', 'legacy')[0]).toMatch(/^SuccessfulCreate: Created pod: legacy-/);
  });
});
