import type { UserInfo } from '../../cluster/apiserver/api-server.js';
import type { KubectlContext, KubectlResult } from '../context.js';
import type { FlagSpec, FlagValue, ParsedFlags } from '../parse/flags.js';

/** One parsed kubectl invocation, handed to a command's `run`. */
export interface Invocation {
  ctx: KubectlContext;
  flags: ParsedFlags;
  /** Positional arguments after the command path. */
  args: string[];
  /** `-n`, else the kubeconfig context's namespace. */
  namespace: string;
  /** Whether `-n`/`--namespace` was given. */
  namespaceExplicit: boolean;
  /** The user requests are made as (`--as`); undefined is the admin. */
  user?: UserInfo;
  /** `kubectl rollout status`, for usage messages. */
  commandPath: string;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** One-line description, as `kubectl --help` lists it. */
  short: string;
  flags?: FlagSpec[];
  subcommands?: CommandDef[];
  run?: (inv: Invocation) => KubectlResult;
}

export function flagString(inv: Invocation, name: string): string {
  const v = inv.flags.values.get(name);
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}

export function flagBool(inv: Invocation, name: string): boolean {
  return inv.flags.values.get(name) === true;
}

export function flagInt(inv: Invocation, name: string): number {
  const v = inv.flags.values.get(name);
  return typeof v === 'number' ? v : Number(v ?? 0);
}

export function flagList(inv: Invocation, name: string): string[] {
  const v: FlagValue | undefined = inv.flags.values.get(name);
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [String(v)];
}

export function flagSet(inv: Invocation, name: string): boolean {
  return inv.flags.set.has(name);
}

/** `error: <msg>` plus the usage pointer cobra prints for argument and flag errors. */
export function usageError(inv: Pick<Invocation, 'commandPath'>, message: string): KubectlResult {
  return { stdout: '', stderr: `error: ${message}\nSee '${inv.commandPath} -h' for help and examples\n`, exitCode: 1 };
}

/** `error: <msg>` on stderr, exit 1: kubectl's cmdutil.CheckErr for plain errors. */
export function errorResult(message: string, stdout = ''): KubectlResult {
  return { stdout, stderr: `error: ${message}\n`, exitCode: 1 };
}
