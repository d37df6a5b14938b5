/**
 * `npm run bench`: speed and memory of the simulation and the interpreter,
 * measured on this machine with wall-clock timers (benchmarks are the one place
 * real time is read). Prints a table and exits 0; targets are shown beside each
 * figure, and a figure over its target is marked.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/cluster/simulation.js';
import { defaultKubeConfig } from '../src/kubectl/context.js';
import { memoryFileSystem } from '../src/kubectl/node-fs.js';
import { runKubectl } from '../src/kubectl/run.js';
import { loadScenario } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';
import { runPlay } from '../src/play/play-runner.js';

interface Row {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}
const rows: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99) };
}

// 1. The OOM drill's play script, 20 commands.
{
  const script = [
    'kubectl get nodes',
    'kubectl get pods -A',
    'kubectl -n shop get pods',
    'kubectl -n shop get pods -o wide',
    'kubectl -n shop describe deploy checkout',
    'kubectl -n shop get events',
    'kubectl -n shop get rs',
    'kubectl -n shop get deploy checkout -o yaml',
    'kubectl -n shop logs deploy/checkout',
    'kubectl -n shop top pods',
    'kubectl -n shop set resources deploy/checkout --limits=memory=512Mi',
    'kubectl -n shop rollout status deploy/checkout',
    'kubectl -n shop get pods',
    'sleep 3m',
    'kubectl -n shop get pods',
    'kubectl -n shop describe pods',
    'kubectl -n shop get deploy',
    'kubectl -n shop rollout history deploy/checkout',
    'kubectl -n shop get endpoints checkout',
    'check',
  ].join('\n');
  const loaded = loadScenario('oom-checkout');
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const started = Session.start({ scenario: loaded.scenario, fs: memoryFileSystem({}) });
    if (!started.ok) throw new Error(started.error);
    const s = started.session;
    runPlay({ run: (l) => s.run(l), advanceBy: (x) => s.sim.advanceBy(x), now: () => s.sim.now(), objectives: () => s.objectives(), guards: () => s.guards() }, script, false);
    samples.push(performance.now() - t0);
  }
  const { median } = stats(samples);
  rows.push({ name: 'play oom-checkout, 20-command script (median of 5)', value: ms(median), target: '< 500 ms', ok: median < 500 });
}

// 2. A 1,000-replica Deployment on 100 nodes: scheduled and running.
let bigSim: ReturnType<typeof createSimulation> | undefined;
{
  const nodes = Array.from({ length: 100 }, (_, i) => ({ name: `node${String(i + 1).padStart(3, '0')}`, cpu: '16', memory: '64Gi', pods: 110 }));
  const sim = createSimulation({ seed: 7, cluster: { nodes: [{ name: 'controlplane', role: 'control-plane' as const }, ...nodes] } });
  const t0 = performance.now();
  const r = sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'big', namespace: 'default' },
    spec: {
      replicas: 1000,
      selector: { matchLabels: { app: 'big' } },
      template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  sim.settle();
  let running = 0;
  for (let step = 0; step < 120 && running < 1000; step++) {
    sim.advanceBy(5_000);
    running = sim.store.list('pods', 'default').filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running').length;
  }
  const wall = performance.now() - t0;
  rows.push({ name: `1,000-replica Deployment on 100 nodes: ${running} pods running`, value: ms(wall), target: '< 1000 ms', ok: wall < 1000 && running === 1000 });
  bigSim = sim;
}

// 3. get pods -A, describe pod, get pods -o json on 1,000 pods.
{
  const sim = bigSim!;
  const ctx = { sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) };
  const pod = sim.store.list('pods', 'default')[0]?.metadata.name ?? 'missing';
  for (const [label, argv, target] of [
    ['kubectl get pods -A (1,000 pods)', ['get', 'pods', '-A'], 20],
    ['kubectl describe pod', ['describe', 'pod', pod], 20],
    ['kubectl get pods -o json (1,000 pods)', ['get', 'pods', '-o', 'json'], 20],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      runKubectl(argv, ctx);
      samples.push(performance.now() - t0);
    }
    const { median, p99 } = stats(samples);
    rows.push({ name: `${label}: median`, value: ms(median), target: `< ${target} ms p99`, ok: p99 < target });
    rows.push({ name: `${label}: p99`, value: ms(p99), target: `< ${target} ms`, ok: p99 < target });
  }
}

// 4. Memory.
{
  globalThis.gc?.();
  const m = process.memoryUsage();
  rows.push({ name: 'heap used with the 1,000-pod cluster loaded', value: `${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`, target: 'report', ok: true });
  rows.push({ name: 'resident set size', value: `${(m.rss / 2 ** 20).toFixed(0)} MiB`, target: 'report', ok: true });
}

const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.padStart(10)}  ${r.target.padEnd(14)} ${r.ok ? '' : 'OVER TARGET'}`);
