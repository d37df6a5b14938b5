import { allKinds, apiVersionOf } from '../../cluster/kinds/registry.js';
import type { KubectlResult } from '../context.js';
import { usageError, type CommandDef, type Invocation } from './types.js';

/**
 * `kubectl api-versions`: every group/version the API server serves (the
 * kind registry, as for api-resources), one a line, sorted as Go sorts
 * strings, so the core `v1` comes after the named groups.
 *
 * @see k8s.io/kubectl/pkg/cmd/apiresources/apiversions.go
 */
export const apiVersionsCommand: CommandDef = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  run: runApiVersions,
};

function runApiVersions(inv: Invocation): KubectlResult {
  if (inv.args.length > 0) return usageError(inv, `unexpected arguments: [${inv.args.join(' ')}]`);
  const versions = [...new Set(allKinds().map((d) => apiVersionOf(d)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { stdout: versions.map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 };
}
