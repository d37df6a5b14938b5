/**
 * Tab completion for the drill prompt: kubectl verbs and subcommands,
 * resource types, names of objects that exist in the simulated cluster,
 * flags, namespaces and output formats. Pure: reads the store only.
 */
import type { Simulation } from '../cluster/simulation.js';
import { allKinds, resolveResourceType, resourceKey } from '../cluster/kinds/registry.js';
import { SIMULATED_PROGRAMS } from '../shell/shell.js';

export const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'apply', 'auth', 'cluster-info', 'config', 'cordon', 'create', 'debug', 'delete',
  'describe', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'patch',
  'port-forward', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount'],
  top: ['node', 'pod'],
  auth: ['can-i', 'whoami'],
  config: ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'],
  create: ['configmap', 'deployment', 'job', 'namespace', 'secret', 'service', 'serviceaccount', 'role', 'rolebinding', '-f'],
};

/** Verbs whose positional arguments are resource types and names. */
const TAKES_RESOURCES = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'expose', 'cordon', 'uncordon', 'drain', 'taint', 'wait', 'rollout', 'set', 'top']);
/** Verbs whose first positional is a pod name. */
const TAKES_POD = new Set(['logs', 'exec', 'port-forward', 'debug']);

const COMMON_FLAGS = ['--namespace', '-n', '--all-namespaces', '-A', '--output', '-o', '--selector', '-l', '--filename', '-f', '--help'];
const VERB_FLAGS: Record<string, string[]> = {
  get: ['--watch', '-w', '--show-labels', '--label-columns', '-L', '--field-selector', '--no-headers', '--sort-by'],
  logs: ['--previous', '-p', '--container', '-c', '--tail', '--follow', '-f', '--since', '--timestamps', '--all-containers'],
  delete: ['--force', '--grace-period', '--wait', '--all', '--now'],
  apply: ['--dry-run=client', '--dry-run=server', '--server-side', '--recursive', '-R'],
  create: ['--dry-run=client', '--image', '--replicas', '--port'],
  scale: ['--replicas'],
  set: ['--limits', '--requests', '--containers', '-c', '--local'],
  patch: ['--type', '--patch', '-p', '--local'],
  exec: ['-it', '--container', '-c', '--'],
  rollout: ['--to-revision', '--watch', '--timeout'],
  label: ['--overwrite', '--all'],
  annotate: ['--overwrite', '--all'],
  describe: ['--show-events'],
  expose: ['--port', '--target-port', '--type', '--name'],
  run: ['--image', '--restart', '--rm', '-it', '--command', '--', '--port', '--labels', '--env'],
  edit: ['--output-patch', '--save-config'],
  top: ['--containers', '--sort-by', '--no-headers'],
};
const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns=', 'go-template='];

export interface Completion {
  /** Where the replaced word starts in the line. */
  from: number;
  /** What to put in place of line[from, cursor). */
  replacement: string;
  /** All candidates, when more than one fits (shown to the learner). */
  candidates: string[];
}

interface Word {
  text: string;
  start: number;
}

function words(line: string): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0];
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function resourceTypeNames(): string[] {
  const names = new Set<string>();
  for (const k of allKinds()) {
    names.add(k.resource);
    names.add(k.singular);
    for (const s of k.shortNames) names.add(s);
  }
  return [...names].sort();
}

function objectNames(sim: Simulation, type: string, namespace: string | undefined): string[] {
  const def = resolveResourceType(type);
  if (!def) return [];
  const list = sim.store.list(resourceKey(def), def.namespaced ? namespace : undefined);
  return [...new Set(list.map((o) => o.metadata.name ?? ''))].filter(Boolean).sort();
}

function namespaces(sim: Simulation): string[] {
  return sim.store.list('namespaces').map((o) => o.metadata.name ?? '').filter(Boolean);
}

/**
 * Completes the word at the cursor of a command line. Returns undefined when
 * nothing fits. Only the current pipeline segment (after the last `|`, `&&`,
 * `;`) is considered.
 */
