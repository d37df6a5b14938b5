import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString, usageError } from './types.js';
import { finish, plainErr } from './write-helpers.js';
import { apiServerUrl } from './cluster-address.js';
import { goJsonString } from '../printers/json.js';
import { printObjects } from '../output-flags.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import type { KubeConfig, KubectlResult } from '../context.js';
import { toYaml } from '../printers/yaml.js';

/**
 * `kubectl config`: the kubeconfig a learner edits. It holds the trainer's
 * one cluster and user (kubeadm's `kubernetes` and `kubernetes-admin`) and
 * any number of contexts; `ctx.config` always mirrors the current one (its
 * cluster, user and namespace), which is what the other commands read.
 *
 * @see k8s.io/kubectl/pkg/cmd/config
 * @see k8s.io/client-go/tools/clientcmd/api/v1/types.go (field order of `view -o json`)
 */

interface NamedContext {
  name: string;
  cluster: string;
  user: string;
  /** '' when the context sets none (`namespace:` is then left out, as omitempty does). */
  namespace: string;
}

interface KubeconfigFile {
  current: string;
  contexts: NamedContext[];
}

/** The full kubeconfig behind each session's `ctx.config`. */
const files = new WeakMap<KubeConfig, KubeconfigFile>();

/** Go's byte-order string sort (clientcmd keeps contexts in a map and lists them sorted). */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function fileOf(c: KubeConfig): KubeconfigFile {
  let f = files.get(c);
  if (!f) {
    f = { current: c.currentContext, contexts: [{ name: c.currentContext, cluster: c.cluster, user: c.user, namespace: c.namespace === 'default' ? '' : c.namespace }] };
    files.set(c, f);
  }
  // A namespace set on ctx.config from elsewhere belongs to the current context.
  const cur = f.contexts.find((x) => x.name === f.current);
  if (cur && (cur.namespace || 'default') !== c.namespace) cur.namespace = c.namespace;
  return f;
}

/** Points ctx.config at the current context again after a change. */
function sync(c: KubeConfig, f: KubeconfigFile): void {
  const cur = f.contexts.find((x) => x.name === f.current);
  c.currentContext = f.current;
  c.cluster = cur?.cluster ?? '';
  c.user = cur?.user ?? '';
  c.namespace = cur?.namespace || 'default';
}

/** Where kubectl reads and writes the file (named in delete/rename messages). */
function kubeconfigPath(inv: Invocation): string {
  const env = inv.ctx.env;
  const fromEnv = env.KUBECONFIG?.split(':').find((p) => p !== '');
  return fromEnv ?? `${env.HOME ?? '/root'}/.kube/config`;
}

/**
 * Where a command would connect with the kubeconfig as it stands (or with
 * `--context`): the simulated cluster; nowhere, because the current context
 * names a context the file lacks (kubectl refuses with "Error in
 * configuration"); or kubectl's default server, http://localhost:8080,
 * because no context is set or the context's cluster is not the file's.
 */
export type ServerTarget = { kind: 'cluster' } | { kind: 'missing-context'; name: string } | { kind: 'default-server' };

export function serverTarget(config: KubeConfig, contextFlag = ''): ServerTarget {
  const f = fileOf(config);
  const name = contextFlag || f.current;
  if (name === '') return { kind: 'default-server' };
  const ctx = f.contexts.find((x) => x.name === name);
  if (!ctx) return { kind: 'missing-context', name };
  return ctx.cluster === CLUSTER ? { kind: 'cluster' } : { kind: 'default-server' };
}

const CLUSTER = 'kubernetes';
const USER = 'kubernetes-admin';
/** What `--raw` shows for the embedded certificates (the trainer has no real ones). */
const RAW_DATA = 'LS0tLS1CRUdJTg==';

