import { apiVersionOf, type KindDefinition } from '../../cluster/kinds/registry.js';
import type { KubectlResult } from '../context.js';
import { kindsInDiscoveryOrder } from '../parse/resource-args.js';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter.js';
import { flagBool, flagList, flagSet, flagString, type CommandDef, type Invocation } from './types.js';

/**
 * `kubectl api-resources`: the kinds the simulated API server serves, from
 * the kind registry, sorted by API group (stable), with `-o wide|name`,
 * `--namespaced`, `--api-group`, `--verbs`, `--categories`, `--sort-by`.
 *
 * @see k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go
 */
export const apiResourcesCommand: CommandDef = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'api-group', type: 'string', default: '' },
    { name: 'cached', type: 'bool', default: false },
    { name: 'categories', type: 'stringSlice', default: [] },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'no-headers', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'verbs', type: 'stringSlice', default: [] },
  ],
  run: runApiResources,
};

function runApiResources(inv: Invocation): KubectlResult {
  const output = flagString(inv, 'output');
  if (output !== '' && output !== 'wide' && output !== 'name') {
    return { stdout: '', stderr: `error: --output ${output} is not available\n`, exitCode: 1 };
  }
  const sortBy = flagString(inv, 'sort-by');
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') {
    return { stdout: '', stderr: `error: --sort-by accepts only name or kind\n`, exitCode: 1 };
  }
  if (inv.args.length > 0) {
    return { stdout: '', stderr: `error: unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples\n`, exitCode: 1 };
  }
  const group = flagString(inv, 'api-group');
  const verbs = flagList(inv, 'verbs');
  const categories = flagList(inv, 'categories');
  let defs: KindDefinition[] = kindsInDiscoveryOrder().filter((d) => {
    if (flagSet(inv, 'api-group') && d.group !== group) return false;
    if (flagSet(inv, 'namespaced') && d.namespaced !== flagBool(inv, 'namespaced')) return false;
    if (verbs.length > 0 && !verbs.every((v) => d.verbs.includes(v))) return false;
    if (categories.length > 0 && !categories.every((c) => d.categories.includes(c))) return false;
    return true;
  });
  const key = (d: KindDefinition) => (sortBy === 'name' ? d.resource : sortBy === 'kind' ? d.kind : d.group);
  defs = defs.map((d, i) => ({ d, i })).sort((a, b) => (key(a.d) < key(b.d) ? -1 : key(a.d) > key(b.d) ? 1 : a.i - b.i)).map((x) => x.d);
  if (output === 'name') {
    return { stdout: defs.map((d) => `${d.resource}${d.group ? `.${d.group}` : ''}\n`).join(''), stderr: '', exitCode: 0 };
  }
  const w = new TabWriter(GET_TABWRITER);
  if (!flagBool(inv, 'no-headers')) {
    const cols = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
    if (output === 'wide') cols.push('VERBS', 'CATEGORIES');
    w.write(`${cols.join('\t')}\n`);
  }
  for (const d of defs) {
    const cells = [d.resource, d.shortNames.join(','), apiVersionOf(d), String(d.namespaced), d.kind];
    if (output === 'wide') cells.push([...new Set(d.verbs)].sort().join(','), d.categories.join(','));
    w.write(`${cells.join('\t')}\n`);
  }
  return { stdout: w.flush().take(), stderr: '', exitCode: 0 };
}
