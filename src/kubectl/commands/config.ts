import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { finish, plainErr } from './write-helpers.js';
import { apiServerUrl } from './cluster-address.js';
import { goJsonString } from '../printers/json.js';
import { printObjects } from '../output-flags.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import type { KubeConfig, KubectlResult } from '../context.js';
import { toYaml } from '../printers/yaml.js';
import { commandHelp } from '../help/render.js';

/**
 * `kubectl config`: the kubeconfig a learner edits. It starts as kubeadm's
 * admin.conf (cluster `kubernetes`, user `kubernetes-admin`, one context)
 * and takes any number of clusters, users and contexts; `ctx.config` always
 * mirrors the current context (its cluster, user and namespace), which is
 * what the other commands read. Commands reach the simulated cluster when the
 * context's cluster entry points at its API server.
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

/**
 * A cluster entry (clientcmd's v1 Cluster). The trainer's own `kubernetes`
 * entry has no `server` of its own: it is the simulated API server's address,
 * as kubeadm writes admin.conf.
 */
interface NamedCluster {
  name: string;
  server?: string;
  tlsServerName: string;
  insecure: boolean;
  /** certificate-authority: a path. */
  ca: string;
  /** certificate-authority-data: base64 ('' when none). */
  caData: string;
  proxyUrl: string;
}

/** An exec credential plugin (v1 ExecConfig); `args` and `env` print as null when unset. */
interface ExecPlugin {
  command: string;
  args: string[] | null;
  env: { name: string; value: string }[] | null;
  apiVersion: string;
  provideClusterInfo: boolean;
  interactiveMode: string;
}

/** A user entry (clientcmd's v1 AuthInfo). Data fields hold base64 text ('' when none). */
interface NamedUser {
  name: string;
  clientCertificate: string;
  clientCertificateData: string;
  clientKey: string;
  clientKeyData: string;
  token: string;
  username: string;
  password: string;
  authProvider?: { name: string; config: Record<string, string> };
  exec?: ExecPlugin;
}

interface KubeconfigFile {
  current: string;
  contexts: NamedContext[];
  clusters: NamedCluster[];
  users: NamedUser[];
}

/** The full kubeconfig behind each session's `ctx.config`. */
const files = new WeakMap<KubeConfig, KubeconfigFile>();

/** Go's byte-order string sort (clientcmd keeps contexts in a map and lists them sorted). */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const emptyUser = (name: string): NamedUser => ({ name, clientCertificate: '', clientCertificateData: '', clientKey: '', clientKeyData: '', token: '', username: '', password: '' });

