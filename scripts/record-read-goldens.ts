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
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import { FakeApiServer, shiftTime, type Fixture } from '../test/fake-apiserver.js';

const ROOT = path.resolve(import.meta.dirname, '../src/kubectl/testdata/read');
const argv = process.argv.slice(2);
const showLog = argv.includes('--log');
const only = argv.filter((a) => !a.startsWith('--'));

const RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Thu, 15 Jan 2026 09:00:00 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Time.String() in UTC: `2026-01-15 09:10:00 +0000 UTC`. */
function goTimeString(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
}

function timestampsIn(v: unknown, out: Set<string>): void {
  if (typeof v === 'string' && new RegExp(`^${RFC3339.source}$`).test(v)) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => timestampsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => timestampsIn(x, out));
}

/** Replaces shifted absolute times in kubectl's output by the fixture's own. */
function unshift(text: string, stamps: Set<string>, offset: number): string {
  let out = text;
  for (const s of stamps) {
    const shifted = shiftTime(s, offset);
    out = out.split(shifted).join(s);
    const ms = Date.parse(s);
    out = out.split(rfc1123z(Math.floor((ms + offset) / 1000) * 1000)).join(rfc1123z(ms));
    out = out.split(goTimeString(Math.floor((ms + offset) / 1000) * 1000)).join(goTimeString(ms));
  }
  return out;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

async function recordSuite(dir: string): Promise<number> {
  const fixture = yaml.load(fs.readFileSync(path.join(dir, 'fixture.yaml'), 'utf8')) as Fixture;
  const cases = fs
    .readFileSync(path.join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const stamps = new Set<string>();
  timestampsIn(fixture.objects, stamps);
  const server = new FakeApiServer(fixture);
  const port = await server.start();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-goldens-'));
  const kubeconfig = path.join(home, 'config');
  fs.writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:${port}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    namespace: default
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
users:
- name: kubernetes-admin
  user: {}
`,
  );
  let n = 0;
  for (const line of cases) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const args = split(line.slice(colon + 1).trim());
    // The server lives in this process: kubectl must run asynchronously. Ages
    // are exact only if kubectl finishes within the second after syncClock:
    // rerun slow runs.
    let r: { stdout: string; stderr: string; status: number | null };
    for (let attempt = 0; ; attempt++) {
      server.log.length = 0;
      // start just after a wall-clock second boundary, so the whole offset
      // plus kubectl's run time stays under one second
      await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
      server.syncClock();
      const started = Date.now();
      r = await run('kubectl', args, { PATH: process.env.PATH, HOME: home, KUBECONFIG: kubeconfig, TZ: 'UTC', LANG: 'C' });
      if (Date.now() - started < 950) break;
      if (attempt >= 5) throw new Error(`kubectl ${args.join(' ')} keeps taking more than 0.9 s; ages would be off`);
    }
    const stdout = unshift(r.stdout, stamps, server.offset);
    const stderr = unshift(r.stderr, stamps, server.offset);
    fs.writeFileSync(path.join(dir, `${name}.stdout`), stdout);
    fs.writeFileSync(path.join(dir, `${name}.stderr`), stderr);
    fs.writeFileSync(path.join(dir, `${name}.exit`), `${r.status ?? -1}\n`);
    if (showLog) console.log(`== ${name}: kubectl ${args.join(' ')}\n${server.log.join('\n')}`);
    n++;
  }
  await server.stop();
  fs.rmSync(home, { recursive: true, force: true });
  return n;
}

const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).stdout;
if (!version.includes('v1.32.4')) console.warn(`warning: goldens are meant for kubectl v1.32.4, found:\n${version}`);
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
