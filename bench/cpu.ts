/**
 * `npx tsx bench/cpu.ts [play|settle|get|describe|json|all] [--digest]`: the
 * scenarios of `bench/run.ts`, measured in CPU time (process.cpuUsage), which
 * stays meaningful when the machine is shared. With `--digest`, prints a hash
 * of every output (for the read commands, the first and the last run, so
 * both the cold and the warm printer path), to check that an optimisation
 * changed no byte.
 */
import { createHash } from 'node:crypto';
import { runKubectl } from '../src/kubectl/run.js';
import { createBigDeployment, hundredNodeCluster, kubectlContext, oomScenario, percentiles, playOom, READ_SAMPLES, readCommands, runUntilAllRunning, timeRuns } from './workloads.js';

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
  const { median, p99, max } = percentiles(samples);
  return `median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (${samples.length} runs)`;
};

if (mode === 'play' || mode === 'all') {
  const scenario = oomScenario();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpu();
    const out = playOom(scenario);
    samples.push(cpu() - t0);
    if (digestOn && i === 0) digest.update(JSON.stringify(out));
  }
  console.log(`play (CPU): ${stats(samples)}${sectionDigest()}`);
}

if (mode !== 'play') {
  const t00 = cpu();
  const sim = hundredNodeCluster();
  const t0 = cpu();
  createBigDeployment(sim);
  const t1 = cpu();
  const running = runUntilAllRunning(sim);
  const t2 = cpu();
  console.log(
    `cluster build (CPU): ${(t0 - t00).toFixed(0)} ms; settle create (CPU): ${(t1 - t0).toFixed(0)} ms; to running (CPU): ${(t2 - t1).toFixed(0)} ms; total ${(t2 - t0).toFixed(0)} ms; running ${running}; rv ${sim.store.revision}`,
  );
  if (digestOn) {
    for (const res of sim.store.resources()) digest.update(JSON.stringify(sim.store.list(res)));
    console.log(`cluster${sectionDigest()}`);
  }

  const ctx = kubectlContext(sim);
  for (const { label, argv } of readCommands(sim)) {
    if (mode !== 'all' && mode !== label) continue;
    const onOutput = digestOn ? (out: unknown) => digest.update(JSON.stringify(out)) : undefined;
    const { cold, samples } = timeRuns(() => runKubectl(argv, ctx), cpu, READ_SAMPLES, onOutput);
    console.log(`${argv.join(' ')} (CPU): first ${cold.toFixed(1)} ms, ${stats(samples)}${sectionDigest()}`);
  }
}
