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
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import type { Fixture } from '../test/fake-apiserver.js';
import { RealKubectl } from '../test/real-kubectl.js';
import { recordSuites } from '../test/kubectl-binary.js';

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

await recordSuites(ROOT, only, recordSuite);
