import { ADMIN, type UserInfo } from '../cluster/apiserver/api-server.js';
import { userInfoFor } from '../cluster/apiserver/admission/rbac-authorizer.js';
import type { KubectlContext, KubectlResult } from './context.js';
import { COMMANDS } from './commands/index.js';
import type { CommandDef, Invocation } from './commands/types.js';
import { goQuote } from './format/go-fmt.js';
import { GLOBAL_FLAGS } from './global-flags.js';
import { NOT_SIMULATED, deprecationNotices, notSimulatedMessage } from './help/command-tree.js';
import { unknownCommand, unknownHelpTopic } from './help/help-command.js';
import { commandHelp, globalOptions, helpCommandHelp, rootHelp } from './help/render.js';
import { parseFlags, type FlagSpec, type ParsedFlags } from './parse/flags.js';
import { stderrFirst } from './output-order.js';
import { unreachableServer } from './unreachable-server.js';

/**
 * cobra's `-h, --help`, which every command accepts. It is not a global
 * option (`kubectl options` does not list it), and cobra adds it only once a
 * command has been found, so while looking for the command `--help` counts as
 * a flag that takes a value (`kubectl rollout --help status` shows rollout's help).
 */
const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', default: false };

/** Group commands whose bare invocation prints their help on stdout rather than stderr (both exit 1). */
const HELP_ON_STDOUT = new Set(['rollout']);

/**
 * Runs one kubectl command line (argv without the leading `kubectl`) against
 * the simulation. Never throws on bad input: every error is kubectl's message
 * on stderr with its exit code.
 */
export function runKubectl(argv: readonly string[], ctx: KubectlContext): KubectlResult {
  const located = locateCommand(argv);
  switch (located.kind) {
    case 'root':
      return runRoot(located.rest, ctx);
    case 'help':
      return runHelpCommand(located.rest, ctx);
    case 'options':
      return runOptions(located.rest, ctx);
    case 'not-simulated':
      return { stdout: '', stderr: notSimulatedMessage(located.path), exitCode: 1 };
    case 'plugin':
      // kubectl looks for a plugin before cobra runs, and refuses flags in front of its name.
      return { stdout: '', stderr: `Error: flags cannot be placed before plugin name: ${located.flag}\n`, exitCode: 1 };
    case 'unknown':
      return unknownCommand(located.verb);
    case 'command':
      return runCommand(located.def, located.path, located.rest, ctx);
  }
}

function runCommand(def: CommandDef, path: string[], rest: string[], ctx: KubectlContext): KubectlResult {
  const commandPath = `kubectl ${path.join(' ')}`;
  const own = def.flags ?? [];
  const specs: FlagSpec[] = [...own, ...GLOBAL_FLAGS.filter((g) => !own.some((f) => f.name === g.name)), HELP_FLAG];
  const parsed = parseFlags(rest, specs);
  if (!parsed.ok) return flagError(parsed.message, `See '${commandPath} --help' for usage.`);
  const flags = parsed.parsed;
  const notices = deprecationNotices(flags.set);
  if (flags.values.get('help') === true) return { stdout: commandHelp(def, path, ctx.env), stderr: notices, exitCode: 0 };
  if (!def.run) return runGroup(def, path, flags, ctx);
  // A kubeconfig that leads to no cluster: the command fails at its first request.
  const unreachable = unreachableServer(path, flags, ctx);
  if (unreachable) return stderrFirst(unreachable, notices);
  const result = runParsed(def.run, flags, commandPath, ctx);
  // Some commands print the notice themselves; it must come first, and once.
  return notices === '' || result.stderr.startsWith(notices) ? result : stderrFirst(result, notices);
}