export function complete(line: string, cursor: number, sim: Simulation): Completion | undefined {
  const head = line.slice(0, cursor);
  const after = (sep: string) => {
    const i = head.lastIndexOf(sep);
    return i < 0 ? 0 : i + sep.length;
  };
  const segStart = Math.max(after('|'), after('&&'), after(';'));
  const seg = head.slice(segStart);
  const ws = words(seg).map((w) => ({ ...w, start: w.start + segStart }));
  const atNewWord = seg === '' || /\s$/.test(seg);
  const current: Word = atNewWord ? { text: '', start: cursor } : ws[ws.length - 1];
  const before = atNewWord ? ws : ws.slice(0, -1);
  const candidates = candidatesFor(before.map((w) => w.text), current.text, sim);
  if (!candidates) return undefined;
  let prefixPart = current.text;
  let options = candidates.options;
  if (candidates.slashPrefix !== undefined) prefixPart = current.text.slice(candidates.slashPrefix.length);
  options = [...new Set(options)].filter((o) => o.startsWith(prefixPart)).sort();
  if (options.length === 0) return undefined;
  const base = candidates.slashPrefix ?? '';
  if (options.length === 1) {
    const only = options[0];
    const open = only.endsWith('=') || only.endsWith('/');
    return { from: current.start, replacement: base + only + (open ? '' : ' '), candidates: [] };
  }
  return { from: current.start, replacement: base + commonPrefix(options), candidates: options };
}

function namespaceOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-n' || a === '--namespace') && args[i + 1]) return args[i + 1];
    if (a.startsWith('--namespace=')) return a.slice('--namespace='.length);
    if (a.startsWith('-n') && a.length > 2 && !a.startsWith('--')) return a.slice(2);
  }
  return undefined;
}

function candidatesFor(before: string[], current: string, sim: Simulation): { options: string[]; slashPrefix?: string } | undefined {
  if (before.length === 0) return { options: SIMULATED_PROGRAMS };
  const prog = before[0];
  if (prog !== 'kubectl' && prog !== 'k') return undefined;
  const args = before.slice(1);
  const prev = args.at(-1);
  const ns = namespaceOf(args) ?? 'default';
  if (prev === '-n' || prev === '--namespace') return { options: namespaces(sim) };
  if (prev === '-o' || prev === '--output') return { options: OUTPUT_FORMATS };
  if (current.startsWith('-o') && !current.startsWith('--') && current.length > 2) {
    return { options: OUTPUT_FORMATS.map((f) => `-o${f}`) };
  }
  // Positionals: skip flags and their values.
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (['-n', '--namespace', '-o', '--output', '-l', '--selector', '-f', '--filename', '-c', '--container', '-p', '--type', '--replicas', '--image'].includes(a)) i++;
      continue;
    }
    positionals.push(a);
  }
  const verb = positionals[0];
  if (current.startsWith('-')) return { options: [...COMMON_FLAGS, ...(verb ? (VERB_FLAGS[verb] ?? []) : [])] };
  if (!verb) return { options: KUBECTL_VERBS };
  let rest = positionals.slice(1);
  const subs = SUBCOMMANDS[verb];
  if (subs) {
    if (rest.length === 0) return { options: subs.filter((s) => !s.startsWith('-')) };
    rest = rest.slice(1);
    if (verb === 'create' || verb === 'config' || verb === 'auth') return undefined;
    if (verb === 'top') return { options: objectNames(sim, positionals[1] === 'node' ? 'nodes' : 'pods', ns) };
  }
  if (TAKES_POD.has(verb)) {
    if (rest.length === 0) {
      if (current.includes('/')) {
        const slash = current.indexOf('/') + 1;
        return { options: objectNames(sim, current.slice(0, slash - 1), ns), slashPrefix: current.slice(0, slash) };
      }
      return { options: objectNames(sim, 'pods', ns) };
    }
    return undefined;
  }
  if (!TAKES_RESOURCES.has(verb)) return undefined;
  if (current.includes('/')) {
    const slash = current.indexOf('/') + 1;
    return { options: objectNames(sim, current.slice(0, slash - 1), ns), slashPrefix: current.slice(0, slash) };
  }
  if (rest.length === 0) {
    if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain' || verb === 'taint') return { options: objectNames(sim, 'nodes', ns) };
    return { options: resourceTypeNames() };
  }
  const typeArg = rest[0];
  if (typeArg.includes('/')) return undefined;
  return { options: objectNames(sim, typeArg.split(',')[0], ns) };
}
