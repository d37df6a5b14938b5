import { resolveResourceType, type KindDefinition } from '../../cluster/kinds/registry.js';
import { explain, resourceSchemas } from '../explain/index.js';
import { mappingFor } from '../parse/resource-args.js';
import type { KubectlResult } from '../context.js';
import type { CommandDef, Invocation } from './types.js';
import { errorResult, flagBool, flagString } from './types.js';

/**
 * `kubectl explain RESOURCE[.field.path] [--recursive] [--api-version=G/V]`:
 * the documentation of a kind or one of its fields, from the schema in
 * src/kubectl/explain (kubectl reads it from the server's OpenAPI v3).
 *
 * @see k8s.io/kubectl/pkg/cmd/explain/explain.go, pkg/explain/v2
 */

/** SplitAndParseResourceRequestWithMatchingPrefix: the longest dotted prefix that names a resource. */
function splitWithPrefix(input: string): { ok: true; def: KindDefinition; path: string[] } | { ok: false; message: string } {
  const parts = input.split('.');
  for (let i = parts.length; i > 0; i--) {
    const def = resolveResourceType(parts.slice(0, i).join('.'));
    if (def) return { ok: true, def, path: parts.slice(i) };
  }
  return split(input);
}

/** SplitAndParseResourceRequest: the resource before the first dot, the fields after. */
function split(input: string): { ok: true; def: KindDefinition; path: string[] } | { ok: false; message: string } {
  const [resource, ...path] = input.split('.');
  const m = mappingFor(resource);
  return m.ok ? { ok: true, def: m.value, path } : { ok: false, message: m.message };
}

function run(inv: Invocation): KubectlResult {
  if (inv.args.length === 0) {
    return errorResult('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (inv.args.length > 1) return errorResult('We accept only this format: explain RESOURCE');
  const output = flagString(inv, 'output') || 'plaintext';
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') {
    return errorResult(`unsupported output format: ${output}. Valid values are (plaintext, plaintext-openapiv2)`);
  }
  const apiVersion = flagString(inv, 'api-version');
  const parsed = apiVersion === '' ? splitWithPrefix(inv.args[0]) : split(inv.args[0]);
  if (!parsed.ok) return errorResult(parsed.message);
  let group = parsed.def.group;
  let version = parsed.def.version;
  if (apiVersion !== '') {
    const bits = apiVersion.split('/');
    if (bits.length > 2) return errorResult(`unexpected GroupVersion string: ${apiVersion}`);
    [group, version] = bits.length === 2 ? [bits[0], bits[1]] : ['', bits[0]];
  }
  const gvr = `${group}/${version}, Resource=${parsed.def.resource}`;
  const schemas = resourceSchemas();
  if (!schemas.some((s) => s.group === group && s.version === version) && !(group === parsed.def.group && version === parsed.def.version)) {
    return errorResult(`couldn't find resource for "${gvr}"`);
  }
  const schema = schemas.find((s) => s.group === group && s.version === version && s.kind === parsed.def.kind);
  if (!schema) return errorResult(`GVR (${gvr}) not found in OpenAPI schema`);
  const r = explain(schema, parsed.path, flagBool(inv, 'recursive'));
  if (!r.ok) return errorResult(r.message, r.partial);
  return { stdout: r.text, stderr: '', exitCode: 0 };
}

export const explainCommand: CommandDef = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [
    { name: 'api-version', type: 'string', default: '' },
    { name: 'recursive', type: 'bool', default: false },
    { name: 'output', type: 'string', default: 'plaintext' },
  ],
  run,
};
