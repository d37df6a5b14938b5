import { isDict, parseTime, type KubeObject } from '../../cluster/api/meta.js';
import { milliValue, intValue } from '../../cluster/api/quantity.js';
import type { ContainerUsage } from '../../cluster/kubelet/index.js';
import { goDurationString } from '../../cluster/api/human-duration.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString, usageError } from './types.js';
import { finish, labelMatcher, parseLabelSelector, plainErr, statusErr } from './write-helpers.js';
import { notFound } from '../../cluster/apiserver/status-errors.js';

/**
 * `kubectl top pod|node`: resource use as metrics-server reports it, from
 * the kubelets' simulated usage.
 *
 * @see k8s.io/kubectl/pkg/cmd/top/top_pod.go, top_node.go, pkg/metricsutil/metrics_printer.go
 */

const MI = 1024 * 1024;
/** kubectl's metricsCreationDelay: younger pods without metrics are not an error. */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

/**
 * The top printer's tabwriter: every cell is tab-terminated (so the last
 * column is padded too), minwidth 6, padding 3, as printers.GetNewTabWriter.
 */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 6, Buffer.byteLength(c) + 3)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i] - Buffer.byteLength(c)))).join('') + '\n').join('');
}

function cpu(m: number): string {
  return `${m}m`;
}

function mem(bytes: number): string {
  return `${Math.floor(bytes / MI)}Mi`;
}

interface PodMetrics {
  pod: KubeObject;
  containers: ContainerUsage[];
}