function runParsed(run: NonNullable<CommandDef['run']>, flags: ParsedFlags, commandPath: string, ctx: KubectlContext): KubectlResult {
  const nsFlag = flags.values.get('namespace');
  const namespaceExplicit = flags.set.has('namespace') && typeof nsFlag === 'string' && nsFlag !== '';
  const as = flags.values.get('as');
  const asGroups = (flags.values.get('as-group') as string[] | undefined) ?? [];
  let user: UserInfo | undefined;
  // A service account's implicit groups come with it, as the authenticator adds them.
  if (typeof as === 'string' && as !== '') user = userInfoFor(as, asGroups);
  const inv: Invocation = {
    ctx,
    flags,
    args: flags.args,
    namespace: namespaceExplicit ? (nsFlag as string) : ctx.config.namespace,
    namespaceExplicit,
    user,
    commandPath,
  };
  // The server's warnings on reads, each printed once (client-go's WarningWriter with Deduplicate, as
  // kubectl sets it up), before anything the command prints on stderr.
  const warned: string[] = [];
  const api = ctx.sim.api;
  const previous = api.onWarning;
  api.onWarning = (w) => void (warned.includes(w) || warned.push(w));
  try {
    return stderrFirst(run(inv), warned.map((w) => `Warning: ${w}\n`).join(''));
  } catch (err) {
    // A bug in the interpreter must never take the trainer down with it.
    const message = err instanceof Error ? err.message : String(err);
    return { stdout: '', stderr: `error: internal error in the simulated kubectl: ${message}\n`, exitCode: 1 };
  } finally {
    api.onWarning = previous;
  }
}

/**
 * A command that only groups subcommands (`kubectl rollout`, `kubectl set`):
 * on its own it prints its help and fails; with a word that is not one of
 * its subcommands it says so.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/helpers.go DefaultSubCommandRun
 */
function runGroup(def: CommandDef, path: string[], flags: ParsedFlags, ctx: KubectlContext): KubectlResult {
  const commandPath = `kubectl ${path.join(' ')}`;
  if (flags.args.length > 0) {
    return { stdout: '', stderr: `error: unknown command ${goQuote(flags.args.join(' '))}\nSee '${commandPath} -h' for help and examples\n`, exitCode: 1 };
  }
  const help = commandHelp(def, path, ctx.env);
  return HELP_ON_STDOUT.has(def.name) ? { stdout: help, stderr: '', exitCode: 1 } : { stdout: '', stderr: help, exitCode: 1 };
}

/** `kubectl`, `kubectl --help`, `kubectl -n x`: the root command only prints its help. */
function runRoot(rest: string[], ctx: KubectlContext): KubectlResult {
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, HELP_FLAG]);
  if (!parsed.ok) return flagError(parsed.message, "See 'kubectl --help' for usage.");
  void ctx;
  return { stdout: rootHelp(COMMANDS), stderr: '', exitCode: 0 };
}

/**
 * `kubectl help [COMMAND...]`: the help of the command the words name (words
 * after a complete command path are ignored), the root's help for none, and
 * `Unknown help topic` (still exit 0) when the first word is not a command.
 *
 * @see github.com/spf13/cobra command.go InitDefaultHelpCmd
 */
function runHelpCommand(rest: string[], ctx: KubectlContext): KubectlResult {
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, HELP_FLAG]);
  if (!parsed.ok) return flagError(parsed.message, "See 'kubectl help --help' for usage.");
  if (parsed.parsed.values.get('help') === true) return { stdout: helpCommandHelp(), stderr: '', exitCode: 0 };
  const words = parsed.parsed.args;
  const topic = locateCommand(words);
  switch (topic.kind) {
    case 'root':
      return { stdout: rootHelp(COMMANDS), stderr: '', exitCode: 0 };
    case 'help':
      return { stdout: helpCommandHelp(), stderr: '', exitCode: 0 };
    case 'options':
      // kubectl's options command has an empty help page.
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'not-simulated':
      return { stdout: '', stderr: notSimulatedMessage(topic.path), exitCode: 1 };
    case 'plugin':
    case 'unknown':
      return unknownHelpTopic(words, COMMANDS);
    case 'command':
      return { stdout: commandHelp(topic.def, topic.path, ctx.env), stderr: '', exitCode: 0 };
  }
}

/** `kubectl options`: the global flags, whatever the arguments. */
function runOptions(rest: string[], ctx: KubectlContext): KubectlResult {
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, HELP_FLAG]);
  if (!parsed.ok) return flagError(parsed.message, "Run 'kubectl options' without flags.");
  // Its help page is empty: kubectl prints nothing for `kubectl options --help`.
  if (parsed.parsed.values.get('help') === true) return { stdout: '', stderr: '', exitCode: 0 };
  return { stdout: globalOptions(GLOBAL_FLAGS, ctx.env), stderr: '', exitCode: 0 };
}

