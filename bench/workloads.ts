/**
 * The workloads both benchmarks measure (`run.ts` in wall time, `cpu.ts` in
 * CPU time), so the two always time the same thing.
 */
import { createSimulation, type Simulation } from '../src/cluster/simulation.js';
import { defaultKubeConfig, type KubectlContext } from '../src/kubectl/context.js';
import { memoryFileSystem } from '../src/kubectl/node-fs.js';
import { loadScenario } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';
import { runPlay, type PlayResult } from '../src/play/play-runner.js';
import type { Scenario } from '../src/scenarios/types.js';

/** A learner's 20 steps through the OOM drill, fix included. */
export const OOM_SCRIPT = [
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

export function oomScenario(): Scenario {
  const loaded = loadScenario('oom-checkout');
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.scenario;
}

/** Starts the OOM drill and plays the script, as `kubedojo play` would. */
export function playOom(scenario: Scenario): PlayResult {
  const started = Session.start({ scenario, fs: memoryFileSystem({}) });
  if (!started.ok) throw new Error(started.error);
  const s = started.session;
  return runPlay({ run: (l) => s.run(l), advanceBy: (x) => s.sim.advanceBy(x), now: () => s.sim.now(), objectives: () => s.objectives(), guards: () => s.guards() }, OOM_SCRIPT, false);
}

/** A cluster of one control-plane node and 100 roomy workers. */
export function hundredNodeCluster(): Simulation {
  const nodes = Array.from({ length: 100 }, (_, i) => ({ name: `node${String(i + 1).padStart(3, '0')}`, cpu: '16', memory: '64Gi', pods: 110 }));
  return createSimulation({ seed: 7, cluster: { nodes: [{ name: 'controlplane', role: 'control-plane' as const }, ...nodes] } });
}

/** Creates the 1,000-replica Deployment (controllers settle once). */
export function createBigDeployment(sim: Simulation): void {
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
}

/** Lets simulated time pass in 5 s steps until every pod runs (or 10 minutes); returns how many run. */
export function runUntilAllRunning(sim: Simulation): number {
  let running = 0;
  for (let step = 0; step < 120 && running < 1000; step++) {
    sim.advanceBy(5_000);
    running = sim.store.list('pods', 'default').filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running').length;
  }
  return running;
}

export function kubectlContext(sim: Simulation): KubectlContext {
  return { sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) };
}

/** The three interpreter commands timed on the big cluster. */
export function readCommands(sim: Simulation): { label: string; argv: string[] }[] {
  const pod = sim.store.list('pods', 'default')[0]?.metadata.name ?? 'missing';
  return [
    { label: 'get', argv: ['get', 'pods', '-A'] },
    { label: 'describe', argv: ['describe', 'pod', pod] },
    { label: 'json', argv: ['get', 'pods', '-o', 'json'] },
  ];
}

export function percentiles(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99) };
}
