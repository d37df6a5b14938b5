/**
 * A differential sweep: REAL kubectl (v1.32.4) against our interpreter, on
 * the cluster of every scenario, byte for byte.
 *
 *   npx tsx scripts/differential-sweep.ts [--only SCENARIO]... [--report FILE] [--keep DIR] [--fixtures DIR] [--grep REGEX] [--states broken,solved,fixing] [--compare OLD.json] [--jobs 1|2]
 *
 * For each scenario (seed 1) it takes two frozen states, (a) the cluster as
 * the learner first sees it and (b) after the scenario's solution script,
 * serves each to real kubectl through test/fake-apiserver.ts, runs a battery
 * of read commands through real kubectl and through src/kubectl/run.ts on
 * the same frozen objects, and compares stdout, stderr and exit code.
 *
 * The report (default /tmp/sweep-report.txt) gives agree/total per command
 * family and the first differing lines of each disagreement; `--keep DIR`
 * also writes both outputs of every disagreement there; `--fixtures DIR`
 * writes each frozen state as a read-golden fixture (`now:` and `objects:`,
 * see src/kubectl/testdata/read/README.md); `--grep REGEX` runs only the
 * commands matching it; `--states` adds `fixing` (the solution's commands
 * without its waits, five seconds later: a cluster in transition);
 * `--compare OLD.json` puts an earlier run's per-family figures beside these
 * (each run also writes its outcomes as JSON beside the report). `get` table CELLS
 * come from our own src/cluster/tables in the fake server, so only their
 * layout is under test; describe, yaml/json, jsonpath and errors are true
 * oracles.
 *
 * `--snapshot FILE` (repeatable) sweeps the objects of a snapshot file instead
 * of the scenarios (anything `kubedojo play --snapshot` reads, or a read-golden
 * fixture with `now:` and `objects:`); the clock is its `now:` or its newest
 * timestamp, cut to a whole second. This is how objects shaped by a real
 * cluster, rather than by our simulation, are put to real kubectl.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { isDict, rfc3339, type KubeObject } from '../src/cluster/api/meta.js';
import '../src/cluster/kinds/index.js';
import { allKinds, kindOf, type KindDefinition } from '../src/cluster/kinds/registry.js';
import type { Simulation } from '../src/cluster/simulation.js';
import { MemoryFs } from '../src/kubectl/commands/testkit.js';
import { defaultKubeConfig, type KubectlContext } from '../src/kubectl/context.js';
import { runKubectl } from '../src/kubectl/run.js';
import { runPlay } from '../src/play/play-runner.js';
import { sessionTarget } from '../src/play/targets.js';
import { newestTimestamp, readSnapshot } from '../src/play/snapshot.js';
import { catalogueFiles, loadScenarioFile } from '../src/scenarios/load.js';
import type { Scenario } from '../src/scenarios/types.js';
import { Session } from '../src/training/session.js';
import type { Fixture } from '../test/fake-apiserver.js';
import { RealKubectl, type ProcessResult } from '../test/real-kubectl.js';
import { frozenFixture, wholeSeconds } from './frozen-cluster.js';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const only: string[] = [];
let reportFile = '/tmp/sweep-report.txt';
let keepDir: string | undefined;
let fixturesDir: string | undefined;
let grep: RegExp | undefined;
let wanted = new Set<StateName>(['broken', 'solved']);
let compareFile: string | undefined;
let jobs = 2;
const snapshots: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only') only.push(argv[++i]);
  else if (a === '--report') reportFile = argv[++i];
  else if (a === '--keep') keepDir = argv[++i];
  else if (a === '--fixtures') fixturesDir = argv[++i];
  else if (a === '--grep') grep = new RegExp(argv[++i]);
  else if (a === '--compare') compareFile = argv[++i];
  else if (a === '--states') wanted = new Set(argv[++i].split(',').filter((x): x is StateName => ['broken', 'solved', 'fixing'].includes(x)));
  else if (a === '--snapshot') snapshots.push(argv[++i]);
  else if (a === '--jobs') jobs = Math.max(1, Math.min(2, Number(argv[++i]) || 1));
  else {
    console.error(`usage: differential-sweep.ts [--only SCENARIO]... [--report FILE] [--keep DIR] [--fixtures DIR] [--grep REGEX] [--states broken,solved,fixing] [--compare OLD.json] [--jobs 1|2] [--snapshot FILE]...\nunknown argument: ${a}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- states

type StateName = 'broken' | 'solved' | 'fixing';

interface State {
  scenario: string;
  state: StateName;
  fixture: Fixture;
  /** MicroTimes whose sub-second part was cut (see {@link wholeSeconds}). */
  truncated: number;
}

