/**
 * `npm run bench`: speed and memory of the simulation and the interpreter,
 * measured on this machine with wall-clock timers (benchmarks are the one place
 * real time is read). Prints a table and exits 0; targets are shown beside each
 * figure, and a figure over its target is marked.
 *
 * Read commands on the 1,000-pod cluster: the first run of each is reported
 * on its own (a learner's first command in a fresh process runs unoptimised
 * code and fills the printers' per-object caches), then 200 runs give the
 * median and p99. Other processes on a shared machine stretch wall times:
 * compare runs made under the same load, or use `bench/cpu.ts`, which counts
 * CPU time (garbage-collector threads included).
 */
import { performance } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runKubectl } from '../src/kubectl/run.js';
import { createBigDeployment, hundredNodeCluster, kubectlContext, oomScenario, percentiles, playOom, READ_SAMPLES, readCommands, runUntilAllRunning, timeRuns } from './workloads.js';

interface Row {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}
const rows: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;

// 1. The OOM drill's play script, 20 commands.
{
  const scenario = oomScenario();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    playOom(scenario);
    samples.push(performance.now() - t0);
  }
  const { median } = percentiles(samples);
  rows.push({ name: 'play oom-checkout, 20-command script (median of 5)', value: ms(median), target: '< 500 ms', ok: median < 500 });
}

// 2. A 1,000-replica Deployment on 100 nodes: scheduled and running.
const sim = hundredNodeCluster();
{
  const t0 = performance.now();
  createBigDeployment(sim);
  const running = runUntilAllRunning(sim);
  const wall = performance.now() - t0;
  rows.push({ name: `1,000-replica Deployment on 100 nodes: ${running} pods running`, value: ms(wall), target: '< 1000 ms', ok: wall < 1000 && running === 1000 });
}

// 3. get pods -A, describe pod, get pods -o json on 1,000 pods: the first
// (cold) run apart, then READ_SAMPLES runs for median and p99.
{
  const ctx = kubectlContext(sim);
  const names: Record<string, string> = { get: 'kubectl get pods -A (1,000 pods)', describe: 'kubectl describe pod', json: 'kubectl get pods -o json (1,000 pods)' };
  for (const { label, argv } of readCommands(sim)) {
    const { cold, samples } = timeRuns(() => runKubectl(argv, ctx), () => performance.now(), READ_SAMPLES);
    const { median, p99, max } = percentiles(samples);
    rows.push({ name: `${names[label]}: first run (cold)`, value: ms(cold), target: 'report', ok: true });
    rows.push({ name: `${names[label]}: median of ${READ_SAMPLES}`, value: ms(median), target: '< 20 ms p99', ok: p99 < 20 });
    rows.push({ name: `${names[label]}: p99 (slowest ${ms(max)})`, value: ms(p99), target: '< 20 ms', ok: p99 < 20 });
  }
}

// 4. Memory, after a full collection (tsx runs without --expose-gc, so the
// collector is switched on here; without it the figure counted garbage).
{
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const m = process.memoryUsage();
  rows.push({ name: 'heap used with the 1,000-pod cluster loaded', value: `${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`, target: 'report', ok: true });
  rows.push({ name: 'resident set size', value: `${(m.rss / 2 ** 20).toFixed(0)} MiB`, target: 'report', ok: true });
}

// Wall times mean little when other processes want the same cores: say how busy the machine was.
rows.push({ name: `load average over the last minute (${availableParallelism()} cores)`, value: loadavg()[0].toFixed(2), target: 'report', ok: true });

const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.padStart(10)}  ${r.target.padEnd(14)} ${r.ok ? '' : 'OVER TARGET'}`);