function fileOf(c: KubeConfig): KubeconfigFile {
  let f = files.get(c);
  if (!f) {
    f = {
      current: c.currentContext,
      contexts: [{ name: c.currentContext, cluster: c.cluster, user: c.user, namespace: c.namespace === 'default' ? '' : c.namespace }],
      clusters: [{ name: CLUSTER, tlsServerName: '', insecure: false, ca: '', caData: RAW_DATA, proxyUrl: '' }],
      users: [{ ...emptyUser(USER), clientCertificateData: RAW_DATA, clientKeyData: RAW_DATA }],
    };
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
 * `--context`): the simulated cluster (the context's cluster entry points at
 * its API server); nowhere, because the current context names a context the
 * file lacks (kubectl refuses with "Error in configuration"); kubectl's
 * default server, http://localhost:8080, because no context is set, the
 * context's cluster is not in the file or has no server; or another server,
 * where nothing answers.
 */
export type ServerTarget =
  | { kind: 'cluster' }
  | { kind: 'missing-context'; name: string }
  | { kind: 'default-server' }
  | { kind: 'other-server'; server: string };

/** `clusterUrl`: the simulated API server's address (apiServerUrl). */
export function serverTarget(config: KubeConfig, contextFlag = '', clusterUrl = ''): ServerTarget {
  const f = fileOf(config);
  const name = contextFlag || f.current;
  if (name === '') return { kind: 'default-server' };
  const ctx = f.contexts.find((x) => x.name === name);
  if (!ctx) return { kind: 'missing-context', name };
  const cluster = f.clusters.find((x) => x.name === ctx.cluster);
  if (!cluster) return { kind: 'default-server' };
  if (cluster.server === undefined || cluster.server === clusterUrl) return { kind: 'cluster' };
  return cluster.server === '' ? { kind: 'default-server' } : { kind: 'other-server', server: cluster.server };
}

const CLUSTER = 'kubernetes';
const USER = 'kubernetes-admin';
/** What `--raw` shows for the embedded certificates (the trainer has no real ones). */
const RAW_DATA = 'LS0tLS1CRUdJTg==';

/** A cluster entry as v1 Cluster serialises it (`server` is never omitted); `raw` false shortens data as ShortenConfig does. */
function clusterJson(c: NamedCluster, clusterUrl: string, raw: boolean): Record<string, unknown> {
  return {
    server: c.server ?? clusterUrl,
    ...(c.tlsServerName ? { 'tls-server-name': c.tlsServerName } : {}),
    ...(c.insecure ? { 'insecure-skip-tls-verify': true } : {}),
    ...(c.ca ? { 'certificate-authority': c.ca } : {}),
    ...(c.caData ? { 'certificate-authority-data': raw ? c.caData : 'DATA+OMITTED' } : {}),
    ...(c.proxyUrl ? { 'proxy-url': c.proxyUrl } : {}),
  };
}

/** A user entry as v1 AuthInfo serialises it; without `raw`, data is DATA+OMITTED and secrets REDACTED. */
function userJson(u: NamedUser, raw: boolean): Record<string, unknown> {
  const data = (v: string) => (raw ? v : 'DATA+OMITTED');
  const secret = (v: string) => (raw ? v : 'REDACTED');
  const e = u.exec;
  return {
    ...(u.clientCertificate ? { 'client-certificate': u.clientCertificate } : {}),
    ...(u.clientCertificateData ? { 'client-certificate-data': data(u.clientCertificateData) } : {}),
    ...(u.clientKey ? { 'client-key': u.clientKey } : {}),
    ...(u.clientKeyData ? { 'client-key-data': data(u.clientKeyData) } : {}),
    ...(u.token ? { token: secret(u.token) } : {}),
    ...(u.username ? { username: u.username } : {}),
    ...(u.password ? { password: secret(u.password) } : {}),
    ...(u.authProvider ? { 'auth-provider': { name: u.authProvider.name, config: sortedRecord(u.authProvider.config) } } : {}),
    ...(e
      ? {
          exec: {
            command: e.command,
            args: e.args,
            env: e.env,
            ...(e.apiVersion ? { apiVersion: e.apiVersion } : {}),
            provideClusterInfo: e.provideClusterInfo,
            ...(e.interactiveMode ? { interactiveMode: e.interactiveMode } : {}),
          },
        }
      : {}),
  };
}

/** encoding/json writes map keys sorted. */
function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The kubeconfig as clientcmd's v1 Config orders it (kind, apiVersion, preferences, clusters, users, contexts). */
function kubeconfig(inv: Invocation, opts: { minify: boolean; raw: boolean }): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const f = fileOf(inv.ctx.config);
  const clusterUrl = apiServerUrl(inv.ctx.sim);
  let contexts = [...f.contexts].sort(byName);
  let clusters = [...f.clusters].sort(byName);
  let users = [...f.users].sort(byName);
  if (opts.minify) {
    // clientcmdapi.MinifyConfig: the current context, and its cluster and user if it names them.
    if (f.current === '') return { ok: false, message: 'current-context must exist in order to minify' };
    const cur = f.contexts.find((x) => x.name === f.current);
    if (!cur) return { ok: false, message: `cannot locate context ${f.current}` };
    const cluster = f.clusters.find((x) => x.name === cur.cluster);
    if (cur.cluster !== '' && !cluster) return { ok: false, message: `cannot locate cluster ${cur.cluster}` };
    const user = f.users.find((x) => x.name === cur.user);
    if (cur.user !== '' && !user) return { ok: false, message: `cannot locate user ${cur.user}` };
    contexts = [cur];
    clusters = cluster ? [cluster] : [];
    users = user ? [user] : [];
  }
  return {
    ok: true,
    value: {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      // An empty map converts to a nil list: `clusters: null`.
      clusters: clusters.length === 0 ? null : clusters.map((c) => ({ name: c.name, cluster: clusterJson(c, clusterUrl, opts.raw) })),
      users: users.length === 0 ? null : users.map((u) => ({ name: u.name, user: userJson(u, opts.raw) })),
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

/** The fields `config unset` can clear on each kind of entry (their kubeconfig names). */
const CONTEXT_FIELDS = ['cluster', 'user', 'namespace', 'extensions'];
const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_FIELDS = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'];

function clearClusterField(c: NamedCluster, field: string): void {
  if (field === 'server') c.server = '';
  else if (field === 'tls-server-name') c.tlsServerName = '';
  else if (field === 'insecure-skip-tls-verify') c.insecure = false;
  else if (field === 'certificate-authority') c.ca = '';
  else if (field === 'certificate-authority-data') c.caData = '';
  else if (field === 'proxy-url') c.proxyUrl = '';
}

function clearUserField(u: NamedUser, field: string): void {
  const strings: Record<string, 'clientCertificate' | 'clientCertificateData' | 'clientKey' | 'clientKeyData' | 'token' | 'username' | 'password'> = {
    'client-certificate': 'clientCertificate',
    'client-certificate-data': 'clientCertificateData',
    'client-key': 'clientKey',
    'client-key-data': 'clientKeyData',
    token: 'token',
    username: 'username',
    password: 'password',
  };
  if (strings[field]) u[strings[field]] = '';
  else if (field === 'auth-provider') delete u.authProvider;
  else if (field === 'exec') delete u.exec;
}

function clearPluginField(u: NamedUser, field: 'exec' | 'auth-provider', path: readonly string[]): void {
  if (field === 'auth-provider') {
    const p = u.authProvider;
    if (!p) return;
    if (path[0] === 'name' && path.length === 1) p.name = '';
    else if (path[0] === 'config' && path.length === 1) p.config = {};
    else if (path[0] === 'config' && path.length === 2) delete p.config[path[1]];
    return;
  }
  const e = u.exec;
  if (!e || path.length !== 1) return;
  if (path[0] === 'command' || path[0] === 'apiVersion' || path[0] === 'interactiveMode') e[path[0]] = '';
  else if (path[0] === 'args' || path[0] === 'env') e[path[0]] = null;
  else if (path[0] === 'provideClusterInfo') e.provideClusterInfo = false;
}

/**
 * `kubectl config unset PROPERTY`: the current context, a whole map
 * (`contexts`, `clusters`, `users`), one entry (`clusters.NAME`; a name the
 * file lacks is fine), or one field of an entry (`users.NAME.token`; there
 * the entry must exist, a field name kubectl does not know is ignored, and
 * a path below a plain field cannot be parsed).
 *
 * @see k8s.io/kubectl/pkg/cmd/config/unset.go, navigation_step_parser.go
 */
function runUnset(inv: Invocation): KubectlResult {
  if (inv.args.length !== 1) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  const c = inv.ctx.config;
  const f = fileOf(c);
  const property = inv.args[0];
  // Map keys may not contain dots: MAP.NAME[.FIELD].
  const [head, name, field, ...rest] = property.split('.');
  const done = () => {
    sync(c, f);
    return finish(`Property "${property}" unset.\n`, []);
  };
  if (property === 'current-context') {
    f.current = '';
    return done();
  }
  const maps = { contexts: CONTEXT_FIELDS, clusters: CLUSTER_FIELDS, users: USER_FIELDS } as const;
  if (head in maps && name === undefined) {
    if (head === 'contexts') f.contexts = [];
    if (head === 'clusters') f.clusters = [];
    if (head === 'users') f.users = [];
    return done();
  }
  if (['preferences', 'extensions'].includes(head) && name === undefined) return done();
  if (!(head in maps) || name === undefined) return finish('', [plainErr(`unable to parse ${property} after [] at api.Config`)]);
  const entries: { name: string }[] = head === 'contexts' ? f.contexts : head === 'clusters' ? f.clusters : f.users;
  const entry = entries.find((x) => x.name === name);
  if (field === undefined) {
    if (head === 'contexts') f.contexts = f.contexts.filter((x) => x !== entry);
    if (head === 'clusters') f.clusters = f.clusters.filter((x) => x !== entry);
    if (head === 'users') f.users = f.users.filter((x) => x !== entry);
    return done();
  }
  if (!entry) return finish('', [plainErr(`current map key \`${name}\` is invalid`)]);
  const known = (maps[head as keyof typeof maps] as readonly string[]).includes(field);
  if (!known) return done();
  // Below a plugin's struct: one of its fields (an auth provider's config by key).
  if (head === 'users' && rest.length > 0 && (field === 'exec' || field === 'auth-provider')) {
    clearPluginField(entry as NamedUser, field, rest);
    return done();
  }
  if (rest.length > 0) return finish('', [plainErr(`unable to parse one or more field values of ${property}`)]);
  if (head === 'contexts') {
    const ctx = entry as NamedContext;
    if (field === 'namespace' || field === 'cluster' || field === 'user') ctx[field] = '';
  } else if (head === 'clusters') clearClusterField(entry as NamedCluster, field);
  else clearUserField(entry as NamedUser, field);
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

function runGetClusters(inv: Invocation): KubectlResult {
  // kubectl ranges over a Go map here (an order of its own each run); the sorted order is one of them.
  const names = [...fileOf(inv.ctx.config).clusters].sort(byName).map((c) => `${c.name}\n`);
  return finish(`NAME\n${names.join('')}`, []);
}

function runGetUsers(inv: Invocation): KubectlResult {
  const names = [...fileOf(inv.ctx.config).users].sort(byName).map((u) => `${u.name}\n`);
  return finish(`NAME\n${names.join('')}`, []);
}

/** Go's filepath.Abs: a relative path joined to the working directory, then cleaned. */
function absPath(inv: Invocation, p: string): string {
  const cwd = (inv.ctx.fs as { cwd?: unknown }).cwd;
  const base = typeof cwd === 'string' ? cwd : (inv.ctx.env.PWD ?? '/');
  const out: string[] = [];
  for (const part of (p.startsWith('/') ? p : `${base}/${p}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** os.Stat's verdict on a path, in its error's words. */
function statError(inv: Invocation, p: string): string | undefined {
  const fs = inv.ctx.fs;
  const exists = fs.stat ? fs.stat(p) !== undefined : fs.readFile(p) !== undefined || fs.isDirectory(p);
  return exists ? undefined : `stat ${p}: no such file or directory`;
}

/** What --embed-certs stores: the file's bytes, base64-encoded (nothing when it cannot be read). */
function embedded(inv: Invocation, p: string): string {
  const text = inv.ctx.fs.readFile(p);
  return text === undefined ? '' : Buffer.from(text, 'utf8').toString('base64');
}

/** cobra's usage failure for these commands: their help on stdout, then the error. */
function helpError(inv: Invocation, sub: string, message: string): KubectlResult {
  const def = configCommand.subcommands?.find((d) => d.name === sub);
  return { stdout: def ? commandHelp(def, ['config', sub], inv.ctx.env) : '', stderr: `error: ${message}\n`, exitCode: 1 };
}

/** Go's fmt %v of a string slice: `[a b]`. */
const goList = (xs: readonly string[]) => `[${xs.join(' ')}]`;

/**
 * `kubectl config set-cluster NAME`: creates or changes a cluster entry. Only
 * the flags given change it, except --insecure-skip-tls-verify, which is
 * always written (false when absent); insecure mode drops the certificate
 * authority and a certificate authority drops insecure mode; a new --server
 * drops the TLS server name.
 *
 * @see k8s.io/kubectl/pkg/cmd/config/set_cluster.go
 */
function runSetCluster(inv: Invocation): KubectlResult {
  if (inv.args.length !== 1) return helpError(inv, 'set-cluster', `Unexpected args: ${goList(inv.args)}`);
  const name = inv.args[0];
  const insecure = flagBool(inv, 'insecure-skip-tls-verify');
  const embed = flagBool(inv, 'embed-certs');
  const caPath = flagString(inv, 'certificate-authority');
  if (name === '') return finish('', [plainErr('you must specify a non-empty cluster name')]);
  if (insecure && caPath !== '') return finish('', [plainErr('you cannot specify a certificate authority and insecure mode at the same time')]);
  if (embed) {
    if (caPath === '') return finish('', [plainErr('you must specify a --certificate-authority to embed')]);
    const err = statError(inv, caPath);
    if (err) return finish('', [plainErr(`could not stat certificate-authority file ${caPath}: ${err}`)]);
  }
  const f = fileOf(inv.ctx.config);
  let c = f.clusters.find((x) => x.name === name);
  if (!c) {
    c = { name, server: '', tlsServerName: '', insecure: false, ca: '', caData: '', proxyUrl: '' };
    f.clusters.push(c);
  }
  if (inv.flags.set.has('server')) {
    c.server = flagString(inv, 'server');
    c.tlsServerName = '';
  }
  if (inv.flags.set.has('tls-server-name')) c.tlsServerName = flagString(inv, 'tls-server-name');
  c.insecure = insecure;
  if (insecure) {
    c.ca = '';
    c.caData = '';
  }
  if (inv.flags.set.has('certificate-authority')) {
    if (embed) {
      c.caData = embedded(inv, caPath);
      c.insecure = false;
      c.ca = '';
    } else {
      c.ca = caPath === '' ? '' : absPath(inv, caPath);
      if (c.ca !== '') {
        c.insecure = false;
        c.caData = '';
      }
    }
  }
  if (inv.flags.set.has('proxy-url')) c.proxyUrl = flagString(inv, 'proxy-url');
  return finish(`Cluster "${name}" set.\n`, []);
}

/** cmdutil.ParsePairs: `key=value` pairs to set and (with a trailing `-`) names to remove. */
function parsePairs(args: readonly string[], what: string): { ok: true; set: [string, string][]; remove: string[] } | { ok: false; message: string } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const a of args) {
    if (a.includes('=') && !a.startsWith('=')) {
      const i = a.indexOf('=');
      const k = a.slice(0, i);
      const at = set.findIndex(([x]) => x === k);
      if (at >= 0) set[at] = [k, a.slice(i + 1)];
      else set.push([k, a.slice(i + 1)]);
    } else if (a.endsWith('-') && a !== '-') remove.push(a.slice(0, -1));
    else invalid.push(a);
  }
  return invalid.length > 0 ? { ok: false, message: `invalid ${what} format: ${invalid.join(', ')}` } : { ok: true, set, remove };
}

/**
 * `kubectl config set-credentials NAME`: creates or changes a user entry: a
 * client certificate and key (paths, or their contents with --embed-certs),
 * a bearer token or basic auth (setting one clears the other), an auth
 * provider with its arguments, or an exec credential plugin.
 *
 * @see k8s.io/kubectl/pkg/cmd/config/set_credentials.go
 */
function runSetCredentials(inv: Invocation): KubectlResult {
  if (inv.args.length !== 1) return helpError(inv, 'set-credentials', `unexpected args: ${goList(inv.args)}`);
  const providerArgs = parsePairs(flagList(inv, 'auth-provider-arg'), 'auth-provider-arg');
  if (!providerArgs.ok) return helpError(inv, 'set-credentials', providerArgs.message);
  const execEnv = parsePairs(flagList(inv, 'exec-env'), 'exec-env');
  if (!execEnv.ok) return helpError(inv, 'set-credentials', execEnv.message);
  const name = inv.args[0];
  const token = flagString(inv, 'token');
  const username = flagString(inv, 'username');
  const password = flagString(inv, 'password');
  const certPath = flagString(inv, 'client-certificate');
  const keyPath = flagString(inv, 'client-key');
  const embed = flagBool(inv, 'embed-certs');
  if (name === '') return finish('', [plainErr('you must specify a non-empty user name')]);
  const methods = [...(token ? ['--token'] : []), ...(username || password ? ['--username/--password'] : [])];
  if (methods.length > 1) return finish('', [plainErr(`you cannot specify more than one authentication method at the same time: ${methods.join(', ')}`)]);
  if (embed) {
    if (certPath === '' && keyPath === '') return finish('', [plainErr('you must specify a --client-certificate or --client-key to embed')]);
    for (const [flag, p] of [['client-certificate', certPath], ['client-key', keyPath]] as const) {
      const err = p === '' ? undefined : statError(inv, p);
      if (err) return finish('', [plainErr(`could not stat ${flag} file ${p}: ${err}`)]);
    }
  }
  const mode = flagString(inv, 'exec-interactive-mode');
  if (inv.flags.set.has('exec-interactive-mode') && !['IfAvailable', 'Always', 'Never'].includes(mode)) {
    return finish('', [plainErr('invalid interactive mode type, can be only IfAvailable, Never, Always')]);
  }
  const f = fileOf(inv.ctx.config);
  let u = f.users.find((x) => x.name === name);
  if (!u) {
    u = emptyUser(name);
    f.users.push(u);
  }
  if (inv.flags.set.has('client-certificate')) {
    if (embed) {
      u.clientCertificateData = embedded(inv, certPath);
      u.clientCertificate = '';
    } else {
      u.clientCertificate = certPath === '' ? '' : absPath(inv, certPath);
      if (u.clientCertificate !== '') u.clientCertificateData = '';
    }
  }
  if (inv.flags.set.has('client-key')) {
    if (embed) {
      u.clientKeyData = embedded(inv, keyPath);
      u.clientKey = '';
    } else {
      u.clientKey = keyPath === '' ? '' : absPath(inv, keyPath);
      if (u.clientKey !== '') u.clientKeyData = '';
    }
  }
  let setToken = false;
  let setBasic = false;
  if (inv.flags.set.has('token')) {
    u.token = token;
    setToken = token !== '';
  }
  if (inv.flags.set.has('username')) {
    u.username = username;
    setBasic ||= username !== '';
  }
  if (inv.flags.set.has('password')) {
    u.password = password;
    setBasic ||= password !== '';
  }
  if (inv.flags.set.has('auth-provider')) {
    const provider = flagString(inv, 'auth-provider');
    if (!u.authProvider || u.authProvider.name !== provider) u.authProvider = { name: provider, config: {} };
  }
  if (u.authProvider) {
    for (const k of providerArgs.remove) delete u.authProvider.config[k];
    for (const [k, v] of providerArgs.set) u.authProvider.config[k] = v;
  }
  if (inv.flags.set.has('exec-command')) {
    const command = flagString(inv, 'exec-command');
    if (!u.exec) u.exec = { command, args: null, env: null, apiVersion: '', provideClusterInfo: false, interactiveMode: '' };
    else {
      u.exec.command = command;
      u.exec.args = null;
    }
  }
  // The other exec settings only change an exec plugin that exists.
  const e = u.exec;
  if (e) {
    if (inv.flags.set.has('exec-api-version')) e.apiVersion = flagString(inv, 'exec-api-version');
    const args = flagList(inv, 'exec-arg');
    if (args.length > 0) e.args = args;
    if (inv.flags.set.has('exec-interactive-mode')) e.interactiveMode = mode;
    if (inv.flags.set.has('exec-provide-cluster-info')) e.provideClusterInfo = flagBool(inv, 'exec-provide-cluster-info');
    if (execEnv.remove.length > 0) e.env = (e.env ?? []).filter((x) => !execEnv.remove.includes(x.name));
    if (execEnv.set.length > 0) {
      const env = e.env ?? [];
      for (const [k, v] of execEnv.set) {
        const found = env.find((x) => x.name === k);
        if (found) found.value = v;
        else env.push({ name: k, value: v });
      }
      e.env = env;
    }
    // The kubeconfig's defaulting: the beta and alpha plugin APIs ask interactively if they can.
    if (e.interactiveMode === '' && /^client\.authentication\.k8s\.io\/v1(alpha|beta)1$/.test(e.apiVersion)) e.interactiveMode = 'IfAvailable';
  }
  if (setToken || setBasic) {
    if (!setToken) u.token = '';
    if (!setBasic) {
      u.username = '';
      u.password = '';
    }
  }
  return finish(`User "${name}" set.\n`, []);
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
      name: 'set-cluster',
      short: 'Set a cluster entry in kubeconfig',
      flags: [
        { name: 'server', type: 'string', default: '' },
        { name: 'tls-server-name', type: 'string', default: '' },
        { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
        { name: 'certificate-authority', type: 'string', default: '' },
        { name: 'embed-certs', type: 'bool', default: false },
        { name: 'proxy-url', type: 'string', default: '' },
      ],
      run: runSetCluster,
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
    {
      name: 'set-credentials',
      short: 'Set a user entry in kubeconfig',
      flags: [
        { name: 'client-certificate', type: 'string', default: '' },
        { name: 'client-key', type: 'string', default: '' },
        { name: 'token', type: 'string', default: '' },
        { name: 'username', type: 'string', default: '' },
        { name: 'password', type: 'string', default: '' },
        { name: 'auth-provider', type: 'string', default: '' },
        { name: 'auth-provider-arg', type: 'stringSlice', default: [] },
        { name: 'exec-command', type: 'string', default: '' },
        { name: 'exec-api-version', type: 'string', default: '' },
        { name: 'exec-interactive-mode', type: 'string', default: '' },
        { name: 'exec-provide-cluster-info', type: 'bool', default: false },
        { name: 'exec-arg', type: 'stringSlice', default: [] },
        { name: 'exec-env', type: 'stringArray', default: [] },
        { name: 'embed-certs', type: 'bool', default: false },
      ],
      run: runSetCredentials,
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