function freeze(scenario: string, state: StateName, sim: Simulation): State {
  const count = { n: 0 };
  return { scenario, state, fixture: frozenFixture(sim, count), truncated: count.n };
}

/** A snapshot file (or a directory of them) as one frozen state, named after it. */
function snapshotState(file: string): State[] | string {
  // A directory is one cluster spread over files.
  const text = fs.statSync(file).isDirectory() ? '' : fs.readFileSync(file, 'utf8');
  let asFixture: { now?: unknown; objects?: unknown } | undefined;
  try {
    asFixture = yaml.load(text) as typeof asFixture;
  } catch {
    asFixture = undefined; // several documents: not a fixture
  }
  const fixtureForm = isDict(asFixture) && Array.isArray(asFixture.objects) && typeof asFixture.now === 'string';
  const parsed = fixtureForm ? { ok: true as const, objects: asFixture!.objects as KubeObject[] } : (readSnapshot(file) ?? { ok: false as const, error: `cannot read ${file}` });
  if (!parsed.ok) return parsed.error;
  const newest = fixtureForm ? Date.parse(asFixture!.now as string) : newestTimestamp(parsed.objects);
  if (newest === undefined) return 'no timestamp to freeze the clock at';
  const known = parsed.objects.filter((o) => kindOf(o.apiVersion, o.kind));
  const count = { n: 0 };
  const objects = wholeSeconds(known, count) as KubeObject[];
  const name = path.basename(file).replace(/\.(ya?ml|json)$/, '');
  return [{ scenario: name, state: 'broken', fixture: { now: rfc3339(Math.floor(newest / 1000) * 1000), objects }, truncated: count.n }];
}

function statesOf(file: string): State[] | string {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) return loaded.errors.join('\n');
  const scenario: Scenario = loaded.scenario;
  const start = () => {
    const s = Session.start({ scenario, seed: 1, fs: new MemoryFs() });
    if (!s.ok) throw new Error(s.error);
    return s.session;
  };
  const play = (lines: readonly string[]) => {
    const session = start();
    runPlay(sessionTarget(session), lines.join('\n') + '\n', false);
    return session;
  };
  const states: State[] = [];
  if (wanted.has('broken')) states.push(freeze(scenario.id, 'broken', start().sim));
  if (scenario.solution.length === 0) return states;
  if (wanted.has('fixing')) {
    // Mid-fix: the solution's commands without its waits, then five seconds,
    // when pods are Terminating, ContainerCreating or rolling.
    const session = play(scenario.solution.filter((l) => !/^\s*(sleep\b|(kubectl|k)\s.*\b(rollout\s+status|wait)\b)/.test(l)));
    session.sim.advanceBy(5000);
    states.push(freeze(scenario.id, 'fixing', session.sim));
  }
  if (wanted.has('solved')) states.push(freeze(scenario.id, 'solved', play(scenario.solution).sim));
  return states;
}

// ---------------------------------------------------------------- battery

interface Case {
  family: string;
  args: string[];
}

/** The name a learner would type for a kind, qualified only where two groups share a plural (events). */
function typeName(def: KindDefinition): string {
  const clash = allKinds().some((d) => d !== def && d.resource === def.resource);
  return clash && def.group ? `${def.resource}.${def.group}` : def.resource;
}

