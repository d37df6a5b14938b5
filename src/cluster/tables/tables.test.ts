import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { buildTable } from './index.js';
import { formatLabels, humanDuration } from './format.js';

/**
 * Table cells against the rules of printers.go (the `get` goldens only
 * check kubectl's layout of our cells, so the cell rules are pinned here).
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(600), ...meta },
    spec: { containers: [{ name: 'a', image: 'a' }], ...spec },
    status,
  };
}

const cells = (kind: string, group: string, obj: KubeObject) => buildTable(kind, group, [obj], NOW).rows[0].cells;
const podCells = (o: KubeObject) => cells('Pod', '', o);

describe('pod table (printPod)', () => {
  it.each([
    ['phase', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    ['status.reason wins', pod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
    [
      'waiting reason of the first container in spec order',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(37) } } },
            { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      '0/2',
      'CrashLoopBackOff',
      '2 (37s ago)',
    ],
    ['terminated without reason: signal', pod({ phase: 'Running', containerStatuses: [{ name: 'a', restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }), '0/1', 'Signal:9', '0'],
    ['terminated without reason: exit code', pod({ phase: 'Running', containerStatuses: [{ name: 'a', restartCount: 0, state: { terminated: { exitCode: 3 } } }] }), '0/1', 'ExitCode:3', '0'],
    [
      'Init:N/M while an init container runs',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i1', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'i2', restartCount: 0, state: { running: {} } },
          ],
        },
        { initContainers: [{ name: 'i1' }, { name: 'i2' }, { name: 'i3' }] },
      ),
      '0/1',
      'Init:1/3',
      '0',
    ],
    [
      'Init:<waiting reason> with restarts',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(125) } } }] },
        { initContainers: [{ name: 'i1' }] },
      ),
      '0/1',
      'Init:CrashLoopBackOff',
      '4 (2m5s ago)',
    ],
    ['Init:ExitCode', pod({ phase: 'Failed', initContainerStatuses: [{ name: 'i1', restartCount: 0, state: { terminated: { exitCode: 2 } } }] }, { initContainers: [{ name: 'i1' }] }), '0/1', 'Init:ExitCode:2', '0'],
    ['Init:Signal', pod({ phase: 'Failed', initContainerStatuses: [{ name: 'i1', restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }, { initContainers: [{ name: 'i1' }] }), '0/1', 'Init:Signal:9', '0'],
    ['Init:<terminated reason>', pod({ phase: 'Failed', initContainerStatuses: [{ name: 'i1', restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, { initContainers: [{ name: 'i1' }] }), '0/1', 'Init:Error', '0'],
    [
      'Completed with a running ready container and Ready: Running',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'b', ready: true, restartCount: 0, state: { running: {} } },
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      '1/2',
      'Running',
      '0',
    ],
    [
      'Completed with a running ready container, not Ready: NotReady',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'b', ready: true, restartCount: 0, state: { running: {} } },
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      '1/2',
      'NotReady',
      '0',
    ],
    [
      'sidecars count toward READY and their restarts show after init',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [{ name: 's', ready: true, started: true, restartCount: 2, lastState: { terminated: { finishedAt: ago(300) } }, state: { running: {} } }],
          containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }],
        },
        { initContainers: [{ name: 's', restartPolicy: 'Always' }] },
      ),
      '2/2',
      'Running',
      '2 (5m ago)',
    ],
    ['SchedulingGated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
    ['Terminating', pod({ phase: 'Running' }, {}, { deletionTimestamp: ago(-30) }), '0/1', 'Terminating', '0'],
    ['terminal phases are not Terminating', pod({ phase: 'Succeeded' }, {}, { deletionTimestamp: ago(-30) }), '0/1', 'Succeeded', '0'],
    ['NodeLost while deleting: Unknown', pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(10) }), '0/1', 'Unknown', '0'],
  ])('%s', (_name, obj, ready, status, restarts) => {
    const c = podCells(obj);
    expect(c.slice(1, 4)).toEqual([ready, status, restarts]);
    expect(c[4]).toBe('10m');
  });

  it('wide cells: first pod IP, node, nominated node, readiness gates', () => {
    const c = podCells(
      pod(
        { phase: 'Pending', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }], nominatedNodeName: 'n2', conditions: [{ type: 'x/ready', status: 'True' }] },
        { nodeName: 'n1', readinessGates: [{ conditionType: 'x/ready' }, { conditionType: 'y/ready' }] },
      ),
    );
    expect(c.slice(5)).toEqual(['10.0.0.1', 'n1', 'n2', '1/2']);
    expect(podCells(pod({ phase: 'Pending' })).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
});

describe('pod rows of stored (frozen) pods', () => {
  const deepFreeze = <T>(v: T): T => {
    if (typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) deepFreeze(x);
      Object.freeze(v);
    }
    return v;
  };
  const restarted = () =>
    deepFreeze(
      pod({
        phase: 'Running',
        containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } }],
      }),
    );

  it('recomputes AGE and RESTARTS (Xs ago) at each time, though the rest is worked out once per pod', () => {
    const p = restarted();
    expect(buildTable('Pod', '', [p], NOW).rows[0].cells.slice(1, 5)).toEqual(['1/1', 'Running', '3 (90s ago)', '10m']);
    expect(buildTable('Pod', '', [p], NOW + 3_600_000).rows[0].cells.slice(1, 5)).toEqual(['1/1', 'Running', '3 (61m ago)', '70m']);
  });

  it('gives each table its own cells', () => {
    const p = restarted();
    const first = buildTable('Pod', '', [p], NOW).rows[0].cells;
    first[0] = 'changed';
    expect(buildTable('Pod', '', [p], NOW).rows[0].cells[0]).toBe('p');
  });

  it('prints <unknown> for a zero creation time', () => {
    const p = deepFreeze(pod({ phase: 'Running' }, {}, { creationTimestamp: '0001-01-01T00:00:00Z' }));
    expect(buildTable('Pod', '', [p], NOW).rows[0].cells[4]).toBe('<unknown>');
  });
});

describe('other kinds', () => {
  it('node: status, roles, wide addresses', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', creationTimestamp: ago(3 * 86400), labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'infra' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'False' }], addresses: [{ type: 'InternalIP', address: '10.0.0.2' }], nodeInfo: { kubeletVersion: 'v1.32.4' } },
    };
    expect(cells('Node', '', node)).toEqual(['n', 'NotReady,SchedulingDisabled', 'control-plane,infra,worker', '3d', 'v1.32.4', '10.0.0.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    expect(cells('Node', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' }, status: {} })[1]).toBe('Unknown');
  });

  it('service: types, external IPs, ports', () => {
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', creationTimestamp: ago(5) }, spec, status });
    expect(cells('Service', '', svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }))).toEqual(['s', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '5s', '<none>']);
    expect(cells('Service', '', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }))[3]).toBe('<pending>');
    expect(cells('Service', '', svc({ type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }))[4]).toBe('80:30080/TCP');
    expect(cells('Service', '', svc({ type: 'LoadBalancer', externalIPs: ['1.2.3.4'] }, { loadBalancer: { ingress: [{ hostname: 'b.example.com' }, { ip: '5.6.7.8' }] } }))[3]).toBe('5.6.7.8,b.example.com,1.2.3.4');
    expect(cells('Service', '', svc({ type: 'ExternalName', externalName: 'db.example.com' })).slice(2, 5)).toEqual(['<none>', 'db.example.com', '<none>']);
  });

  it('endpoints: three then "+ N more..."', () => {
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'e', creationTimestamp: ago(1) },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }, { addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }],
    };
    expect(cells('Endpoints', '', ep)[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...');
    expect(cells('Endpoints', '', { ...ep, subsets: [] })[1]).toBe('<none>');
  });

  it('job: status and completions', () => {
    const job = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', creationTimestamp: ago(100) }, spec, status });
    expect(cells('Job', 'batch', job({ parallelism: 3 }, { startTime: ago(100), succeeded: 1 })).slice(1, 4)).toEqual(['Running', '1/1 of 3', '100s']);
    expect(cells('Job', 'batch', job({ completions: 2 }, { startTime: ago(100), completionTime: ago(40), succeeded: 2, conditions: [{ type: 'Complete', status: 'True' }] })).slice(1, 4)).toEqual(['Complete', '2/2', '60s']);
    expect(cells('Job', 'batch', job({ completions: 1 }, { conditions: [{ type: 'Suspended', status: 'True' }] })).slice(1, 4)).toEqual(['Suspended', '0/1', '']);
  });

  it('deployment, quota, storage class default, default table', () => {
    const d: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', creationTimestamp: ago(7200) }, spec: { replicas: 3, selector: { matchLabels: { b: '2', a: '1' } }, template: { spec: { containers: [{ name: 'x', image: 'x:1' }, { name: 'y', image: 'y:1' }] } } }, status: { readyReplicas: 1, updatedReplicas: 3 } };
    expect(cells('Deployment', 'apps', d)).toEqual(['d', '1/3', 3, 0, '120m', 'x,y', 'x:1,y:1', 'a=1,b=2']);
    const q: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', creationTimestamp: ago(10) }, status: { hard: { pods: '10', 'limits.memory': '1Gi', 'requests.cpu': '1' }, used: { pods: '2' } } };
    expect(cells('ResourceQuota', '', q).slice(1, 3)).toEqual(['pods: 2/10, requests.cpu: 0/1', 'limits.memory: 0/1Gi']);
    const sc: KubeObject = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'std', creationTimestamp: ago(10), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'p' };
    expect(cells('StorageClass', 'storage.k8s.io', sc).slice(0, 5)).toEqual(['std (default)', 'p', 'Delete', 'Immediate', false]);
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', creationTimestamp: '2026-01-15T08:30:00Z' } };
    expect(buildTable('Role', 'rbac.authorization.k8s.io', [role], NOW).columns.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(cells('Role', 'rbac.authorization.k8s.io', role)).toEqual(['r', '2026-01-15T08:30:00Z']);
  });

  it('HumanDuration thresholds', () => {
    const s = 1000;
    expect([119 * s, 120 * s, 599 * s, 600 * s, 10799 * s, 3 * 3600 * s, 8 * 3600 * s - s, 48 * 3600 * s - s, 8 * 86400 * s - s, 2 * 365 * 86400 * s].map(humanDuration)).toEqual([
      '119s',
      '2m',
      '9m59s',
      '10m',
      '179m',
      '3h',
      '7h59m',
      '47h',
      '7d23h',
      '2y',
    ]);
    expect(humanDuration(-2000)).toBe('<invalid>');
    expect(humanDuration(-500)).toBe('0s');
  });
});

describe('labels.FormatLabels', () => {
  // labels.Set.String sorts the joined k=v strings, not the keys: '.' (0x2e) sorts before '=' (0x3d).
  it('orders whole k=v pairs, so a prefixed key can come before a shorter one', () => {
    expect(formatLabels({ app: 'ebs-csi-node', 'app.kubernetes.io/component': 'csi-driver', zone: 'a' })).toBe('app.kubernetes.io/component=csi-driver,app=ebs-csi-node,zone=a');
    expect(formatLabels({})).toBe('<none>');
  });
});
