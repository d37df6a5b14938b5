/**
 * Re-records the get/describe/api-resources goldens from REAL kubectl
 * (v1.32.4) against test/fake-apiserver.ts.
 *
 *   npx tsx scripts/record-read-goldens.ts [SUITE...] [--log]
 *
 * Each suite is a folder of src/kubectl/testdata/read/ with `fixture.yaml`
 * (`now:` and `objects:`) and `cases.txt` (`name: kubectl args`, one a line).
 * For each case it writes `<name>.stdout`, `<name>.stderr` and `<name>.exit`.
 * See src/kubectl/testdata/read/README.md for the time-shifting scheme.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import type { Fixture } from '../test/fake-apiserver.js';
import { RealKubectl } from '../test/real-kubectl.js';
import { KUBECTL } from '../test/kubectl-binary.js';

const ROOT = path.resolve(import.meta.dirname, '../src/kubectl/testdata/read');
const argv = process.argv.slice(2);
const showLog = argv.includes('--log');
const only = argv.filter((a) => !a.startsWith('--'));

async function recordSuite(dir: string): Promise<number> {
  const fixture = yaml.load(fs.readFileSync(path.join(dir, 'fixture.yaml'), 'utf8')) as Fixture;
  const cases = fs
    .readFileSync(path.join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const kubectl = new RealKubectl(fixture);
  await kubectl.start();
  let n = 0;
  for (const line of cases) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const args = split(line.slice(colon + 1).trim());
    const r = await kubectl.run(args);
    fs.writeFileSync(path.join(dir, `${name}.stdout`), r.stdout);
    fs.writeFileSync(path.join(dir, `${name}.stderr`), r.stderr);
    fs.writeFileSync(path.join(dir, `${name}.exit`), `${r.status}\n`);
    if (showLog) console.log(`== ${name}: kubectl ${args.join(' ')}\n${kubectl.server.log.join('\n')}`);
    n++;
  }
  await kubectl.stop();
  return n;
}

const version = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' }).stdout;
if (!version.includes('v1.32.')) console.warn(`warning: goldens are meant for kubectl v1.32.4, found:\n${version}`);
let total = 0;
for (const suite of fs.readdirSync(ROOT).sort()) {
  const dir = path.join(ROOT, suite);
  if (!fs.statSync(dir).isDirectory()) continue;
  if (only.length > 0 && !only.includes(suite)) continue;
  const n = await recordSuite(dir);
  console.log(`${suite}: ${n} cases`);
  total += n;
}
console.log(`recorded ${total} goldens`);
