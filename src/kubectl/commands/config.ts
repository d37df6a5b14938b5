import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString, usageError } from './types.js';
import { finish, plainErr } from './write-helpers.js';
import { apiServerUrl } from './cluster-address.js';
import { toJson } from '../printers/json.js';
import { toYaml } from '../printers/yaml.js';

/**
 * `kubectl config`: the trainer keeps one kubeconfig context (kubeadm's
 * `kubernetes-admin@kubernetes`); its namespace can be changed.
 *
 * @see k8s.io/kubectl/pkg/cmd/config
 */

function kubeconfig(inv: Invocation): Record<string, unknown> {
  const c = inv.ctx.config;
  const context: Record<string, unknown> = { cluster: c.cluster, user: c.user };
  if (c.namespace !== 'default') context.namespace = c.namespace;
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: apiServerUrl(inv.ctx.sim) }, name: c.cluster }],
    contexts: [{ context, name: c.currentContext }],
    'current-context': c.currentContext,
    kind: 'Config',
    preferences: {},
    users: [{ name: c.user, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

function runView(inv: Invocation) {
  const o = flagString(inv, 'output');
  const cfg = kubeconfig(inv);
  if (flagBool(inv, 'raw')) {
    // the trainer has no real credentials to show
  }
  if (o === 'json') return finish(toJson(cfg), []);
  if (o === '' || o === 'yaml') return finish(toYaml(cfg), []);
  return finish('', [plainErr(`unable to match a printer suitable for the output format "${o}", allowed formats are: json,yaml`)]);
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
  if (inv.args.length > 0 && inv.args[0] !== c.currentContext) return finish('', [plainErr(`context ${inv.args[0]} not found`)]);
  const ns = c.namespace === 'default' ? '' : c.namespace;
  const rows = [
    ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
    ['*', c.currentContext, c.cluster, c.user, ns],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
  const lines = (flagBool(inv, 'no-headers') ? rows.slice(1) : rows).map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(Math.max(widths[i], 6)) : cell)).join(''));
  return finish(lines.map((l) => `${l}\n`).join(''), []);
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