/** `-n NS` except for `default`, the context's namespace, which a learner leaves out. */
function nsArgs(ns: string): string[] {
  return ns === 'default' ? [] : ['-n', ns];
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function battery(objects: KubeObject[]): Case[] {
  const cases: Case[] = [];
  const add = (family: string, ...args: string[]) => cases.push({ family, args });
  const byKind = new Map<KindDefinition, KubeObject[]>();
  for (const def of allKinds()) {
    const objs = objects.filter((o) => o.kind === def.kind && o.apiVersion === (def.group ? `${def.group}/${def.version}` : def.version));
    if (objs.length > 0) byKind.set(def, objs);
  }
  const namespaces = [...new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n))].sort();

  for (const [def, objs] of byKind) {
    const t = typeName(def);
    const isEvent = def.kind === 'Event';
    if (def.namespaced) {
      const nss = [...new Set(objs.map((o) => o.metadata.namespace ?? 'default'))].sort();
      for (const ns of nss) {
        add('get', 'get', t, ...nsArgs(ns));
        add('get -o wide', 'get', t, '-o', 'wide', ...nsArgs(ns));
        add('get --show-labels', 'get', t, '--show-labels', ...nsArgs(ns));
        add('get -o name', 'get', t, '-o', 'name', ...nsArgs(ns));
      }
      add('get -A', 'get', t, '-A');
    } else {
      add('get', 'get', t);
      add('get -o wide', 'get', t, '-o', 'wide');
      add('get --show-labels', 'get', t, '--show-labels');
      add('get -o name', 'get', t, '-o', 'name');
    }
    // Events are many and seldom described one by one: their lists below cover them.
    if (isEvent) continue;
    // The system namespaces hold the same bootstrap objects in every scenario
    // (39 service accounts in kube-system): a few of each kind is enough.
    const perNamespace = new Map<string, number>();
    const sample = objs.filter((o) => {
      const ns = o.metadata.namespace ?? '';
      const n = (perNamespace.get(ns) ?? 0) + 1;
      perNamespace.set(ns, n);
      return !SYSTEM_NAMESPACES.has(ns) || n <= 3;
    });
    for (const o of sample) {
      const where = def.namespaced ? nsArgs(o.metadata.namespace ?? 'default') : [];
      add('describe', 'describe', t, o.metadata.name!, ...where);
      add('get -o yaml', 'get', t, o.metadata.name!, '-o', 'yaml', ...where);
      add('get -o json', 'get', t, o.metadata.name!, '-o', 'json', ...where);
    }
  }

  add('get all', 'get', 'all');
  add('get all', 'get', 'all', '-A');
  for (const ns of namespaces) if (ns !== 'default') add('get all', 'get', 'all', '-n', ns);

  const eventNs = [...new Set(objects.filter((o) => o.kind === 'Event').map((o) => o.metadata.namespace ?? 'default'))].sort();
  for (const ns of eventNs) {
    add('get events', 'get', 'events', ...nsArgs(ns));
    add('get events --sort-by', 'get', 'events', '--sort-by=.lastTimestamp', ...nsArgs(ns));
    add('get events -o yaml', 'get', 'events', '-o', 'yaml', ...nsArgs(ns));
    add('events', 'events', ...nsArgs(ns));
    add('events', 'events', ...nsArgs(ns), '--types=Warning');
    add('get events --field-selector', 'get', 'events', '--field-selector=type=Warning', ...nsArgs(ns));
  }
  add('get events', 'get', 'events', '-A');
  add('get events --sort-by', 'get', 'events', '-A', '--sort-by=.lastTimestamp');
  add('events', 'events', '-A');
  add('describe (all of a kind)', 'describe', 'nodes');

  const podNs = [...new Set(objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata.namespace ?? 'default'))].sort();
  for (const ns of podNs) {
    add('multi-kind', 'get', 'deploy,rs,pods', ...nsArgs(ns));
    add('multi-kind', 'get', 'svc,ep', ...nsArgs(ns), '-o', 'wide');
    add('multi-kind', 'get', 'pods,svc', ...nsArgs(ns), '--show-kind', '-L', 'app');
    add('--sort-by', 'get', 'pods', ...nsArgs(ns), '--sort-by=.metadata.creationTimestamp');
    add('--sort-by', 'get', 'pods', ...nsArgs(ns), '--sort-by=.status.containerStatuses[0].restartCount');
    add('--sort-by', 'get', 'pods', ...nsArgs(ns), '--sort-by=.metadata.name', '--no-headers');
    add('describe (all of a kind)', 'describe', 'pods', ...nsArgs(ns));
    add('get -o yaml (list)', 'get', 'pods', ...nsArgs(ns), '-o', 'yaml');
    add('get -o json (list)', 'get', 'deploy,svc', ...nsArgs(ns), '-o', 'json');
    add('jsonpath', 'get', 'pods', ...nsArgs(ns), '-o', 'jsonpath={.items[*].metadata.name}');
    add('jsonpath', 'get', 'pods', ...nsArgs(ns), '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\t"}{.status.containerStatuses[*].restartCount}{"\\n"}{end}');
    add('jsonpath', 'get', 'pods', ...nsArgs(ns), '-o', 'jsonpath={.items[0].status.conditions}');
    add('custom-columns', 'get', 'pods', ...nsArgs(ns), '-o', 'custom-columns=NAME:.metadata.name,STATUS:.status.phase,NODE:.spec.nodeName,RESTARTS:.status.containerStatuses[*].restartCount,IMAGE:.spec.containers[*].image');
    add('--field-selector', 'get', 'pods', ...nsArgs(ns), '--field-selector=status.phase!=Running');
  }
  add('--field-selector', 'get', 'pods', '-A', '--field-selector=status.phase!=Running');
  const nodes = objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name!);
  for (const n of nodes.slice(1, 2)) add('--field-selector', 'get', 'pods', '-A', `--field-selector=spec.nodeName=${n}`, '-o', 'wide');
  add('get -A -o wide', 'get', 'pods', '-A', '-o', 'wide');
  add('get -A -o wide', 'get', 'pods', '-A', '-o', 'wide', '--show-labels');
  add('jsonpath', 'get', 'nodes', '-o', 'jsonpath={.items[*].spec.taints}');
  add('jsonpath', 'get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}{": "}{.status.allocatable}{"\\n"}{end}');
  add('custom-columns', 'get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,TAINTS:.spec.taints[*].key,READY:.status.conditions[?(@.type=="Ready")].status');
  for (const p of objects.filter((o) => o.kind === 'Pod' && !SYSTEM_NAMESPACES.has(o.metadata.namespace ?? '')).slice(0, 3)) {
    const ns = nsArgs(p.metadata.namespace ?? 'default');
    add('describe TYPE/NAME', 'describe', `pod/${p.metadata.name}`, ...ns);
    add('jsonpath', 'get', 'pod', p.metadata.name!, ...ns, '-o', 'jsonpath={.status.containerStatuses[0].lastState}');
    add('jsonpath', 'get', 'pod', p.metadata.name!, ...ns, '-o', 'jsonpath={.spec.containers[0].image}{"\n"}');
    add('get events --field-selector', 'get', 'events', ...ns, `--field-selector=involvedObject.name=${p.metadata.name}`);
    add('events --for', 'events', ...ns, `--for=pod/${p.metadata.name}`);
  }
  for (const d of objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace !== 'kube-system')) {
    const ns = nsArgs(d.metadata.namespace ?? 'default');
    add('describe TYPE/NAME', 'describe', `deploy/${d.metadata.name}`, ...ns);
    add('rollout history', 'rollout', 'history', `deployment/${d.metadata.name}`, ...ns);
    add('rollout history', 'rollout', 'history', `deployment/${d.metadata.name}`, ...ns, '--revision=1');
    add('rollout status', 'rollout', 'status', `deployment/${d.metadata.name}`, ...ns, '--watch=false');
    add('jsonpath', 'get', 'deploy', d.metadata.name!, ...ns, '-o', 'jsonpath={.spec.template.spec.containers[*].resources}');
    add('jsonpath', 'get', 'deploy', d.metadata.name!, ...ns, '-o', 'jsonpath={.status}');
  }

  // rollout status and history read workloads and their ControllerRevisions client-side.
  for (const w of objects.filter((o) => o.kind === 'DaemonSet' || o.kind === 'StatefulSet')) {
    const ns = nsArgs(w.metadata.namespace ?? 'default');
    const ref = `${w.kind.toLowerCase()}/${w.metadata.name}`;
    add('rollout status', 'rollout', 'status', ref, ...ns, '--watch=false');
    add('rollout history', 'rollout', 'history', ref, ...ns);
  }

  // -l with the selectors of the cluster's own workloads and services.
  const selectors = new Set<string>();
  for (const o of objects) {
    if (o.metadata.namespace === 'kube-system') continue;
    const spec = (o as { spec?: Record<string, unknown> }).spec;
    const sel = o.kind === 'Service' ? spec?.selector : o.kind === 'Deployment' ? (spec?.selector as { matchLabels?: unknown } | undefined)?.matchLabels : undefined;
    if (!isDict(sel) || Object.keys(sel).length === 0) continue;
    const text = Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(',');
    selectors.add(`${o.metadata.namespace ?? 'default'}\u0000${text}`);
  }
  for (const s of [...selectors].sort()) {
    const [ns, sel] = s.split('\u0000');
    add('-l', 'get', 'pods', ...nsArgs(ns), '-l', sel);
    add('-l', 'get', 'pods', ...nsArgs(ns), '-l', sel, '-o', 'wide');
  }
  add('-l', 'get', 'pods', '-A', '-l', 'app');
  add('-l', 'get', 'pods', '-A', '-l', 'nosuch=label');
  add('-l', 'get', 'pods,svc', '-A', '-l', '!nosuch');

  add('api-resources', 'api-resources');
  add('api-resources', 'api-resources', '--namespaced=false');
  add('api-resources', 'api-versions');
  // Not cluster-info: its addresses are the fake server's, and kubectl colours it only on a terminal.

  // Errors a learner meets: a typo'd name, a wrong namespace, an unknown type.
  add('errors', 'get', 'pod', 'nosuch');
  add('errors', 'describe', 'deploy', 'nosuch');
  add('errors', 'get', 'pods', '-n', 'nosuch');
  add('errors', 'get', 'podz');
  add('errors', 'describe', 'pods', 'nosuch', '-n', 'kube-system');
  const misplaced = objects.find((o) => o.kind === 'Pod' && o.metadata.namespace !== 'default');
  if (misplaced) {
    add('errors', 'get', 'pod', misplaced.metadata.name!);
    add('errors', 'describe', 'pod', misplaced.metadata.name!);
    add('errors', 'get', 'pod', misplaced.metadata.name!, '-n', misplaced.metadata.namespace === 'kube-system' ? 'default' : 'kube-system', '-o', 'yaml');
  }
  const deploy = objects.find((o) => o.kind === 'Deployment' && o.metadata.namespace !== 'default');
  if (deploy) add('errors', 'describe', 'deploy', deploy.metadata.name!);
  return cases;
}

