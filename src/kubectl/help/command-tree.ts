/**
 * Facts about real kubectl v1.32's command tree that help and error texts
 * depend on: how `kubectl --help` groups the commands, the order cobra tries
 * commands in when it suggests one for a typo, the commands kubedojo does not
 * simulate, and the flags kubectl accepts but hides from help.
 *
 * @see k8s.io/kubectl/pkg/cmd/cmd.go NewKubectlCommand
 */

/** `kubectl --help`'s command groups, in order, with their members in kubectl's order. */
export const ROOT_GROUPS: ReadonlyArray<{ heading: string; commands: readonly string[] }> = [
  { heading: 'Basic Commands (Beginner)', commands: ['create', 'expose', 'run', 'set'] },
  { heading: 'Basic Commands (Intermediate)', commands: ['explain', 'get', 'edit', 'delete'] },
  { heading: 'Deploy Commands', commands: ['rollout', 'scale', 'autoscale'] },
  { heading: 'Cluster Management Commands', commands: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'] },
  {
    heading: 'Troubleshooting and Debugging Commands',
    commands: ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  },
  { heading: 'Advanced Commands', commands: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
  { heading: 'Settings Commands', commands: ['label', 'annotate', 'completion'] },
];

/** Commands outside the groups: listed (sorted) under `Other Commands:`, except `options`, which kubectl keeps out of the list. */
export const OTHER_COMMANDS: readonly string[] = ['config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'];

/**
 * Every top-level command in the order kubectl registers them, which is the
 * order cobra lists suggestions in (`kubectl de` → set, get, delete, describe, cp, debug).
 * `help` is not among them: cobra never suggests it.
 */
export const SUGGESTION_ORDER: readonly string[] = [...ROOT_GROUPS.flatMap((g) => g.commands), ...OTHER_COMMANDS];

/**
 * Real kubectl commands kubedojo does not simulate. Running one (or asking for
 * its help) says so in one line instead of calling it an unknown command.
 * help.test.ts checks this list against the recorded command tree, both ways.
 */
export const NOT_SIMULATED: readonly string[] = [
  'apply edit-last-applied',
  'apply set-last-applied',
  'attach',
  'auth reconcile',
  'certificate',
  'cluster-info dump',
  'completion',
  'config delete-cluster',
  'config delete-user',
  'config set',
  'cp',
  'kustomize',
  'plugin',
  'port-forward',
  'proxy',
  'set subject',
];

/** The one-line answer for a command kubedojo does not simulate (exit 1). */
export function notSimulatedMessage(path: readonly string[]): string {
  return `error: kubedojo does not simulate "kubectl ${path.join(' ')}"\n`;
}

/**
 * Deprecated flags kubectl still accepts, with pflag's message for each. They
 * are left out of help, and using one prints `Flag --record has been
 * deprecated, --record will be removed in the future` on stderr first.
 */
export const DEPRECATED_FLAGS: Readonly<Record<string, string>> = { record: '--record will be removed in the future' };

/** Flags kubectl accepts but leaves out of help. */
export const HIDDEN_FLAGS: ReadonlySet<string> = new Set(Object.keys(DEPRECATED_FLAGS));

/** pflag's notices for the deprecated flags given on the command line (printed while parsing, before anything else). */
export function deprecationNotices(given: ReadonlySet<string>): string {
  return Object.entries(DEPRECATED_FLAGS)
    .filter(([name]) => given.has(name))
    .map(([name, why]) => `Flag --${name} has been deprecated, ${why}\n`)
    .join('');
}
