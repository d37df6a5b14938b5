import type { CommandDef } from '../commands/types.js';
import type { FlagSpec } from '../parse/flags.js';
import { HIDDEN_FLAGS, ROOT_GROUPS } from './command-tree.js';
import { flagUsage } from './flag-usage.js';
import { OPTIONS_HEADING } from './layout.js';
import { optionLine } from './options.js';
import { topicFor, type HelpTopic } from './topics.js';
import { USAGE_LINES } from './usage-lines.js';

/**
 * kubectl's help pages, laid out as kubectl v1.32 lays them out: the
 * description, `Aliases:`, `Examples:`, `Available Commands:`, `Options:`
 * (sorted by name, `    -o, --output='':` then the usage on a tab-indented
 * line), `Usage:` and the closing `Use "kubectl ..."` lines. The words are
 * ours (topics.ts, flag-usage.ts); the layout, flag names, shorthands,
 * defaults and Usage lines are kubectl's.
 *
 * @see k8s.io/kubectl/pkg/util/templates/templater.go, help_flags_printer.go
 */

const OPTIONS_FOOTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** The description block: the summary line, then paragraphs (kubectl indents them by one space). */
function description(topic: HelpTopic): string {
  return `${topic.long.trimEnd()}\n\n`;
}

/** Examples, each line indented by two spaces (blank lines too, as kubectl prints them). */
function examples(text: string): string {
  return `Examples:\n${text.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\n\n`;
}

/** cobra pads command names to the longest sibling (at least 11), then three spaces. */
function commandRows(defs: readonly CommandDef[]): string {
  const width = Math.max(11, ...defs.map((d) => d.name.length));
  return defs.map((d) => `  ${d.name.padEnd(width)}   ${d.short}`).join('\n');
}

/** One option block: the flag line, its usage on a tab-indented line, a blank line. */
function optionBlock(spec: FlagSpec, path: string, env: Env): string {
  return `${optionLine(withRuntimeDefault(spec, env))}\n\t${flagUsage(path, spec.name)}\n\n`;
}

/** What help needs from the environment: $HOME, for --cache-dir's default. */
export type Env = Record<string, string | undefined>;

/** kubectl's --cache-dir default is $HOME/.kube/cache; we keep '' in the spec (unset) and show the real default in help. */
function withRuntimeDefault(spec: FlagSpec, env: Env): FlagSpec {
  if (spec.name !== 'cache-dir') return spec;
  const home = env.HOME ?? '';
  return { ...spec, default: home === '' ? '.kube/cache' : `${home.replace(/\/+$/, '')}/.kube/cache` };
}

/** The flags a command shows under Options: its own, minus hidden ones, sorted by name (pflag's order). */
export function visibleFlags(def: CommandDef): FlagSpec[] {
  return (def.flags ?? []).filter((f) => !HIDDEN_FLAGS.has(f.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `kubectl <path> --help`. */
export function commandHelp(def: CommandDef, path: readonly string[], env: Env = {}): string {
  const key = path.join(' ');
  const topic = topicFor(key);
  let out = description(topic);
  if (def.aliases && def.aliases.length > 0) out += `Aliases:\n${[def.name, ...def.aliases].join(', ')}\n\n`;
  if (topic.examples) out += examples(topic.examples);
  const subs = [...(def.subcommands ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (subs.length > 0) out += `Available Commands:\n${commandRows(subs)}\n\n`;
  const flags = visibleFlags(def);
  if (flags.length > 0) out += `Options:\n${flags.map((f) => optionBlock(f, key, env)).join('')}`;
  out += `Usage:\n  ${USAGE_LINES[key] ?? `kubectl ${key} [options]`}\n\n`;
  if (subs.length > 0) out += `Use "kubectl ${key} <command> --help" for more information about a given command.\n`;
  return out + OPTIONS_FOOTER;
}

/** The root's command groups, holding only the commands we simulate (empty groups are left out). */
function rootGroups(commands: readonly CommandDef[]): string {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const grouped = new Set(ROOT_GROUPS.flatMap((g) => g.commands));
  const groups = ROOT_GROUPS.map((g) => ({ heading: g.heading, defs: g.commands.flatMap((n) => byName.get(n) ?? []) }));
  // cobra lists the rest, sorted, under Other Commands.
  const others = commands.filter((c) => !grouped.has(c.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  groups.push({ heading: 'Other Commands', defs: others });
  const shown = groups.filter((g) => g.defs.length > 0);
  const width = Math.max(11, ...shown.flatMap((g) => g.defs.map((d) => d.name.length)));
  return shown.map((g) => `${g.heading}:\n${g.defs.map((d) => `  ${d.name.padEnd(width)}   ${d.short}`).join('\n')}`).join('\n\n');
}

/** The part of the root help after its description: what `kubectl help nosuch` prints after its message. */
export function rootUsage(commands: readonly CommandDef[]): string {
  return `${rootGroups(commands)}\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n${OPTIONS_FOOTER}`;
}

/** `kubectl`, `kubectl --help`, `kubectl help`. */
export function rootHelp(commands: readonly CommandDef[]): string {
  return description(topicFor('')) + rootUsage(commands);
}

/** `kubectl options`: the flags every command accepts. */
export function globalOptions(globals: readonly FlagSpec[], env: Env = {}): string {
  const flags = [...globals].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${OPTIONS_HEADING}\n\n${flags.map((f) => optionBlock(f, '', env)).join('')}`;
}

/** `kubectl help --help`. */
export function helpCommandHelp(): string {
  return `${description(topicFor('help'))}Usage:\n  ${USAGE_LINES.help}\n\n${OPTIONS_FOOTER}`;
}
