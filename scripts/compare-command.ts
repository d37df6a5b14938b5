/**
 * One command, real kubectl against ours, on a scenario's cluster as the
 * learner first sees it (seed 1): the quickest way to check a single output.
 *
 *   npx tsx scripts/compare-command.ts SCENARIO KUBECTL-ARGS...
 *   LOG=1 npx tsx scripts/compare-command.ts …   # also the requests kubectl made
 *
 * Each side gets a fresh copy of the frozen cluster (test/fake-apiserver.ts
 * for real kubectl, src/kubectl/run.ts for ours); both outputs are printed,
 * then SAME or DIFFERENT. Ages are as of the wall clock for real kubectl, so
 * compare commands that print no ages, or read the ages with that in mind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frozenFixture } from './frozen-cluster.js';
import { MemoryFs } from '../src/kubectl/commands/testkit.js';
import { defaultKubeConfig } from '../src/kubectl/context.js';
import { runKubectl } from '../src/kubectl/run.js';
import { catalogueFiles, loadScenarioFile } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';
import { FakeApiServer } from '../test/fake-apiserver.js';
import { KUBECTL } from '../test/kubectl-binary.js';
import { kubeconfigFor, runProcess } from '../test/real-kubectl.js';

const [scenario, ...args] = process.argv.slice(2);
const file = catalogueFiles().find((f) => path.basename(f, '.yaml') === scenario);
if (!file || args.length === 0) {
  console.error('usage: compare-command.ts SCENARIO KUBECTL-ARGS...');
  process.exit(2);
}
const loaded = loadScenarioFile(file);
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const started = Session.start({ scenario: loaded.scenario, seed: 1, fs: new MemoryFs() });
if (!started.ok) throw new Error(started.error);
const sim = started.session.sim;
const fixture = frozenFixture(sim);

const server = new FakeApiServer(fixture);
const port = await server.start();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-compare-'));
fs.writeFileSync(path.join(home, 'config'), kubeconfigFor(port));
server.syncClock();
const real = await runProcess(KUBECTL, args, { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'config'), TZ: 'UTC', LANG: 'C' });
await server.stop();
fs.rmSync(home, { recursive: true, force: true });
const ours = runKubectl(args, { sim: new FakeApiServer(fixture).sim, config: defaultKubeConfig(), env: {}, fs: new MemoryFs() });

const show = (title: string, stdout: string, stderr: string, code: number) => console.log(`--- ${title}\n${stdout}--- ${title} stderr\n${stderr}--- ${title} exit ${code}`);
show('real', real.stdout, real.stderr, real.status);
show('ours', ours.stdout, ours.stderr, ours.exitCode);
if (process.env.LOG) console.log(`--- requests\n${server.log.join('\n')}`);
const same = real.stdout === ours.stdout && real.stderr === ours.stderr && real.status === ours.exitCode;
console.log(same ? 'SAME' : 'DIFFERENT');
process.exit(same ? 0 : 1);