/** The kubeconfig as clientcmd's v1 Config orders it (kind, apiVersion, preferences, clusters, users, contexts). */
function kubeconfig(inv: Invocation, opts: { minify: boolean; raw: boolean }): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const f = fileOf(inv.ctx.config);
  const data = opts.raw ? RAW_DATA : 'DATA+OMITTED';
  let contexts = [...f.contexts].sort(byName);
  let clusters: string[] = [CLUSTER];
  let users: string[] = [USER];
  if (opts.minify) {
    // clientcmdapi.MinifyConfig: the current context, and its cluster and user if it names them.
    if (f.current === '') return { ok: false, message: 'current-context must exist in order to minify' };
    const cur = f.contexts.find((x) => x.name === f.current);
    if (!cur) return { ok: false, message: `cannot locate context ${f.current}` };
    if (cur.cluster !== '' && cur.cluster !== CLUSTER) return { ok: false, message: `cannot locate cluster ${cur.cluster}` };
    if (cur.user !== '' && cur.user !== USER) return { ok: false, message: `cannot locate user ${cur.user}` };
    contexts = [cur];
    clusters = cur.cluster === '' ? [] : [CLUSTER];
    users = cur.user === '' ? [] : [USER];
  }
  return {
    ok: true,
    value: {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      // An empty map converts to a nil list: `clusters: null`.
      clusters: clusters.length === 0 ? null : [{ name: CLUSTER, cluster: { server: apiServerUrl(inv.ctx.sim), 'certificate-authority-data': data } }],
      users: users.length === 0 ? null : [{ name: USER, user: { 'client-certificate-data': data, 'client-key-data': data } }],
      contexts: contexts.length === 0 ? null : contexts.map((x) => ({ name: x.name, context: { cluster: x.cluster, user: x.user, ...(x.namespace ? { namespace: x.namespace } : {}) } })),
      'current-context': f.current,
    },
  };
}

function runView(inv: Invocation): KubectlResult {
  const o = flagString(inv, 'output');
  const built = kubeconfig(inv, { minify: flagBool(inv, 'minify'), raw: flagBool(inv, 'raw') || flagBool(inv, 'flatten') });
  if (!built.ok) return finish('', [plainErr(built.message)]);
  const cfg = built.value;
  if (o === 'json') return finish(orderedJson(cfg, '') + '\n', []);
  if (o === '' || o === 'yaml') return finish(toYaml(cfg), []);
  // The name printer knows no kind or name for a Config.
  if (o === 'name') return finish('config/<unknown>\n', []);
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

function runCurrentContext(inv: Invocation): KubectlResult {
  // kubectl ignores arguments here.
  const f = fileOf(inv.ctx.config);
  if (f.current === '') return finish('', [plainErr('current-context is not set')]);
  return finish(`${f.current}\n`, []);
}

function runSetContext(inv: Invocation): KubectlResult {
  const c = inv.ctx.config;
  const f = fileOf(c);
  const current = flagBool(inv, 'current');
  if (current && inv.args.length > 0) return finish('', [plainErr('you cannot specify both a context name and --current')]);
  if (!current && inv.args.length > 1) return usageError(inv, `unexpected args: [${inv.args.join(' ')}]`);
  const name = current ? f.current : (inv.args[0] ?? '');
  if (current && name === '') return finish('', [plainErr('no current context is set')]);
  if (name === '') return finish('', [plainErr('you must specify a non-empty context name or --current')]);
  let ctx = f.contexts.find((x) => x.name === name);
  const created = !ctx;
  if (!ctx) {
    ctx = { name, cluster: '', user: '', namespace: '' };
    f.contexts.push(ctx);
  }
  // Only the flags given change the entry; an empty --namespace removes the namespace.
  if (inv.flags.set.has('cluster')) ctx.cluster = flagString(inv, 'cluster');
  if (inv.flags.set.has('user')) ctx.user = flagString(inv, 'user');
  if (inv.flags.set.has('namespace')) ctx.namespace = flagString(inv, 'namespace');
  sync(c, f);
  return finish(`Context "${name}" ${created ? 'created' : 'modified'}.\n`, []);
}

function runUseContext(inv: Invocation): KubectlResult {
  if (inv.args.length !== 1) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const c = inv.ctx.config;
  const f = fileOf(c);
  const name = inv.args[0];
  if (!f.contexts.some((x) => x.name === name)) return finish('', [plainErr(`no context exists with the name: "${name}"`)]);
  f.current = name;
  sync(c, f);
  return finish(`Switched to context "${name}".\n`, []);
}

/**
 * `kubectl config unset PROPERTY`: the current context, or one field of a
 * context (`contexts.NAME.namespace`, `.cluster`, `.user`, or the whole
 * `contexts.NAME`).
 *
 * @see k8s.io/kubectl/pkg/cmd/config/unset.go
 */
function runUnset(inv: Invocation): KubectlResult {
  if (inv.args.length !== 1) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const c = inv.ctx.config;
  const f = fileOf(c);
  const property = inv.args[0];
  // Map keys may not contain dots: contexts.NAME[.FIELD].
  const [head, name, field, ...rest] = property.split('.');
  const done = () => {
    sync(c, f);
    return finish(`Property "${property}" unset.\n`, []);
  };
  if (property === 'current-context') {
    f.current = '';
    return done();
  }
  if (head === 'contexts' && name === undefined) {
    f.contexts = [];
    return done();
  }
  // The trainer's one cluster and user stay whatever is unset about them.
  if (['clusters', 'users', 'preferences', 'extensions'].includes(head) && name === undefined) return done();
  if (head !== 'contexts' || name === undefined) return finish('', [plainErr(`unable to parse ${property} after [] at api.Config`)]);
  if (rest.length > 0) return finish('', [plainErr(`unable to parse one or more field values of ${property}`)]);
  const ctx = f.contexts.find((x) => x.name === name);
  if (!ctx) return finish('', [plainErr(`current map key \`${name}\` is invalid`)]);
  if (field === undefined) f.contexts = f.contexts.filter((x) => x !== ctx);
  else if (field === 'namespace' || field === 'cluster' || field === 'user') ctx[field] = '';
  return done();
}

function runGetContexts(inv: Invocation): KubectlResult {
  const f = fileOf(inv.ctx.config);
  const output = flagString(inv, 'output');
  if (output !== '' && output !== 'name') {
    return finish('', [plainErr(`--output ${output} is not available in kubectl config get-contexts; resetting to default output format`)]);
  }
  const wanted = inv.args.length > 0 ? inv.args : undefined;
  const shown = [...f.contexts].sort(byName).filter((x) => !wanted || wanted.includes(x.name));
  const missing = (wanted ?? []).filter((n) => !f.contexts.some((x) => x.name === n));
  const errors = missing.map((n) => plainErr(`context ${n} not found`));
  if (output === 'name') return finish(shown.map((x) => `${x.name}\n`).join(''), errors);
  const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
  for (const x of shown) rows.push([x.name === f.current ? '*' : '', x.name, x.cluster, x.user, x.namespace]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
  const lines = (flagBool(inv, 'no-headers') ? rows.slice(1) : rows).map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(Math.max(widths[i], 6)) : cell)).join(''));
  return finish(lines.map((l) => `${l}\n`).join(''), errors);
}