// ---------------------------------------------------------------- compare

interface Outcome {
  scenario: string;
  state: string;
  family: string;
  command: string;
  agree: boolean;
  diff: string[];
}

function quote(a: string): string {
  return /^[\w./:=,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The first differing lines of two texts, with line numbers. */
function firstDiff(stream: string, real: string, ours: string, max = 3): string[] {
  if (real === ours) return [];
  const a = real.split('\n');
  const b = ours.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const out = [`${stream} differs at line ${i + 1} (real ${a.length} lines, ours ${b.length}):`];
  for (let k = i; k < i + max && (k < a.length || k < b.length); k++) {
    if (a[k] === b[k]) continue;
    if (k < a.length) out.push(`  - real: ${JSON.stringify(a[k])}`);
    if (k < b.length) out.push(`  + ours: ${JSON.stringify(b[k])}`);
  }
  return out;
}

/**
 * `describe configmap` and `describe secret` range over a Go map: kubectl
 * prints their keys in random order (we print them sorted). Sorting each
 * key's block on both sides compares what is deterministic.
 */
function sortMapBlocks(text: string): string {
  const start = text.indexOf('\nData\n====\n');
  if (start < 0) return text;
  const body = start + '\nData\n====\n'.length;
  const binary = text.indexOf('\nBinaryData\n====\n', body);
  if (binary >= 0) {
    // config map: `key:\n----\nvalue\n\n` blocks
    const blocks = text.slice(body, binary).split(/(?=^[^\n]+:\n----\n)/m);
    return text.slice(0, body) + blocks.sort().join('') + text.slice(binary);
  }
  // secret: one `key:  N bytes` line each, to the end
  const lines = text.slice(body).split('\n');
  const n = lines.findIndex((l) => l === '');
  const keys = lines.slice(0, n < 0 ? lines.length : n).sort();
  return text.slice(0, body) + [...keys, ...(n < 0 ? [] : lines.slice(n))].join('\n');
}

function isMapOrderCase(args: readonly string[]): boolean {
  return args[0] === 'describe' && /^(cm|configmaps?|secrets?)$/.test(args[1] ?? '');
}

/**
 * `describe limitrange` (and a namespace's limit table) ranges over a Go map
 * of resources too: the rows of one limit come out in random order. Their
 * lines, sorted, are what is deterministic.
 */
function isLimitOrderCase(args: readonly string[]): boolean {
  return args[0] === 'describe' && /^(limits|limitranges?|ns|namespaces?)$/.test(args[1] ?? '');
}

const sortedLines = (text: string) => text.split('\n').sort().join('\n');

/** Outputs that agree once kubectl's own random map order is set aside. */
let agreedModuloMapOrder = 0;

function compare(args: readonly string[], real: ProcessResult, ours: { stdout: string; stderr: string; exitCode: number }): string[] {
  const sameButOrder =
    real.stdout !== ours.stdout &&
    real.stderr === ours.stderr &&
    real.status === ours.exitCode &&
    ((isMapOrderCase(args) && sortMapBlocks(real.stdout) === sortMapBlocks(ours.stdout)) || (isLimitOrderCase(args) && sortedLines(real.stdout) === sortedLines(ours.stdout)));
  if (sameButOrder) {
    agreedModuloMapOrder++;
    return [];
  }
  const d = [...firstDiff('stdout', real.stdout, ours.stdout), ...firstDiff('stderr', real.stderr, ours.stderr)];
  if (real.status !== ours.exitCode) d.push(`exit: real ${real.status}, ours ${ours.exitCode}`);
  return d;
}

async function sweepState(st: State): Promise<{ outcomes: Outcome[]; retries: number }> {
  const cases = battery(st.fixture.objects).filter((c) => !grep || grep.test(`kubectl ${c.args.join(' ')}`));
  const lanes = Array.from({ length: jobs }, () => new RealKubectl(st.fixture));
  for (const l of lanes) await l.start();
  const real: ProcessResult[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < cases.length) {
        const i = next++;
        real[i] = await lane.run(cases[i].args);
      }
    }),
  );
  const retries = lanes.reduce((n, l) => n + l.retries, 0);
  for (const l of lanes) await l.stop();
  // Ours runs on the same frozen objects the server served (resourceVersions included).
  const ctx: KubectlContext = { sim: lanes[0].server.sim, config: defaultKubeConfig(), env: {}, fs: new MemoryFs() };
  const outcomes = cases.map((c, i) => {
    const ours = runKubectl(c.args, ctx);
    const diff = compare(c.args, real[i], ours);
    const command = `kubectl ${c.args.map(quote).join(' ')}`;
    if (diff.length > 0 && keepDir) {
      const base = path.join(keepDir, `${st.scenario}.${st.state}.${i}`);
      fs.writeFileSync(`${base}.cmd`, `${command}\n`);
      fs.writeFileSync(`${base}.real`, `${real[i].stdout}\n--- stderr\n${real[i].stderr}--- exit ${real[i].status}\n`);
      fs.writeFileSync(`${base}.ours`, `${ours.stdout}\n--- stderr\n${ours.stderr}--- exit ${ours.exitCode}\n`);
    }
    return { scenario: st.scenario, state: st.state, family: c.family, command, agree: diff.length === 0, diff };
  });
  return { outcomes, retries };
}

