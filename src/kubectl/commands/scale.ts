import { cloneJson, isDict, jsonEqual } from '../../cluster/api/meta.js';
import { USER_AGENT_MANAGER } from './field-manager.js';
import type { CommandDef, Invocation } from './types.js';
import { flagInt, flagString } from './types.js';
import { apiWarnings, collectTargets, dryRunStrategy, finish, operationLine, plainErr, recordChangeCause, recordWarning, statusErr, FILENAME_FLAGS, type CmdError } from './write-helpers.js';

/**
 * `kubectl scale --replicas=N`: sets spec.replicas through the scale
 * subresource, with the `--current-replicas` and `--resource-version`
 * preconditions.
 *
 * @see k8s.io/kubectl/pkg/cmd/scale/scale.go, pkg/scale/scale.go
 */

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/**
 * Cobra's check of required flags, which runs before the command: every
 * missing one named in one line, in the flag set's (sorted) order.
 */
export function requiredFlags(inv: Invocation, names: readonly string[]): { stdout: string; stderr: string; exitCode: number } | undefined {
  const missing = names.filter((n) => !inv.flags.set.has(n)).sort();
  if (missing.length === 0) return undefined;
  return finish('', [plainErr(`required flag(s) "${missing.join('", "')}" not set`)]);
}

function runScale(inv: Invocation) {
  const missing = requiredFlags(inv, ['replicas']);
  if (missing) return missing;
  const replicas = flagInt(inv, 'replicas');
  if (replicas < 0) return finish('', [plainErr('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')]);
  const current = flagInt(inv, 'current-replicas');
  const rv = flagString(inv, 'resource-version');
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  let warnings = dry.warning + recordWarning(inv);
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true, allowSelectAll: true, verb: 'scaling' });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0) {
    // kubectl folds the lookup errors into one message when nothing is left to scale.
    const why = errors.map((e) => (e.kind === 'status' ? e.status.message : e.message)).join(' ');
    return finish('', [plainErr(`no objects passed to scale${why ? ` ${why}` : ''}`)], warnings);
  }
  const output = flagString(inv, 'output');
  let stdout = '';
  for (const t of collected.targets) {
    const live = t.live!;
    if (!SCALABLE.has(t.def.kind)) {
      errors.push(plainErr(`cannot scale ${t.def.resource}/${t.name}: the server could not find the requested resource`));
      continue;
    }
    const spec = isDict(live.spec) ? live.spec : {};
    const have = typeof spec.replicas === 'number' ? spec.replicas : 1;
    if (current >= 0 && current !== have) {
      errors.push(plainErr(`Expected replicas to be ${current}, was ${have}`));
      continue;
    }
    if (rv !== '' && rv !== live.metadata.resourceVersion) {
      errors.push(plainErr(`Expected resource version to be ${rv}, was ${live.metadata.resourceVersion ?? ''}`));
      continue;
    }
    if (dry.value !== 'client') {
      const next = cloneJson(live);
      (next.spec as Record<string, unknown>).replicas = replicas;
      // A merge patch of the scale subresource with no field manager: the API server names the
      // manager after kubectl's user agent.
      const write = { dryRun: dry.value === 'server', user: inv.user, fieldManager: USER_AGENT_MANAGER };
      const r = inv.ctx.sim.api.update(next, { ...write, subresource: 'scale' });
      if (!r.ok) {
        errors.push(statusErr(r.error));
        continue;
      }
      // A new generation: the server warns about the pod template again.
      warnings += apiWarnings(r);
      // --record's annotation goes in a second patch of the object itself, which kubectl sends
      // without dry-run even under --dry-run=server.
      const stored = inv.ctx.sim.api.get(t.def, t.namespace, t.name, inv.user);
      if (stored.ok) {
        const recorded = cloneJson(stored.value);
        recordChangeCause(inv, recorded);
        if (!jsonEqual(recorded.metadata.annotations, stored.value.metadata.annotations)) inv.ctx.sim.api.update(recorded, { user: inv.user, fieldManager: USER_AGENT_MANAGER });
      }
    }
    stdout += operationLine(t.def, t.name, 'scaled', dry.value, output);
  }
  inv.ctx.sim.settle();
  return finish(stdout, errors, warnings);
}

export const scaleCommand: CommandDef = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'replicas', type: 'int', default: 0 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'record', type: 'bool', default: false },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ],
  run: runScale,
};
