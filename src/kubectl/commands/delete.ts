import { resourceKey } from '../../cluster/kinds/registry.js';
import { parseGoDuration } from '../parse/flags.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagInt, flagList, flagString } from './types.js';
import {
  FILENAME_FLAGS,
  collectTargets,
  dryRunStrategy,
  finish,
  kindString,
  plainErr,
  statusErr,
  type CmdError,
  type Target,
} from './write-helpers.js';

/**
 * `kubectl delete`: by name, `-f`, `-l`, `--all`; graceful deletion with
 * `--grace-period`/`--force`; and `--wait` (the default), which lets simulated
 * time pass until the objects are gone.
 *
 * @see k8s.io/kubectl/pkg/cmd/delete/delete.go
 */

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** How long `--wait` lets simulated time run at most when no --timeout is given. */
const DEFAULT_WAIT_MS = 10 * 60 * 1000;
const WAIT_STEP_MS = 1000;

function runDelete(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  let warnings = dry.warning;
  const all = flagBool(inv, 'all');
  const selector = flagString(inv, 'selector');
  const filenames = flagList(inv, 'filename');
  const ignoreNotFound = inv.flags.set.has('ignore-not-found') ? flagBool(inv, 'ignore-not-found') : all || selector !== '';
  const force = flagBool(inv, 'force');
  let grace = flagInt(inv, 'grace-period');
  const now = flagBool(inv, 'now');
  const output = flagString(inv, 'output');
  if (output !== '' && output !== 'name') {
    return finish('', [plainErr(`unexpected -o output mode "${output}", the flag 'output' must be one of yaml|json|name`)]);
  }
  if (all && selector !== '') return finish('', [plainErr("cannot set --all and --selector at the same time")]);
  if (now) {
    if (grace !== -1) return finish('', [plainErr('--now and --grace-period cannot be specified together')]);
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace === 0) warnings += FORCE_WARNING;
  if (filenames.length === 0 && inv.args.length === 0) {
    return {
      stdout: '',
      stderr:
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      exitCode: 1,
    };
  }

  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: !ignoreNotFound, allowSelectAll: true, verb: 'deleting' });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [];
  for (const e of collected.errors) {
    if (ignoreNotFound && e.kind === 'status' && e.status.reason === 'NotFound') continue;
    errors.push(e);
  }
  const sim = inv.ctx.sim;
  let stdout = '';
  const deleted: Target[] = [];
  const targets = collected.targets.filter((t) => t.live !== undefined || !ignoreNotFound);
  for (const t of targets) {
    if (!t.live) {
      // -f objects that do not exist, without --ignore-not-found
      continue;
    }
    if (dry.value !== 'client') {
      const r = sim.api.delete(t.def, t.namespace, t.name, {
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        propagationPolicy: cascadePolicy(flagString(inv, 'cascade')),
        dryRun: dry.value === 'server',
        user: inv.user,
      });
      if (!r.ok) {
        errors.push(statusErr(r.error, 'deleting', t.source));
        continue;
      }
    }
    deleted.push(t);
    let operation = grace === 0 ? 'force deleted' : 'deleted';
    if (dry.value === 'client') operation += ' (dry run)';
    if (dry.value === 'server') operation += ' (server dry run)';
    if (output === 'name') stdout += `${kindString(t.def)}/${t.name}\n`;
    else stdout += `${kindString(t.def)} "${t.name}" ${operation}\n`;
  }
  if (deleted.length === 0 && errors.length === 0 && collected.errors.length === 0) {
    return finish('No resources found\n', [], warnings);
  }
  sim.settle();
  const wait = flagBool(inv, 'wait');
  if (wait && dry.value === 'none' && deleted.length > 0 && !sim.frozen) {
    const timeoutFlag = flagString(inv, 'timeout');
    const timeout = parseGoDuration(timeoutFlag) ?? 0;
    const limit = timeout > 0 ? timeout : DEFAULT_WAIT_MS;
    const uids = new Map(deleted.map((t) => [t, t.live!.metadata.uid]));
    const gone = (t: Target) => {
      const cur = sim.store.get(resourceKey(t.def), t.def.namespaced ? t.namespace : '', t.name);
      return !cur || cur.metadata.uid !== uids.get(t);
    };
    let waited = 0;
    while (!deleted.every(gone) && waited < limit) {
      const step = Math.min(WAIT_STEP_MS, limit - waited);
      sim.advanceBy(step);
      waited += step;
    }
    const left = deleted.filter((t) => !gone(t));
    if (left.length > 0) {
      for (const t of left) errors.push(plainErr(`timed out waiting for the condition on ${t.def.resource}/${t.name}`));
    }
  }
  return finish(stdout, errors, warnings);
}

function cascadePolicy(v: string): 'Background' | 'Foreground' | 'Orphan' {
  if (v === 'orphan' || v === 'false') return 'Orphan';
  if (v === 'foreground') return 'Foreground';
  return 'Background';
}

export const deleteCommand: CommandDef = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'force', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'ignore-not-found', type: 'bool', default: false },
    { name: 'interactive', short: 'i', type: 'bool', default: false },
    { name: 'now', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'wait', type: 'bool', default: true },
  ],
  run: runDelete,
};