// ---------------------------------------------------------------- main

const files = snapshots.length > 0 ? snapshots : catalogueFiles().filter((f) => only.length === 0 || only.some((o) => path.basename(f, '.yaml') === o || f.includes(`/${o}.yaml`)));
if (files.length === 0) {
  console.error(`no scenario matches ${only.join(', ')}`);
  process.exit(2);
}
if (keepDir) fs.mkdirSync(keepDir, { recursive: true });
if (fixturesDir) fs.mkdirSync(fixturesDir, { recursive: true });
const started = Date.now();
const outcomes: Outcome[] = [];
const notes: string[] = [];
/** States whose sub-second MicroTimes (lease renew/acquire times) were cut. */
const truncated: string[] = [];
let retries = 0;
for (const file of files) {
  let states: State[] | string;
  try {
    states = snapshots.length > 0 ? snapshotState(file) : statesOf(file);
  } catch (e) {
    states = (e as Error).message;
  }
  if (typeof states === 'string') {
    notes.push(`${file}: not swept: ${states.split('\n')[0]}`);
    continue;
  }
  for (const st of states) {
    if (fixturesDir) fs.writeFileSync(path.join(fixturesDir, `${st.scenario}.${st.state}.yaml`), yaml.dump(st.fixture, { lineWidth: -1, noRefs: true }));
    const r = await sweepState(st);
    retries += r.retries;
    outcomes.push(...r.outcomes);
    if (st.truncated > 0) truncated.push(`${st.scenario}/${st.state}: ${st.truncated}`);
    const agree = r.outcomes.filter((o) => o.agree).length;
    console.log(`${st.scenario}/${st.state}: ${agree}/${r.outcomes.length} agree`);
  }
}

