import { allKinds, type KindDefinition } from '../../cluster/kinds/registry.js';
import { explain, resourceSchemas } from '../explain/index.js';
import { mappingFor } from '../parse/resource-args.js';
import { JsonPathSyntaxError, parseJsonPath, type JpNode, type ListNode } from '../printers/jsonpath/index.js';
import type { KubectlResult } from '../context.js';
import type { CommandDef, Invocation } from './types.js';
import { errorResult, flagBool, flagString } from './types.js';

/**
 * `kubectl explain RESOURCE[.field.path] [--recursive] [--api-version=G/V] [-o plaintext]`:
 * the documentation of a kind or one of its fields, from the schema in
 * src/kubectl/explain (kubectl reads it from the server's OpenAPI v3).
 *
 * @see k8s.io/kubectl/pkg/cmd/explain/explain.go, pkg/explain/v2
 */

type Split = { ok: true; def: KindDefinition; path: string[] } | { ok: false; message: string; raw?: boolean };

/**
 * kubectl's jsonPathParse: the argument read as the JSONPath `{.ARG}` (one
 * trailing dot dropped), so `pods.spec` is two field nodes and
 * `pods.spec.containers[0]` ends in an array node, which explain refuses.
 */
function jsonPathNodes(input: string): { ok: true; nodes: JpNode[] } | { ok: false; message: string } {
  const trimmed = input.endsWith('.') ? input.slice(0, -1) : input;
  let root: ListNode;
  try {
    root = parseJsonPath(`{.${trimmed}}`);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return { ok: false, message: e.message };
    throw e;
  }
  if (root.nodes.length !== 1 || root.nodes[0].type !== 'list') return { ok: false, message: 'must pass in 1 jsonpath string' };
  return { ok: true, nodes: root.nodes[0].nodes };
}

/** Field names of the nodes, or kubectl's complaint about the first node that is not a field. */
function fieldNames(nodes: readonly JpNode[], complaint: string): { ok: true; path: string[] } | { ok: false; message: string } {
  const path: string[] = [];
  for (const n of nodes) {
    if (n.type !== 'field') return { ok: false, message: complaint };
    path.push(n.value);
  }
  return { ok: true, path };
}

/** The resource named by the first node. kubectl prints the mapper's "doesn't have a resource type" without `error: `. */
function firstResource(nodes: readonly JpNode[]): { ok: true; def: KindDefinition } | { ok: false; message: string; raw?: boolean } {
  const first = nodes[0];
  if (first?.type !== 'field') return { ok: false, message: 'invalid jsonpath syntax, first node must be field node' };
  const m = mappingFor(first.value);
  return m.ok ? { ok: true, def: m.value } : { ok: false, message: m.message, raw: true };
}

/**
 * SplitAndParseResourceRequestWithMatchingPrefix: the resource is the first
 * node; when the argument starts with `resource.group` (`deployments.apps.spec`)
 * the fields are what follows it, else every node after the first. The test
 * is a plain string prefix, so `deployments.appsx.spec` also matches and its
 * `x` is dropped, as in kubectl.
 */
function splitWithPrefix(input: string): Split {
  const parsed = jsonPathNodes(input);
  if (!parsed.ok) return parsed;
  const res = firstResource(parsed.nodes);
  if (!res.ok) return res;
  const groupResource = res.def.group ? `${res.def.resource}.${res.def.group}` : res.def.resource;
  const complaint = 'invalid jsonpath syntax, first node must be field node';
  if (input.startsWith(groupResource)) {
    const suffix = input.slice(groupResource.length);
    if (suffix === '') return { ok: true, def: res.def, path: [] };
    const rest = jsonPathNodes(suffix);
    if (!rest.ok) return rest;
    const f = fieldNames(rest.nodes.slice(1), complaint);
    return f.ok ? { ok: true, def: res.def, path: f.path } : f;
  }
  const f = fieldNames(parsed.nodes.slice(1), complaint);
  return f.ok ? { ok: true, def: res.def, path: f.path } : f;
}

/** SplitAndParseResourceRequest (with --api-version): the resource is the first node, the fields all the others. */
function split(input: string): Split {
  const parsed = jsonPathNodes(input);
  if (!parsed.ok) return parsed;
  const res = firstResource(parsed.nodes);
  if (!res.ok) return res;
  const f = fieldNames(parsed.nodes.slice(1), 'invalid jsonpath syntax, all nodes must be field nodes');
  return f.ok ? { ok: true, def: res.def, path: f.path } : f;
}

/** In kubectl's order: Validate (argument count), then Run (resource, output format, api-version, schema). */
function run(inv: Invocation): KubectlResult {
  if (inv.args.length === 0) {
    return errorResult('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (inv.args.length > 1) return errorResult('We accept only this format: explain RESOURCE');
  const apiVersion = flagString(inv, 'api-version');
  const parsed = apiVersion === '' ? splitWithPrefix(inv.args[0]) : split(inv.args[0]);
  if (!parsed.ok) return parsed.raw ? { stdout: '', stderr: `${parsed.message}\n`, exitCode: 1 } : errorResult(parsed.message);
  const output = flagString(inv, 'output');
  if (output === 'plaintext-openapiv2') {
    // kubectl renders this from the server's OpenAPI v2 document (/openapi/v2, protobuf), which the
    // simulated API server does not serve; real kubectl says this against such a server.
    return { stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', exitCode: 1 };
  }
  let group = parsed.def.group;
  let version = parsed.def.version;
  if (apiVersion !== '') {
    const bits = apiVersion.split('/');
    if (bits.length > 2) return errorResult(`unexpected GroupVersion string: ${apiVersion}`);
    [group, version] = bits.length === 2 ? [bits[0], bits[1]] : ['', bits[0]];
  }
  const gvr = `${group}/${version}, Resource=${parsed.def.resource}`;
  // The OpenAPI v3 document of the group version must exist (kubectl lists them at /openapi/v3) ...
  if (!allKinds().some((d) => d.group === group && d.version === version)) return errorResult(`couldn't find resource for "${gvr}"`);
  // ... before the template is picked by name ...
  if (output !== 'plaintext') return errorResult(`unrecognized format: ${output}`);
  // ... and run, which looks for a path of that group version serving the resource.
  const schema = resourceSchemas().find((s) => s.group === group && s.version === version && s.kind === parsed.def.kind);
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
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
  ],
  run,
};
