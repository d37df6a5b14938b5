import type { KubectlResult } from '../context.js';
import { describerFor, type DescribeContext } from '../printers/describe/describers.js';
import { mappingFor, serverErrorText } from '../parse/resource-args.js';
import { readResources } from './get.js';
import { flagBool, flagList, flagString, type CommandDef, type Invocation } from './types.js';

/**
 * `kubectl describe`: one describer per kind (a port of kubectl's), objects
 * separated by a blank line pair, NotFound errors after the output, and
 * kubectl's name-prefix fallback (`describe pod web` describes every pod
 * whose name starts with `web` when no pod is named exactly `web`).
 *
 * @see k8s.io/kubectl/pkg/cmd/describe/describe.go
 */
export const describeCommand: CommandDef = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'show-events', type: 'bool', default: true },
  ],
  run: runDescribe,
};

function runDescribe(inv: Invocation): KubectlResult {
  if (inv.args.length === 0 && flagList(inv, 'filename').length === 0) {
    return {
      stdout: '',
      stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      exitCode: 1,
    };
  }
  const read = readResources(inv, inv.args);
  if (!read.ok) return { stdout: '', stderr: read.stderr, exitCode: 1 };
  const ctx: DescribeContext = { sim: inv.ctx.sim, now: inv.ctx.sim.now(), showEvents: flagBool(inv, 'show-events') };
  const infos = read.fetched.groups.flatMap((g) => g.infos);
  const errors = read.fetched.errors;
  // kubectl describe TYPE PREFIX: on NotFound, describe every object whose name starts with PREFIX
  if (errors.length > 0 && errors.every((e) => e.reason === 'NotFound') && inv.args.length === 2 && !inv.args[0].includes('/') && infos.length === 0) {
    const m = mappingFor(inv.args[0]);
    if (m.ok) {
      const def = m.value;
      const ns = def.namespaced ? inv.namespace : undefined;
      const matches = inv.ctx.sim.store.list(def.group ? `${def.resource}.${def.group}` : def.resource, ns).filter((o) => (o.metadata.name ?? '').startsWith(inv.args[1]));
      if (matches.length > 0) {
        const describe = describerFor(def);
        return { stdout: matches.map((o) => `${describe(o, ctx)}\n`).join(''), stderr: '', exitCode: 0 };
      }
    }
  }
  let stdout = '';
  let first = true;
  for (const info of infos) {
    const s = describerFor(info.def)(info.object, ctx);
    stdout += first ? s : `\n\n${s}`;
    first = false;
  }
  let stderr = errors.map((e) => `${serverErrorText(e)}\n`).join('');
  if (infos.length === 0 && errors.length === 0) {
    stderr += flagBool(inv, 'all-namespaces') ? 'No resources found\n' : `No resources found in ${flagString(inv, 'namespace') || inv.namespace} namespace.\n`;
  }
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}
