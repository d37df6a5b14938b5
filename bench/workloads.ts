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

/**
 * How many timed runs follow the first (cold) one. With 30, p99 was simply the
 * slowest run; with 200, two runs may be slower than p99, so one stray pause
 * (a garbage collection landing in a run) no longer decides the figure alone.
 */
export const READ_SAMPLES = 200;

/**
 * Runs a command once cold, then `samples` more times, timing each run with
 * `clock` (wall or CPU milliseconds). The cold run is kept apart: it is what a
 * learner's first command in a fresh process costs (code not yet optimised,
 * printer caches empty), and folding it into the percentiles would hide it in
 * a long run or dominate a short one. `onOutput` sees the first and the last
 * output, so a digest covers both the cold and the warm path.
 */
export function timeRuns<T>(run: () => T, clock: () => number, samples: number, onOutput?: (out: T) => void): { cold: number; samples: number[] } {
  const cold = timeOne(run, clock, onOutput);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(timeOne(run, clock, i === samples - 1 ? onOutput : undefined));
  return { cold, samples: times };
}

/**
 * One timed run. The output lives only in this frame: when a loop variable
 * held it until the next run, the collector promoted every 8 MB `-o json`
 * text to the old generation and the runs paid for major collections that
 * the trainer, which drops outputs it has shown, does not.
 */
function timeOne<T>(run: () => T, clock: () => number, onOutput?: (out: T) => void): number {
  const t = clock();
  const out = run();
  const elapsed = clock() - t;
  onOutput?.(out);
  return elapsed;
}

/** Median, p99 (nearest rank: of 200 samples, the 198th fastest) and the slowest run. */
export function percentiles(samples: number[]): { median: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: q(0.5), p99: q(0.99), max: s[s.length - 1] };
}