/** A flag error: kubectl prints pflag's message as `error: …` and points at the help. */
function flagError(message: string, pointer: string): KubectlResult {
  return { stdout: '', stderr: `error: ${message}\n${pointer}\n`, exitCode: 1 };
}

/** The admin identity, for callers that need the default user explicitly. */
export const DEFAULT_USER = ADMIN;

type Located =
  | { kind: 'root'; rest: string[] }
  | { kind: 'help'; rest: string[] }
  | { kind: 'options'; rest: string[] }
  | { kind: 'command'; def: CommandDef; path: string[]; rest: string[] }
  | { kind: 'not-simulated'; path: string[] }
  | { kind: 'plugin'; flag: string }
  | { kind: 'unknown'; verb: string };

/**
 * Finds the command (and subcommands) among the arguments as cobra's Find
 * does: flags are skipped by the rules of the command found so far, and the
 * command words are taken out of the arguments.
 *
 * @see github.com/spf13/cobra command.go Find, stripFlags, argsMinusFirstX
 */
function locateCommand(argv: readonly string[]): Located {
  let rest = [...argv];
  const firstWord = nextWord(rest, GLOBAL_FLAGS);
  if (firstWord === undefined) return { kind: 'root', rest };
  const found = COMMANDS.find((c) => c.name === firstWord || c.aliases?.includes(firstWord));
  if (!found && firstWord !== 'options') {
    // Before cobra runs, kubectl looks for a plugin when the name is not a command (cobra's help command
    // does not exist yet either); a flag in front of the name is refused there, unless the first plain
    // argument is help.
    const plain = argv.find((a) => !a.startsWith('-'));
    if (argv[0].startsWith('-') && plain !== 'help') return { kind: 'plugin', flag: argv[0] };
    if (firstWord === 'help') return { kind: 'help', rest: withoutWord(rest, firstWord, GLOBAL_FLAGS) };
    if (NOT_SIMULATED.includes(firstWord)) return { kind: 'not-simulated', path: [firstWord] };
    return { kind: 'unknown', verb: firstWord };
  }
  rest = withoutWord(rest, firstWord, GLOBAL_FLAGS);
  if (!found) return { kind: 'options', rest };
  let def: CommandDef = found;
  const path = [def.name];
  while (def.subcommands && def.subcommands.length > 0) {
    const specs = [...(def.flags ?? []), ...GLOBAL_FLAGS];
    const word = nextWord(rest, specs);
    if (word === undefined) break;
    const sub: CommandDef | undefined = def.subcommands.find((c) => c.name === word || c.aliases?.includes(word));
    if (!sub) {
      if (NOT_SIMULATED.includes([...path, word].join(' '))) return { kind: 'not-simulated', path: [...path, word] };
      break;
    }
    rest = withoutWord(rest, word, specs);
    def = sub;
    path.push(sub.name);
  }
  return { kind: 'command', def, path, rest };
}

/**
 * Whether a flag token takes the next argument as its value while cobra looks
 * for commands: `--name`/`-x` without `=`, unless the flag has a value it uses
 * when given alone (bools, --dry-run). Unknown flags, and --help before its
 * command is found, are assumed to take one.
 */
function takesValue(token: string, specs: readonly FlagSpec[]): boolean {
  if (token.includes('=')) return false;
  let spec: FlagSpec | undefined;
  if (token.startsWith('--')) spec = specs.find((s) => s.name === token.slice(2));
  else if (token.length === 2) spec = specs.find((s) => s.short === token[1]);
  else return false;
  return !(spec && (spec.type === 'bool' || spec.noOptDefault !== undefined));
}

/** The first argument that is neither a flag nor a flag's value (cobra's stripFlags), if any. */
function nextWord(args: readonly string[], specs: readonly FlagSpec[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (a.startsWith('-') && takesValue(a, specs)) {
      // cobra stops looking when such a flag is followed by a single argument.
      if (args.length - i - 1 <= 1) return undefined;
      i++;
      continue;
    }
    if (a !== '' && !a.startsWith('-')) return a;
  }
  return undefined;
}

/** The arguments without the first occurrence of `word` that is not a flag's value (cobra's argsMinusFirstX). */
function withoutWord(args: readonly string[], word: string, specs: readonly FlagSpec[]): string[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-') && takesValue(a, specs)) {
      i++;
      continue;
    }
    if (!a.startsWith('-') && a === word) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}
