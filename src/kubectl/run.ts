import { ADMIN, type UserInfo } from '../cluster/apiserver/api-server.js';
import { userInfoFor } from '../cluster/apiserver/admission/rbac-authorizer.js';
import type { KubectlContext, KubectlResult } from './context.js';
import { COMMANDS } from './commands/index.js';
import type { CommandDef, Invocation } from './commands/types.js';
import { GLOBAL_FLAGS } from './global-flags.js';
import { parseFlags, type FlagSpec } from './parse/flags.js';

const globalByName = new Map(GLOBAL_FLAGS.map((f) => [f.name, f]));
const globalByShort = new Map(GLOBAL_FLAGS.filter((f) => f.short).map((f) => [f.short!, f]));

/**
 * Runs one kubectl command line (argv without the leading `kubectl`) against
 * the simulation. Never throws on bad input: every error is kubectl's message
 * on stderr with its exit code.
 */
export function runKubectl(argv: readonly string[], ctx: KubectlContext): KubectlResult {
  const located = locateCommand(argv);
  if (!located.def) {
    if (located.unknown !== undefined) return unknownCommand(located.unknown);
    return { stdout: commandList(), stderr: '', exitCode: 0 };
  }
  const { def, path, rest } = located;
  const commandPath = `kubectl ${path.join(' ')}`;
  if (!def.run) {
    return { stdout: '', stderr: `error: ${commandPath} needs a subcommand\nSee '${commandPath} -h' for help and examples\n`, exitCode: 1 };
  }
  const specs: FlagSpec[] = [...(def.flags ?? []), ...GLOBAL_FLAGS.filter((g) => !(def.flags ?? []).some((f) => f.name === g.name))];
  const parsed = parseFlags(rest, specs);
  if (!parsed.ok) {
    // cobra prints flag errors as `Error: …` (capital E), unlike kubectl's own `error: …`.
    return { stdout: '', stderr: `Error: ${parsed.message}\nSee '${commandPath} --help' for usage.\n`, exitCode: 1 };
  }
  const flags = parsed.parsed;
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
  try {
    return def.run(inv);
  } catch (err) {
    // A bug in the interpreter must never take the trainer down with it.
    const message = err instanceof Error ? err.message : String(err);
    return { stdout: '', stderr: `error: internal error in the simulated kubectl: ${message}\n`, exitCode: 1 };
  }
}

/** The admin identity, for callers that need the default user explicitly. */
export const DEFAULT_USER = ADMIN;

interface Located {
  def?: CommandDef;
  path: string[];
  rest: string[];
  unknown?: string;
}

/** Finds the command (and subcommand) among the arguments, skipping global flags. */
function locateCommand(argv: readonly string[]): Located {
  const rest = [...argv];
  let i = skipGlobalFlags(rest, 0);
  if (i >= rest.length) return { path: [], rest };
  const verb = rest[i];
  const found = COMMANDS.find((c) => c.name === verb || c.aliases?.includes(verb));
  if (!found) return { path: [], rest, unknown: verb };
  let def: CommandDef = found;
  const path = [def.name];
  rest.splice(i, 1);
  while (def.subcommands && def.subcommands.length > 0) {
    i = skipFlagsFor(rest, i, def);
    if (i >= rest.length) break;
    const sub: CommandDef | undefined = def.subcommands.find((c) => c.name === rest[i] || c.aliases?.includes(rest[i]));
    if (!sub) break;
    def = sub;
    path.push(sub.name);
    rest.splice(i, 1);
  }
  return { def, path, rest };
}

function skipGlobalFlags(argv: string[], start: number): number {
  let i = start;
  while (i < argv.length) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') return i;
    if (a === '--') return argv.length;
    i += flagTokenLength(a, argv[i + 1], globalByName, globalByShort);
  }
  return i;
}

function skipFlagsFor(argv: string[], start: number, def: CommandDef): number {
  const byName = new Map([...GLOBAL_FLAGS, ...(def.flags ?? [])].map((f) => [f.name, f]));
  const byShort = new Map([...GLOBAL_FLAGS, ...(def.flags ?? [])].filter((f) => f.short).map((f) => [f.short!, f]));
  let i = start;
  while (i < argv.length) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') return i;
    if (a === '--') return argv.length;
    i += flagTokenLength(a, argv[i + 1], byName, byShort);
  }
  return i;
}

/** How many tokens a flag occupies (1, or 2 when its value is the next token). */
function flagTokenLength(a: string, _next: string | undefined, byName: Map<string, FlagSpec>, byShort: Map<string, FlagSpec>): number {
  if (a.startsWith('--')) {
    if (a.includes('=')) return 1;
    const spec = byName.get(a.slice(2));
    return spec && spec.type !== 'bool' ? 2 : 1;
  }
  const c = a[1];
  const spec = byShort.get(c);
  if (spec && spec.type !== 'bool' && a.length === 2) return 2;
  return 1;
}

function unknownCommand(verb: string): KubectlResult {
  const names = COMMANDS.map((c) => c.name);
  const suggestions = names.filter((n) => levenshtein(n, verb) <= 2 || n.startsWith(verb));
  // cobra's wording, capitalised as kubectl prints it for unknown commands.
  let msg = `Error: unknown command "${verb}" for "kubectl"`;
  if (suggestions.length > 0) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n`;
  return { stdout: '', stderr: `${msg}\n`, exitCode: 1 };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** `kubectl` with no arguments: the commands this simulated kubectl knows, one a line. */
function commandList(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.short}`);
  return `kubectl controls the Kubernetes cluster manager (simulated by kubedojo).\n\nCommands:\n${lines.join('\n')}\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n`;
}
