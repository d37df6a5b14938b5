/**
 * `npx tsx bench/cpu.ts [play|settle|get|describe|json|all] [--digest]`: the
 * scenarios of `bench/run.ts`, measured in CPU time (process.cpuUsage), which
 * stays meaningful when the machine is shared. With `--digest`, prints a hash
 * of every output, to check that an optimisation changed no byte.
 */
import { createHash } from 'node:crypto';
import { createSimulation } from '../src/cluster/simulation.js';
import { defaultKubeConfig } from '../src/kubectl/context.js';
import { memoryFileSystem } from '../src/kubectl/node-fs.js';
import { runKubectl } from '../src/kubectl/run.js';
import { loadScenario } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';
import { runPlay } from '../src/play/play-runner.js';

const mode = process.argv[2] ?? 'all';
const digestOn = process.argv.includes('--digest');
let digest = createHash('sha256');
const sectionDigest = () => {
  if (!digestOn) return '';
  const d = digest.digest('hex').slice(0, 16);
  digest = createHash('sha256');
  return `  [digest ${d}]`;
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms`;
};

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

if (mode === 'play' || mode === 'all') {
  const loaded = loadScenario('oom-checkout');
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpu();
    const started = Session.start({ scenario: loaded.scenario, fs: memoryFileSystem({}) });
    if (!started.ok) throw new Error(started.error);
    const s = started.session;
    const out = runPlay(
      {
        run: (l) => s.run(l),
        advanceBy: (x) => s.sim.advanceBy(x),
        now: () => s.sim.now(),
        objectives: () => s.objectives(),
        guards: () => s.guards(),
      },
      script,
      false,
    );
    samples.push(cpu() - t0);
    if (digestOn && i === 0) digest.update(JSON.stringify(out));
  }
  console.log(`play (CPU): ${stats(samples)}${sectionDigest()}`);
}

if (mode !== 'play') {
  const nodes = Array.from({ length: 100 }, (_, i) => ({
    name: `node${String(i + 1).padStart(3, '0')}`,
    cpu: '16',
    memory: '64Gi',
    pods: 110,
  }));
  const t00 = cpu();
  const sim = createSimulation({
    seed: 7,
    cluster: { nodes: [{ name: 'controlplane', role: 'control-plane' as const }, ...nodes] },
  });
  let t0 = 0,
    t1 = 0,
    running = 0;
  const bigDeploymentSettles = () => {
    t0 = cpu();
    const r = sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'big', namespace: 'default' },
      spec: {
        replicas: 1000,
        selector: { matchLabels: { app: 'big' } },
        template: {
          metadata: { labels: { app: 'big' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx:1.27',
                resources: { requests: { cpu: '10m', memory: '16Mi' } },
              },
            ],
          },
        },
      },
    });
    if (!r.ok) throw new Error(r.error.message);
    sim.settle();
    t1 = cpu();
    for (let step = 0; step < 120 && running < 1000; step++) {
      sim.advanceBy(5_000);
      running = sim.store
        .list('pods', 'default')
        .filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running').length;
    }
  };
  bigDeploymentSettles();
  const t2 = cpu();
  console.log(
    `cluster build (CPU): ${(t0 - t00).toFixed(0)} ms; settle create (CPU): ${(t1 - t0).toFixed(0)} ms; to running (CPU): ${(t2 - t1).toFixed(0)} ms; total ${(t2 - t0).toFixed(0)} ms; running ${running}; rv ${sim.store.revision}`,
  );
  if (digestOn) {
    for (const res of sim.store.resources()) digest.update(JSON.stringify(sim.store.list(res)));
    console.log(`cluster${sectionDigest()}`);
  }

  const ctx = { sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) };
  const pod = sim.store.list('pods', 'default')[0]?.metadata.name ?? 'missing';
  const cases: [string, string[]][] = [
    ['get', ['get', 'pods', '-A']],
    ['describe', ['describe', 'pod', pod]],
    ['json', ['get', 'pods', '-o', 'json']],
  ];
  for (const [label, argv] of cases) {
    if (mode !== 'all' && mode !== label && mode !== 'settle') continue;
    if (mode === 'settle') continue;
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = cpu();
      const out = runKubectl(argv, ctx);
      samples.push(cpu() - t);
      if (digestOn && i === 0) digest.update(JSON.stringify(out));
    }
    console.log(`${argv.join(' ')} (CPU): ${stats(samples)}${sectionDigest()}`);
  }
}
