import { isDict, type KubeObject } from '../../cluster/api/meta.js';
import type { LabelSelectorRequirement } from '../../cluster/api/labels.js';
import { parseToLabelSelector, SelectorParseError } from '../../cluster/store/selectors.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString } from './types.js';
import { podSpecOf, runSet } from './set.js';
import { FILENAME_FLAGS, PRINT_FLAGS, checkOutput, dryRunStrategy, finish, kindString, plainErr } from './write-helpers.js';
import type { FlagSpec } from '../parse/flags.js';

/**
 * `kubectl set selector` (a Service's spec.selector, replaced whole) and
 * `kubectl set serviceaccount|sa` (a pod template's serviceAccountName).
 *
 * @see k8s.io/kubectl/pkg/cmd/set/set_selector.go, set_serviceaccount.go
 */

/** Go's %v of []metav1.LabelSelectorRequirement: `[{app In [a b]} {tier Exists []}]`. */
function expressionsText(exprs: readonly LabelSelectorRequirement[]): string {
  return `[${exprs.map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}

function runSetSelector(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  // The last argument is the selector; the ones before it name resources.
  const args = inv.args;
  let selector: ReturnType<typeof parseToLabelSelector> | undefined;
  if (args.length > 0) {
    try {
      selector = parseToLabelSelector(args[args.length - 1]);
    } catch (e) {
      if (e instanceof SelectorParseError) return finish('', [plainErr(e.message)]);
      throw e;
    }
  }
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  if (!selector) return finish('', [plainErr('one selector is required')]);
  const sel = selector;
  const resourceVersion = flagString(inv, 'resource-version');
  return runSet(
    inv,
    args.slice(0, -1),
    'selector updated',
    (obj: KubeObject) => {
      if (obj.kind !== 'Service') return 'setting a selector is only supported for Services';
      if (sel.matchExpressions.length > 0) return `match expression ${expressionsText(sel.matchExpressions)} not supported on this object`;
      if (resourceVersion !== '') obj.metadata.resourceVersion = resourceVersion;
      const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
      if (Object.keys(sel.matchLabels).length > 0) spec.selector = { ...sel.matchLabels };
      else delete spec.selector;
      return undefined;
    },
    { keepUnchanged: true, stopOnError: true, localDryRunSuffix: true },
  );
}

/** The kinds polymorphichelpers.UpdatePodSpecForObject knows. */
const POD_SPEC_KINDS = new Set(['Pod', 'ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob']);

/** Go's %T of a typed object: `*v1.Service`, `*v2.HorizontalPodAutoscaler`. */
function goTypeName(obj: KubeObject): string {
  const version = (obj.apiVersion ?? '').split('/').pop() || 'v1';
  return `*${version}.${obj.kind}`;
}

function runSetServiceAccount(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const args = inv.args;
  if (args.length === 0) return finish('', [plainErr('serviceaccount is required')]);
  const name = args[args.length - 1];
  const local = flagBool(inv, 'local');
  return runSet(
    inv,
    args.slice(0, -1),
    'serviceaccount updated',
    (obj, target) => {
      const spec = POD_SPEC_KINDS.has(obj.kind) ? podSpecOf(obj) : undefined;
      if (!spec) {
        return `error: ${kindString(target.def)}/${target.name} the object is not a pod or does not have a pod template: ${goTypeName(obj)}\n`;
      }
      spec.serviceAccountName = name;
      return undefined;
    },
    {
      keepUnchanged: true,
      localDryRunSuffix: true,
      localIgnoresArgs: local,
      serverError: (e) => (e.kind === 'status' ? plainErr(`failed to patch ServiceAccountName ${e.status.message}`) : e),
    },
  );
}

/**
 * The flags both share (no -l: neither takes a label query over its targets).
 * set selector defaults -R to true and has no -k, as in kubectl v1.32.
 */
function flags(selector: boolean): FlagSpec[] {
  return [
    ...FILENAME_FLAGS.filter((f) => !(selector && f.name === 'kustomize')).map((f) => (f.name === 'recursive' ? { ...f, default: selector } : f)),
    ...PRINT_FLAGS,
    { name: 'all', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
    { name: 'local', type: 'bool', default: false },
    { name: 'record', type: 'bool', default: false },
  ];
}

export const setSelectorCommand: CommandDef = {
  name: 'selector',
  short: 'Set the selector on a resource',
  flags: [...flags(true), { name: 'resource-version', type: 'string', default: '' }],
  run: runSetSelector,
};

export const setServiceAccountCommand: CommandDef = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Update the service account of a resource',
  flags: flags(false),
  run: runSetServiceAccount,
};
