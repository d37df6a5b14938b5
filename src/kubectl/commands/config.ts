import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString, usageError } from './types.js';
import { finish, plainErr } from './write-helpers.js';
import { apiServerUrl } from './cluster-address.js';
import { goJsonString } from '../printers/json.js';
import { printObjects } from '../output-flags.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import { toYaml } from '../printers/yaml.js';

/**
 * `kubectl config`: the trainer keeps one kubeconfig context (kubeadm's
 * `kubernetes-admin@kubernetes`); its namespace can be changed.
 *
 * @see k8s.io/kubectl/pkg/cmd/config
 */

/** The kubeconfig as clientcmd's Config struct orders it (kind, apiVersion, preferences, clusters, users, contexts). */
function kubeconfig(inv: Invocation): Record<string, unknown> {
  const c = inv.ctx.config;
  const context: Record<string, unknown> = { cluster: c.cluster, user: c.user };
  if (c.namespace !== 'default') context.namespace = c.namespace;
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: c.cluster, cluster: { server: apiServerUrl(inv.ctx.sim), 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: c.user, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: c.currentContext, context }],
    'current-context': c.currentContext,
  };
}

function runView(inv: Invocation) {
  const o = flagString(inv, 'output');
  const cfg = kubeconfig(inv);
  if (o === 'json') return finish(orderedJson(cfg, '') + '\n', []);
  if (o === '' || o === 'yaml') return finish(toYaml(cfg), []);
  const printed = printObjects([cfg as unknown as KubeObject], o, { readFile: (p) => inv.ctx.fs.readFile(p) });
  if (printed.ok) return finish(printed.value, []);
  return { stdout: printed.partial ?? '', stderr: printed.stderr, exitCode: 1 };
}

/** JSON with 4-space indent in the object's own key order (typed structs). */
function orderedJson(v: unknown, indent: string): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? goJsonString(v) : JSON.stringify(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + orderedJson(x, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${goJsonString(k)}: ${orderedJson(x, inner)}`).join(',\n')}\n${indent}}`;
}

function runCurrentContext(inv: Invocation) {
  if (inv.args.length > 0) return usageError(inv, `unexpected arguments: [${inv.args.join(' ')}]`);
  return finish(`${inv.ctx.config.currentContext}\n`, []);
}

function runSetContext(inv: Invocation) {
  const c = inv.ctx.config;
  const current = flagBool(inv, 'current');
  if (current && inv.args.length > 0) return usageError(inv, 'you cannot specify both a context name and --current');
  if (!current && inv.args.length !== 1) return usageError(inv, 'unexpected args: []'.replace('[]', `[${inv.args.join(' ')}]`));
  const name = current ? c.currentContext : inv.args[0];
  if (name !== c.currentContext) {
    return finish('', [plainErr(`the trainer keeps a single context, "${c.currentContext}"; use --current`)]);
  }
  if (inv.flags.set.has('cluster') && flagString(inv, 'cluster') !== c.cluster) return finish('', [plainErr(`the trainer has only the cluster "${c.cluster}"`)]);
  if (inv.flags.set.has('user') && flagString(inv, 'user') !== c.user) return finish('', [plainErr(`the trainer has only the user "${c.user}"`)]);
  if (inv.flags.set.has('namespace')) {
    const ns = inv.flags.values.get('namespace');
    c.namespace = typeof ns === 'string' && ns !== '' ? ns : 'default';
  }
  return finish(`Context "${name}" modified.\n`, []);
}

function runUseContext(inv: Invocation) {
  if (inv.args.length !== 1) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const name = inv.args[0];
  if (name !== inv.ctx.config.currentContext) return finish('', [plainErr(`no context exists with the name: "${name}"`)]);
  return finish(`Switched to context "${name}".\n`, []);
}

function runGetContexts(inv: Invocation) {
  const c = inv.ctx.config;
  if (flagString(inv, 'output') === 'name') return finish(`${c.currentContext}\n`, []);
  const ns = c.namespace === 'default' ? '' : c.namespace;
  const missing = inv.args.find((a) => a !== c.currentContext);
  const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
  if (missing === undefined) rows.push(['*', c.currentContext, c.cluster, c.user, ns]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
  const lines = (flagBool(inv, 'no-headers') ? rows.slice(1) : rows).map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(Math.max(widths[i], 6)) : cell)).join(''));
  return finish(lines.map((l) => `${l}\n`).join(''), missing === undefined ? [] : [plainErr(`context ${missing} not found`)]);
}

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  subcommands: [
    { name: 'current-context', short: 'Display the current-context', run: runCurrentContext },
    {
      name: 'get-contexts',
      short: 'Describe one or many contexts',
      flags: [
        { name: 'no-headers', type: 'bool', default: false },
        { name: 'output', short: 'o', type: 'string', default: '' },
      ],
      run: runGetContexts,
    },
    {
      name: 'set-context',
      short: 'Set a context entry in kubeconfig',
      flags: [
        { name: 'current', type: 'bool', default: false },
        { name: 'namespace', type: 'string', default: '' },
        { name: 'cluster', type: 'string', default: '' },
        { name: 'user', type: 'string', default: '' },
      ],
      run: runSetContext,
    },
    { name: 'use-context', aliases: ['use'], short: 'Set the current-context in a kubeconfig file', run: runUseContext },
    {
      name: 'view',
      short: 'Display merged kubeconfig settings or a specified kubeconfig file',
      flags: [
        { name: 'output', short: 'o', type: 'string', default: 'yaml' },
        { name: 'minify', type: 'bool', default: false },
        { name: 'raw', type: 'bool', default: false },
        { name: 'flatten', type: 'bool', default: false },
        { name: 'merge', type: 'string', default: 'true' },
      ],
      run: runView,
    },
  ],
};