const families = [...new Set(outcomes.map((o) => o.family))];
const lines: string[] = [];
const total = outcomes.length;
const agreed = outcomes.filter((o) => o.agree).length;
lines.push(snapshots.length > 0 ? `differential sweep: real kubectl vs kubedojo, snapshot(s) ${snapshots.join(', ')}` : `differential sweep: real kubectl vs kubedojo, ${files.length} scenario file(s), seed 1`);
lines.push(`overall: ${agreed}/${total} agree (${((100 * agreed) / Math.max(1, total)).toFixed(1)}%), ${((Date.now() - started) / 1000).toFixed(0)} s, ${retries} kubectl run(s) repeated`);
lines.push('');
// --compare OLD.json: an earlier run's outcomes, per family beside these.
const before = compareFile ? (JSON.parse(fs.readFileSync(compareFile, 'utf8')) as { family: string; agree: boolean }[]) : undefined;
const figure = (of: readonly { agree: boolean }[]) => {
  const a = of.filter((o) => o.agree).length;
  return `${String(a).padStart(5)}/${String(of.length).padEnd(5)} ${of.length ? ((100 * a) / of.length).toFixed(1).padStart(5) : '    -'}%`;
};
lines.push(before ? `per family (agree/total), before (${compareFile}) and now:` : 'per family (agree/total):');
for (const f of [...new Set([...families, ...(before ?? []).map((o) => o.family)])]) {
  const now = figure(outcomes.filter((o) => o.family === f));
  lines.push(`  ${f.padEnd(30)} ${before ? `${figure(before.filter((o) => o.family === f))}   ` : ''}${now}`);
}
if (before) lines.push(`  ${'all'.padEnd(30)} ${figure(before)}   ${figure(outcomes)}`);
// The same first difference in many outputs is usually one bug: the most frequent first.
const signatures = new Map<string, number>();
for (const o of outcomes) if (!o.agree) signatures.set(`[${o.family}] ${o.diff.slice(0, 3).join(' | ')}`, (signatures.get(`[${o.family}] ${o.diff.slice(0, 3).join(' | ')}`) ?? 0) + 1);
lines.push('');
lines.push('most frequent first differences:');
for (const [sig, n] of [...signatures].sort((a, b) => b[1] - a[1]).slice(0, 40)) lines.push(`  ${String(n).padStart(4)}x ${sig}`);
if (truncated.length > 0) notes.push(`sub-second MicroTimes cut to whole seconds before serving (see wholeSeconds) in ${truncated.length} state(s): ${truncated.slice(0, 3).join(', ')}${truncated.length > 3 ? ', …' : ''}`);
if (agreedModuloMapOrder > 0) notes.push(`${agreedModuloMapOrder} describe configmap/secret/limitrange/namespace output(s) agree once sorted: kubectl prints their keys or resources in Go map order (random)`);
if (notes.length > 0) {
  lines.push('');
  lines.push('notes:');
  for (const n of notes) lines.push(`  ${n}`);
}
lines.push('');
lines.push('disagreements:');
for (const f of families) {
  const bad = outcomes.filter((o) => o.family === f && !o.agree);
  if (bad.length === 0) continue;
  lines.push('');
  lines.push(`## ${f} (${bad.length})`);
  for (const o of bad) {
    lines.push(`${o.scenario}/${o.state}: ${o.command}`);
    for (const d of o.diff) lines.push(`    ${d}`);
  }
}
fs.writeFileSync(reportFile, lines.join('\n') + '\n');
fs.writeFileSync(reportFile.replace(/\.txt$/, '') + '.json', JSON.stringify(outcomes.map(({ scenario, state, family, command, agree }) => ({ scenario, state, family, command, agree }))));
console.log(lines.slice(0, 5 + families.length).join('\n'));
console.log(`report: ${reportFile}`);