function runGetClusters(): KubectlResult {
  return finish(`NAME\n${CLUSTER}\n`, []);
}

function runGetUsers(): KubectlResult {
  return finish(`NAME\n${USER}\n`, []);
}

function runDeleteContext(inv: Invocation): KubectlResult {
  const c = inv.ctx.config;
  const f = fileOf(c);
  if (inv.args.length !== 1) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const name = inv.args[0];
  const path = kubeconfigPath(inv);
  if (!f.contexts.some((x) => x.name === name)) return finish('', [plainErr(`cannot delete context ${name}, not in ${path}`)]);
  f.contexts = f.contexts.filter((x) => x.name !== name);
  // current-context keeps naming the deleted context, as kubectl leaves it.
  sync(c, f);
  const warning = f.current === name ? 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n' : '';
  return finish(`deleted context ${name} from ${path}\n`, [], warning);
}

function runRenameContext(inv: Invocation): KubectlResult {
  const c = inv.ctx.config;
  const f = fileOf(c);
  if (inv.args.length !== 2) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const [from, to] = inv.args;
  const path = kubeconfigPath(inv);
  const ctx = f.contexts.find((x) => x.name === from);
  if (!ctx) return finish('', [plainErr(`cannot rename the context "${from}", it's not in ${path}`)]);
  if (f.contexts.some((x) => x.name === to)) return finish('', [plainErr(`cannot rename the context "${from}", the context "${to}" already exists in ${path}`)]);
  ctx.name = to;
  if (f.current === from) f.current = to;
  sync(c, f);
  return finish(`Context "${from}" renamed to "${to}".\n`, []);
}

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  subcommands: [
    { name: 'current-context', short: 'Display the current-context', run: runCurrentContext },
    { name: 'delete-context', short: 'Delete the specified context from the kubeconfig', run: runDeleteContext },
    { name: 'get-clusters', short: 'Display clusters defined in the kubeconfig', run: runGetClusters },
    {
      name: 'get-contexts',
      short: 'Describe one or many contexts',
      flags: [
        { name: 'no-headers', type: 'bool', default: false },
        { name: 'output', short: 'o', type: 'string', default: '' },
      ],
      run: runGetContexts,
    },
    { name: 'get-users', short: 'Display users defined in the kubeconfig', run: runGetUsers },
    { name: 'rename-context', short: 'Rename a context from the kubeconfig file', run: runRenameContext },
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
    { name: 'unset', short: 'Unset an individual value in a kubeconfig file', run: runUnset },
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
        { name: 'template', type: 'string', default: '' },
        { name: 'allow-missing-template-keys', type: 'bool', default: true },
        { name: 'show-managed-fields', type: 'bool', default: false },
      ],
      run: runView,
    },
  ],
};
