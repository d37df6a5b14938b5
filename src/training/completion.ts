/**
 * Tab completion for the drill prompt: kubectl verbs and subcommands,
 * resource types, names of objects that exist in the simulated cluster,
 * flags, namespaces and output formats. Pure: reads the store only.
 */
import type { Simulation } from '../cluster/simulation.js';
import { allKinds, resolveResourceType, resourceKey } from '../cluster/kinds/registry.js';
import { SIMULATED_PROGRAMS } from '../shell/shell.js';
import { COMMANDS } from '../kubectl/commands/index.js';
import type { CommandDef } from '../kubectl/commands/types.js';

/**
 * The verbs the interpreter runs, read from its command definitions so the
 * list cannot drift from what works: every simulated command, and kubectl's
 * own help and options.
 */
export const KUBECTL_VERBS: readonly string[] = [...new Set([...COMMANDS.map((c) => c.name), 'help', 'options'])].sort();

/** Verbs whose positional arguments are resource types and names. */
const TAKES_RESOURCES = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'expose', 'autoscale', 'cordon', 'uncordon', 'drain', 'taint', 'wait', 'rollout', 'set', 'top']);
/** Verbs whose first positional is a pod name. */
const TAKES_POD = new Set(['logs', 'exec', 'debug']);

/** The global flags worth offering on every command. */
const GLOBAL = ['--namespace', '-n', '--help', '-h'];

/** A command's own flags, as `--name` and `-x`. */
function flagsOf(def: CommandDef): string[] {
  return (def.flags ?? []).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

function findCommand(list: readonly CommandDef[], word: string): CommandDef | undefined {
  return list.find((c) => c.name === word || c.aliases?.includes(word));
}

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
  let def = verb === undefined ? undefined : findCommand(COMMANDS, verb);
  // The subcommands named so far (rollout status, create secret generic).
  let rest = positionals.slice(1);
  let sub = false;
  while (def?.subcommands && def.subcommands.length > 0 && rest.length > 0) {
    const next = findCommand(def.subcommands, rest[0]);
    if (!next) break;
    def = next;
    rest = rest.slice(1);
    sub = true;
  }
  if (current.startsWith('-')) return { options: [...GLOBAL, ...(def ? flagsOf(def) : [])] };
  if (!verb) return { options: [...KUBECTL_VERBS] };
  if (!def) return undefined;
  if (def.subcommands && def.subcommands.length > 0 && rest.length === 0) return { options: def.subcommands.map((c) => c.name) };
  if (sub) {
    if (verb === 'top') return { options: objectNames(sim, def.name === 'node' ? 'nodes' : 'pods', ns) };
    if (!TAKES_RESOURCES.has(verb)) return undefined;
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