function runTopPod(inv: Invocation) {
  const sim = inv.ctx.sim;
  const all = flagBool(inv, 'all-namespaces');
  const selector = flagString(inv, 'selector');
  const sortBy = flagString(inv, 'sort-by');
  const containersMode = flagBool(inv, 'containers');
  const noHeaders = flagBool(inv, 'no-headers');
  if (inv.args.length > 1) return usageError(inv, 'only one pod name may be specified');
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') return finish('', [plainErr('--sort-by accepts only cpu or memory')]);
  const name = inv.args[0];
  const namespace = all ? undefined : inv.namespace;
  let pods: KubeObject[];
  if (name !== undefined) {
    const p = sim.store.get('pods', inv.namespace, name);
    const usage = p ? sim.kubelet.usage(inv.namespace, name) : undefined;
    if (!p || !usage) {
      return finish('', [statusErr({ ...notFound({ resource: 'podmetrics', group: 'metrics.k8s.io' }, `${inv.namespace}/${name}`) })]);
    }
    pods = [p];
  } else {
    pods = [...sim.store.list('pods', namespace)];
    if (selector !== '') {
      const sel = parseLabelSelector(selector);
      if (!sel.ok) return finish('', [plainErr(sel.message)]);
      pods = pods.filter(labelMatcher(sel.value));
    }
  }
  const metrics: PodMetrics[] = [];
  for (const pod of pods) {
    const usage = sim.kubelet.usage(pod.metadata.namespace ?? '', pod.metadata.name!);
    if (usage) metrics.push({ pod, containers: usage });
  }
  if (metrics.length === 0) {
    for (const pod of pods) {
      const age = sim.now() - (parseTime(pod.metadata.creationTimestamp) ?? sim.now());
      if (age > METRICS_CREATION_DELAY_MS) {
        return finish('', [plainErr(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDurationString(age * 1e6)}`)]);
      }
    }
    if (pods.length > 0) return finish('', [plainErr('metrics not available yet')]);
    return { stdout: '', stderr: all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`, exitCode: 0 };
  }
  const total = (m: PodMetrics, f: 'cpuMillis' | 'memoryBytes') => m.containers.reduce((n, c) => n + c[f], 0);
  if (sortBy === 'cpu') metrics.sort((a, b) => total(b, 'cpuMillis') - total(a, 'cpuMillis'));
  if (sortBy === 'memory') metrics.sort((a, b) => total(b, 'memoryBytes') - total(a, 'memoryBytes'));
  const rows: string[][] = [];
  const header = [...(all ? ['NAMESPACE'] : []), ...(containersMode ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  if (!noHeaders) rows.push(header);
  for (const m of metrics) {
    const ns = all ? [m.pod.metadata.namespace ?? ''] : [];
    if (containersMode) {
      for (const c of m.containers) rows.push([...ns, m.pod.metadata.name!, c.name, cpu(c.cpuMillis), mem(c.memoryBytes)]);
    } else rows.push([...ns, m.pod.metadata.name!, cpu(total(m, 'cpuMillis')), mem(total(m, 'memoryBytes'))]);
  }
  if (flagBool(inv, 'sum')) {
    const width = rows.length;
    void width;
    const sumCpu = metrics.reduce((n, m) => n + total(m, 'cpuMillis'), 0);
    const sumMem = metrics.reduce((n, m) => n + total(m, 'memoryBytes'), 0);
    const pad = header.length - 2;
    rows.push([...Array<string>(pad).fill(''), '________', '________']);
    rows.push([...Array<string>(pad).fill(''), cpu(sumCpu), mem(sumMem)]);
  }
  return { stdout: table(rows), stderr: '', exitCode: 0 };
}

function runTopNode(inv: Invocation) {
  const sim = inv.ctx.sim;
  const selector = flagString(inv, 'selector');
  const sortBy = flagString(inv, 'sort-by');
  const noHeaders = flagBool(inv, 'no-headers');
  const showCapacity = flagBool(inv, 'show-capacity');
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') return finish('', [plainErr('--sort-by accepts only cpu or memory')]);
  let nodes = [...sim.store.list('nodes')];
  if (inv.args.length > 0) {
    const n = sim.store.get('nodes', '', inv.args[0]);
    if (!n) return finish('', [statusErr(notFound({ resource: 'nodes', group: '' }, inv.args[0]))]);
    nodes = [n];
  }
  if (selector !== '') {
    const sel = parseLabelSelector(selector);
    if (!sel.ok) return finish('', [plainErr(sel.message)]);
    nodes = nodes.filter(labelMatcher(sel.value));
  }
  if (nodes.length === 0) return { stdout: '', stderr: 'No resources found\n', exitCode: 0 };
  const rows: string[][] = [];
  if (!noHeaders) rows.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  const data = nodes.map((n) => ({ node: n, usage: sim.kubelet.nodeUsage(n.metadata.name!) }));
  if (sortBy === 'cpu') data.sort((a, b) => (b.usage?.cpuMillis ?? -1) - (a.usage?.cpuMillis ?? -1));
  if (sortBy === 'memory') data.sort((a, b) => (b.usage?.memoryBytes ?? -1) - (a.usage?.memoryBytes ?? -1));
  const missing: string[][] = [];
  for (const { node, usage } of data) {
    if (!usage) {
      missing.push([node.metadata.name!, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
      continue;
    }
    const status = isDict(node.status) ? node.status : {};
    const base = (showCapacity ? status.capacity : status.allocatable) as Record<string, string> | undefined;
    const cpuAlloc = milliValue(base?.cpu);
    const memAlloc = intValue(base?.memory);
    const cpuPct = cpuAlloc > 0 ? Math.floor((usage.cpuMillis * 100) / cpuAlloc) : 0;
    const memPct = memAlloc > 0 ? Math.floor((usage.memoryBytes * 100) / memAlloc) : 0;
    rows.push([node.metadata.name!, cpu(usage.cpuMillis), `${cpuPct}%`, mem(usage.memoryBytes), `${memPct}%`]);
  }
  rows.push(...missing);
  return { stdout: table(rows), stderr: '', exitCode: 0 };
}

const COMMON = [
  { name: 'no-headers', type: 'bool' as const, default: false },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'sort-by', type: 'string' as const, default: '' },
  { name: 'use-protocol-buffers', type: 'bool' as const, default: true },
];

export const topCommand: CommandDef = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  subcommands: [
    {
      name: 'node',
      aliases: ['nodes', 'no'],
      short: 'Display resource (CPU/memory) usage of nodes',
      flags: [...COMMON, { name: 'show-capacity', type: 'bool', default: false }],
      run: runTopNode,
    },
    {
      name: 'pod',
      aliases: ['pods', 'po'],
      short: 'Display resource (CPU/memory) usage of pods',
      flags: [
        ...COMMON,
        { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
        { name: 'containers', type: 'bool', default: false },
        // Only top pod has it in v1.32.
        { name: 'field-selector', type: 'string', default: '' },
        { name: 'sum', type: 'bool', default: false },
      ],
      run: runTopPod,
    },
  ],
};
