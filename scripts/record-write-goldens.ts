/**
 * Re-records the write goldens (edit, apply, label …) from REAL kubectl
 * (v1.32.4) against test/fake-apiserver.ts, whose writes go to our own API
 * server: the answers are the simulation's, kubectl's handling of them is real.
 *
 *   npx tsx scripts/record-write-goldens.ts [SUITE...] [--log]
 *
 * Each suite is a folder of src/kubectl/testdata/write/ with `fixture.yaml`
 * (`now:` and `objects:`) and `cases.txt`, one case a line:
 * `name: [VAR=value ...] kubectl-args` (shell-split; leading VAR=value words
 * are environment variables). Every case gets a fresh server loaded with the
 * fixture, so writes never leak between cases. Files a case reads (`-f x.yaml`)
 * live next to cases.txt; kubectl runs in the suite folder with
 * KUBE_EDITOR=../editor.sh. It writes `<name>.stdout`, `.stderr` and `.exit`;
 * kubectl's temporary file names (`/tmp/kubectl-edit-123.yaml`) are replaced
 * by `/tmp/kubectl-edit-N.yaml`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import { FakeApiServer, type Fixture } from '../test/fake-apiserver.js';
import { kubeconfigFor, runProcess } from '../test/real-kubectl.js';
import { KUBECTL, recordSuites } from '../test/kubectl-binary.js';

const ROOT = path.resolve(import.meta.dirname, '../src/kubectl/testdata/write');
const argv = process.argv.slice(2);
const showLog = argv.includes('--log');
const only = argv.filter((a) => !a.startsWith('--'));

/** A case line: its name, environment and kubectl arguments. */
export function parseCase(line: string): { name: string; env: Record<string, string>; args: string[] } {
  const colon = line.indexOf(':');
  const words = split(line.slice(colon + 1).trim());
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0])) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  return { name: line.slice(0, colon).trim(), env, args: words };
}

const normalize = (s: string) => s.replace(/kubectl-edit-\d+\.(yaml|json)/g, 'kubectl-edit-N.$1');

async function recordSuite(dir: string): Promise<number> {
  const fixture = yaml.load(fs.readFileSync(path.join(dir, 'fixture.yaml'), 'utf8')) as Fixture;
  const lines = fs
    .readFileSync(path.join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  let n = 0;
  for (const line of lines) {
    const c = parseCase(line);
    const server = new FakeApiServer(fixture);
    const port = await server.start();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-write-'));
    fs.writeFileSync(path.join(home, 'config'), kubeconfigFor(port));
    const env = { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'config'), TZ: 'UTC', LANG: 'C', KUBE_EDITOR: path.join(ROOT, 'editor.sh'), ...c.env };
    const cwd = process.cwd();
    process.chdir(dir);
    const r = await runProcess(KUBECTL, c.args, env);
    process.chdir(cwd);
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, `${c.name}.stdout`), normalize(r.stdout));
    fs.writeFileSync(path.join(dir, `${c.name}.stderr`), normalize(r.stderr));
    fs.writeFileSync(path.join(dir, `${c.name}.exit`), `${r.status}\n`);
    if (showLog) console.log(`== ${c.name}: kubectl ${c.args.join(' ')}\n${server.log.join('\n')}`);
    n++;
  }
  return n;
}

await recordSuites(ROOT, only, recordSuite);
