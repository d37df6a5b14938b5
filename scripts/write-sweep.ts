/**
 * A differential sweep of WRITE commands: real kubectl (v1.32) against our
 * interpreter, on the cluster of every scenario as the learner first sees it.
 *
 *   npx tsx scripts/write-sweep.ts [--only SCENARIO]... [--grep REGEX] [--report FILE] [--snapshot FILE|DIR]...
 *
 * Each case (scale, label, set image, rollout, taint, create …, chosen from
 * the objects present) runs twice on a fresh copy of the frozen cluster: once
 * through real kubectl talking to test/fake-apiserver.ts, once through
 * src/kubectl/run.ts. stdout, stderr and exit code are compared byte for
 * byte, and so is the cluster each leaves behind (every object but its
 * resourceVersion), which catches a command that prints the right words but
 * sends a different change.
 *
 * The API server is our own on both sides (the fake server hands writes to
 * the simulation), so what this proves is kubectl's side: which requests a
 * command makes, what it prints, its client-side checks and messages.
 * `drain` is left out: the fake server has no eviction endpoint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDict, rfc3339, type KubeObject } from '../src/cluster/api/meta.js';
import '../src/cluster/kinds/index.js';
import type { Simulation } from '../src/cluster/simulation.js';
import { MemoryFs } from '../src/kubectl/commands/testkit.js';
import { defaultKubeConfig, type KubectlContext } from '../src/kubectl/context.js';
import { runKubectl } from '../src/kubectl/run.js';
import { newestTimestamp, readSnapshot } from '../src/play/snapshot.js';
import { catalogueFiles, loadScenarioFile } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';
import { FakeApiServer, type Fixture } from '../test/fake-apiserver.js';
import { KUBECTL } from '../test/kubectl-binary.js';
import { kubeconfigFor, runProcess, timestampsIn, unshift, type ProcessResult } from '../test/real-kubectl.js';
import { frozenFixture, storeObjects, wholeSeconds } from './frozen-cluster.js';

const argv = process.argv.slice(2);
const only: string[] = [];
const snapshots: string[] = [];
let grep: RegExp | undefined;
let reportFile = '/tmp/write-sweep-report.txt';
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only') only.push(argv[++i]);
  else if (a === '--snapshot') snapshots.push(argv[++i]);
  else if (a === '--grep') grep = new RegExp(argv[++i]);
  else if (a === '--report') reportFile = argv[++i];
  else {
    console.error(`usage: write-sweep.ts [--only SCENARIO]... [--grep REGEX] [--report FILE] [--snapshot FILE|DIR]...\nunknown argument: ${a}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- clusters

function scenarioFixture(file: string): Fixture | string {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) return loaded.errors.join('\n');
  const s = Session.start({ scenario: loaded.scenario, seed: 1, fs: new MemoryFs() });
  if (!s.ok) return s.error;
  return frozenFixture(s.session.sim);
}

function snapshotFixture(file: string): Fixture | string {
  const parsed = readSnapshot(file) ?? { ok: false as const, error: `cannot read ${file}` };
  if (!parsed.ok) return parsed.error;
  const newest = newestTimestamp(parsed.objects);
  if (newest === undefined) return 'no timestamp to freeze the clock at';
  const server = new FakeApiServer({ now: rfc3339(Math.floor(newest / 1000) * 1000), objects: wholeSeconds(parsed.objects) as KubeObject[] });
  return frozenFixture(server.sim);
}

// ---------------------------------------------------------------- battery

const ns = (o: KubeObject) => (o.metadata.namespace && o.metadata.namespace !== 'default' ? ['-n', o.metadata.namespace] : []);

function battery(objects: KubeObject[]): string[][] {
  const cases: string[][] = [];
  const add = (...args: string[]) => cases.push(args);
  const of = (kind: string) => objects.filter((o) => o.kind === kind && !String(o.metadata.namespace ?? '').startsWith('kube-'));
  const first = <T>(xs: T[]) => xs.slice(0, 2);
  const containers = (o: KubeObject) => {
    const spec = (o.kind === 'Pod' ? o.spec : (o.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec) as { containers?: { name: string }[] } | undefined;
    return (spec?.containers ?? []).map((c) => c.name);
  };

  for (const d of first([...of('Deployment'), ...of('StatefulSet')])) {
    const ref = `${d.kind.toLowerCase()}/${d.metadata.name}`;
    const c = containers(d)[0] ?? 'app';
    add('scale', ref, '--replicas=3', ...ns(d));
    add('scale', ref, '--replicas=2', '--current-replicas=7', ...ns(d));
    add('scale', ref, ...ns(d));
    add('rollout', 'restart', ref, ...ns(d));
    add('rollout', 'history', ref, ...ns(d));
    add('rollout', 'undo', ref, '--to-revision=99', ...ns(d));
    add('set', 'image', ref, `${c}=nginx:1.27`, ...ns(d));
    add('set', 'image', ref, 'nosuch=nginx:1.27', ...ns(d));
    add('set', 'image', ref, '*=busybox:1.36', '--dry-run=server', '-o', 'yaml', ...ns(d));
    add('set', 'resources', ref, `-c=${c}`, '--limits=cpu=200m,memory=512Mi', '--requests=memory=256Mi', ...ns(d));
    add('set', 'env', ref, 'FOO=bar', 'LOG_LEVEL-', ...ns(d));
    add('set', 'env', ref, '--list', ...ns(d));
    add('label', ref, 'team=shop', ...ns(d));
    add('label', ref, `app=other`, ...ns(d));
    add('annotate', ref, 'owner=alice', '--overwrite', ...ns(d));
    add('patch', ref, '-p', '{"spec":{"replicas":2}}', ...ns(d));
    add('patch', ref, '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]', ...ns(d));
    add('patch', ref, '--type=json', '-p', '[{"op":"remove","path":"/spec/nosuch"}]', ...ns(d));
    add('patch', ref, '--type=merge', '-p', '{"metadata":{"labels":{"patched":"yes"}}}', ...ns(d));
    add('delete', ref, '--dry-run=server', ...ns(d));
    add('delete', ref, ...ns(d));
    if (d.kind === 'Deployment') {
      add('rollout', 'pause', ref, ...ns(d));
      add('rollout', 'resume', ref, ...ns(d));
      add('rollout', 'undo', ref, ...ns(d));
      // autoscale sends protobuf too (see the create generators below).
      if (process.env.SWEEP_PROTOBUF) add('autoscale', ref, '--min=2', '--max=5', '--cpu-percent=80', ...ns(d));
      add('expose', ref, '--port=80', '--target-port=8080', '--name=exposed', ...ns(d));
      add('expose', ref, ...ns(d));
    }
  }
  for (const p of first(of('Pod'))) {
    const ref = `pod/${p.metadata.name}`;
    add('label', ref, 'checked=yes', ...ns(p));
    add('label', ref, 'checked-', ...ns(p));
    add('annotate', ref, 'note=look here', ...ns(p));
    add('set', 'image', ref, `${containers(p)[0]}=nginx:1.27`, ...ns(p));
    add('delete', ref, '--grace-period=0', '--force', ...ns(p));
    add('delete', ref, '--wait=false', ...ns(p));
    add('expose', ref, '--port=8080', '--name=podsvc', ...ns(p));
  }
  for (const n of first(of('Node'))) {
    const ref = String(n.metadata.name);
    add('cordon', ref);
    add('uncordon', ref);
    add('taint', 'nodes', ref, 'dedicated=db:NoSchedule');
    add('taint', 'nodes', ref, 'dedicated:NoSchedule-');
    add('taint', 'nodes', ref, 'bad=');
    add('label', 'node', ref, 'disktype=ssd', '--overwrite');
  }
  for (const s of first(of('Service'))) {
    add('patch', 'svc', String(s.metadata.name), '-p', '{"spec":{"selector":{"app":"fixed"}}}', ...ns(s));
    add('label', 'svc', String(s.metadata.name), 'exposed=true', ...ns(s));
    add('delete', 'svc', String(s.metadata.name), ...ns(s));
  }
  for (const c of first(of('ConfigMap'))) {
    add('patch', 'cm', String(c.metadata.name), '--type=merge', '-p', '{"data":{"extra":"1"}}', ...ns(c));
    add('delete', 'cm', String(c.metadata.name), ...ns(c));
  }
  for (const n of first(of('Namespace').filter((x) => x.metadata.name !== 'default'))) {
    add('label', 'ns', String(n.metadata.name), 'env=dev');
    if (process.env.SWEEP_PROTOBUF) add('create', 'ns', String(n.metadata.name));
  }
  const space = of('Namespace').find((x) => !['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(String(x.metadata.name)))?.metadata.name ?? 'default';
  const n = space === 'default' ? [] : ['-n', space];
  // `create ns|deployment|configmap|secret|…` send protobuf, which the fake
  // server cannot read; their objects are compared offline (--dry-run=client
  // goldens). `run` and `expose` send JSON and are swept here. SWEEP_PROTOBUF=1
  // adds them anyway, to see the requests kubectl makes (they fail on the real side).
  const generated: string[][] = [];
  generated.push(['create', 'deployment', 'web2', '--image=nginx:1.27', '--replicas=2', '--port=80', ...n]);
  generated.push(['create', 'deployment', 'web3', '--image=nginx', '--image=busybox', ...n]);
  generated.push(['create', 'configmap', 'settings', '--from-literal=a=1', '--from-literal=b=two', ...n]);
  generated.push(['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=pass=s3cr3t', ...n]);
  generated.push(['create', 'secret', 'docker-registry', 'pull', '--docker-server=ghcr.io', '--docker-username=u', '--docker-password=p', ...n]);
  generated.push(['create', 'serviceaccount', 'robot', ...n]);
  generated.push(['create', 'role', 'reader', '--verb=get,list,watch', '--resource=pods,services', ...n]);
  generated.push(['create', 'role', 'bad', '--verb=fly', '--resource=pods', ...n]);
  generated.push(['create', 'rolebinding', 'reader-b', '--role=reader', '--serviceaccount=' + space + ':robot', '--user=alice', ...n]);
  generated.push(['create', 'clusterrole', 'node-reader', '--verb=get,list', '--resource=nodes']);
  generated.push(['create', 'clusterrolebinding', 'node-reader-b', '--clusterrole=node-reader', '--group=ops']);
  generated.push(['create', 'quota', 'q', '--hard=pods=10,requests.cpu=2,limits.memory=4Gi', ...n]);
  generated.push(['create', 'job', 'once', '--image=busybox', ...n, '--', 'echo', 'hi']);
  generated.push(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', ...n, '--', 'date']);
  generated.push(['create', 'service', 'clusterip', 'svc2', '--tcp=80:8080', ...n]);
  generated.push(['create', 'service', 'nodeport', 'svc3', '--tcp=80:8080', '--node-port=30080', ...n]);
  if (process.env.SWEEP_PROTOBUF) for (const g of generated) add(...g);
  add('run', 'tmp', '--image=busybox', '--restart=Never', ...n, '--', 'sleep', '3600');
  add('run', 'web4', '--image=nginx', '--port=80', '--expose', '--labels=app=web4,tier=x', ...n);
  add('run', 'bad name', '--image=nginx', ...n);
  add('run', 'noimage', ...n);
  add('create', 'deployment', 'noimage', ...n);
  add('scale', 'deployment', 'nosuch', '--replicas=1', ...n);
  add('label', 'pod', 'nosuch', 'a=b', ...n);
  add('delete', 'pod', 'nosuch', ...n);
  add('delete', 'pod', 'nosuch', '--ignore-not-found', ...n);
  add('delete', 'pods', '--all', '--dry-run=server', ...n);
  add('delete', 'deploy', '-l', 'app', '--dry-run=server', ...n);
  return cases;
}

// ---------------------------------------------------------------- running

/** Key order is the encoder's business, not the command's. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (isDict(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys(v[k])]));
  return v;
}

/** Every stored object but its resourceVersion: the state a command leaves behind. */
function storeState(sim: Simulation): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of storeObjects(sim).map((x) => JSON.parse(JSON.stringify(x)) as KubeObject)) {
    const { resourceVersion: _rv, ...meta } = o.metadata;
    // rollout restart stamps the client's wall clock; ours stamps the simulated one.
    const tpl = (o.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations;
    if (tpl?.['kubectl.kubernetes.io/restartedAt']) tpl['kubectl.kubernetes.io/restartedAt'] = '<restartedAt>';
    out.set(`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, JSON.stringify(sortedKeys({ ...o, metadata: meta })));
  }
  return out;
}

function stateDiff(real: Map<string, string>, ours: Map<string, string>): string[] {
  const d: string[] = [];
  for (const [k, v] of real) {
    if (!ours.has(k)) d.push(`only real has ${k}`);
    else if (ours.get(k) !== v) {
      const a = v;
      const b = ours.get(k)!;
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      d.push(`${k} differs at …${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`);
    }
  }
  for (const k of ours.keys()) if (!real.has(k)) d.push(`only ours has ${k}`);
  return d;
}

async function runReal(fixture: Fixture, args: string[]): Promise<{ result: ProcessResult; state: Map<string, string> }> {
  const server = new FakeApiServer(fixture);
  const port = await server.start();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-wsweep-'));
  fs.writeFileSync(path.join(home, 'config'), kubeconfigFor(port));
  // No clock offset: writes send back timestamps they read, which must reach the
  // store unshifted; write outputs print no ages.
  const r = await runProcess(KUBECTL, args, { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'config'), TZ: 'UTC', LANG: 'C' });
  const stamps = timestampsIn(fixture.objects).add(fixture.now);
  const result = { stdout: unshift(r.stdout, stamps, server.offset), stderr: unshift(r.stderr, stamps, server.offset), status: r.status };
  await server.stop();
  fs.rmSync(home, { recursive: true, force: true });
  return { result, state: storeState(server.sim) };
}

function runOurs(fixture: Fixture, args: string[]) {
  const sim = new FakeApiServer(fixture).sim;
  const ctx: KubectlContext = { sim, config: defaultKubeConfig(), env: {}, fs: new MemoryFs() };
  const r = runKubectl(args, ctx);
  return { result: r, state: storeState(sim) };
}

const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

function firstDiff(stream: string, real: string, ours: string): string[] {
  if (real === ours) return [];
  const a = real.split('\n');
  const b = ours.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [`${stream} line ${i + 1}: real ${JSON.stringify(a[i] ?? '<end>')}`, `${' '.repeat(stream.length)} line ${i + 1}: ours ${JSON.stringify(b[i] ?? '<end>')}`];
}

const sources: { name: string; fixture: () => Fixture | string }[] =
  snapshots.length > 0
    ? snapshots.map((f) => ({ name: path.basename(f).replace(/\.(ya?ml|json)$/, ''), fixture: () => snapshotFixture(f) }))
    : catalogueFiles()
        .filter((f) => only.length === 0 || only.some((o) => path.basename(f, '.yaml') === o))
        .map((f) => ({ name: path.basename(f, '.yaml'), fixture: () => scenarioFixture(f) }));

const started = Date.now();
const outcomes: { source: string; command: string; diff: string[] }[] = [];
for (const src of sources) {
  const fixture = src.fixture();
  if (typeof fixture === 'string') {
    console.log(`${src.name}: not swept: ${fixture.split('\n')[0]}`);
    continue;
  }
  const cases = battery(fixture.objects).filter((c) => !grep || grep.test(`kubectl ${c.join(' ')}`));
  let agree = 0;
  for (const args of cases) {
    const real = await runReal(fixture, args);
    const ours = runOurs(fixture, args);
    const diff = [...firstDiff('stdout', real.result.stdout, ours.result.stdout), ...firstDiff('stderr', real.result.stderr, ours.result.stderr)];
    if (real.result.status !== ours.result.exitCode) diff.push(`exit: real ${real.result.status}, ours ${ours.result.exitCode}`);
    diff.push(...stateDiff(real.state, ours.state).slice(0, 3));
    if (diff.length === 0) agree++;
    outcomes.push({ source: src.name, command: `kubectl ${args.map(quote).join(' ')}`, diff });
  }
  console.log(`${src.name}: ${agree}/${cases.length} agree`);
}

const bad = outcomes.filter((o) => o.diff.length > 0);
const lines = [`write sweep: real kubectl vs kubedojo, ${sources.length} cluster(s)`, `overall: ${outcomes.length - bad.length}/${outcomes.length} agree, ${((Date.now() - started) / 1000).toFixed(0)} s`, ''];
const signatures = new Map<string, number>();
for (const o of bad) {
  const verb = o.command.split(' ').slice(1, 3).join(' ');
  const sig = `[${verb}] ${o.diff[0]}`;
  signatures.set(sig, (signatures.get(sig) ?? 0) + 1);
}
lines.push('most frequent first differences:');
for (const [sig, count] of [...signatures].sort((a, b) => b[1] - a[1]).slice(0, 40)) lines.push(`  ${String(count).padStart(4)}x ${sig}`);
lines.push('', 'disagreements:');
for (const o of bad) {
  lines.push(`${o.source}: ${o.command}`);
  for (const d of o.diff) lines.push(`    ${d}`);
}
fs.writeFileSync(reportFile, lines.join('\n') + '\n');
console.log(lines.slice(0, 2).join('\n'));
console.log(`report: ${reportFile}`);
