import { rfc3339Micro } from '../cluster/api/meta.js';
import { kindByResourceKey } from '../cluster/kinds/registry.js';
import { apiServerUrl } from './commands/cluster-address.js';
import { serverTarget } from './commands/config.js';
import { CLIENT_VERSION } from './commands/version.js';
import type { KubectlContext, KubectlResult } from './context.js';
import type { ParsedFlags } from './parse/flags.js';

/**
 * What kubectl prints when the kubeconfig leads nowhere: a current context
 * the file does not hold ("Error in configuration"), or no usable cluster
 * (no current context, or a context whose cluster the file lacks), where
 * kubectl falls back to http://localhost:8080 and finds nothing listening.
 * Each command fails at its own first request, so what comes before the
 * last line differs: klog's discovery errors (as many as the command makes
 * discovery attempts), a table header, a command's own wrapping of the
 * error. Recorded from kubectl v1.32 (src/kubectl/testdata/config/no-server.txt).
 *
 * Commands that need no server still run: config, version --client, and
 * with a default server (not a missing context) `create TYPE
 * --dry-run=client` and the `--local` forms of label, annotate and set.
 *
 * @see k8s.io/client-go/tools/clientcmd client_config.go (ErrEmptyConfig, localhost:8080)
 * @see k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr (the refused-connection message)
 */
export function unreachableServer(path: readonly string[], flags: ParsedFlags, ctx: KubectlContext): KubectlResult | undefined {
  const command = path.join(' ');
  if (path[0] === 'config' || (path[0] === 'version' && flags.values.get('client') === true)) return undefined;
  const target = serverTarget(ctx.config, typeof flags.values.get('context') === 'string' ? (flags.values.get('context') as string) : '', apiServerUrl(ctx.sim));
  if (target.kind === 'cluster') return undefined;
  if (target.kind === 'missing-context') {
    return { stdout: '', stderr: `Error in configuration: context was not found for specified context: ${target.name}\n`, exitCode: 1 };
  }
  const local = flags.values.get('local') === true;
  const dryRun = flags.values.get('dry-run');
  if (local && ['label', 'annotate', 'patch'].includes(path[0])) return undefined;
  if (local && path[0] === 'set') return undefined;
  if (path[0] === 'create' && path.length > 1 && dryRun === 'client') return undefined;
  return refused(command, flags, ctx, target.kind === 'other-server' ? endpointOf(target.server) : DEFAULT_ENDPOINT);
}

/** Where kubectl sends its requests and how the connection fails there. */
interface Endpoint {
  /** Scheme and host of request URLs (`http://localhost:8080`). */
  base: string;
  /** The host as kubectl names it in "The connection to the server … was refused". */
  address: string;
  /** Go's dial error. */
  dial: string;
}

const DEFAULT_ENDPOINT: Endpoint = { base: 'http://localhost:8080', address: 'localhost:8080', dial: 'dial tcp 127.0.0.1:8080: connect: connection refused' };

/**
 * A server other than the simulated one, from a cluster entry: nothing
 * listens there, so the connection is refused (a name is dialled as if it
 * resolved). A server without a scheme is taken as http, as kubectl does.
 */
function endpointOf(server: string): Endpoint {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `http://${server}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (!url) return DEFAULT_ENDPOINT;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return { base: `${url.protocol}//${url.host}`, address: url.host, dial: `dial tcp ${url.hostname}:${port}: connect: connection refused` };
}

/** How many times each command's discovery fails (and klog says so) before it gives up. */
const DISCOVERY_ERRORS: Record<string, number> = {
  get: 5,
  describe: 5,
  delete: 5,
  scale: 5,
  edit: 5,
  patch: 5,
  label: 5,
  annotate: 5,
  expose: 5,
  autoscale: 5,
  'cluster-info': 5,
  logs: 4,
  exec: 4,
  wait: 4,
  attach: 4,
  debug: 4,
  cordon: 4,
  uncordon: 4,
  drain: 4,
  taint: 2,
  explain: 2,
  'auth can-i': 2,
  'create role': 2,
  'create clusterrole': 2,
  run: 1,
  'api-resources': 1,
  'api-versions': 1,
  'auth whoami': 0,
  top: 0,
  'top pod': 0,
  'top node': 0,
  events: 0,
  'create namespace': 0,
  'cluster-info dump': 0,
};

/** The error each `create TYPE` wraps its failed POST in, and where it posts. */
const CREATE_POSTS: Record<string, { what: string; resource: string; colon?: false }> = {
  deployment: { what: 'deployment', resource: 'deployments.apps' },
  configmap: { what: 'configmap', resource: 'configmaps' },
  'secret generic': { what: 'secret', resource: 'secrets', colon: false },
  'secret tls': { what: 'secret', resource: 'secrets', colon: false },
  'secret docker-registry': { what: 'secret', resource: 'secrets', colon: false },
  'service clusterip': { what: 'ClusterIP service', resource: 'services' },
  'service nodeport': { what: 'NodePort service', resource: 'services' },
  'service loadbalancer': { what: 'LoadBalancer service', resource: 'services' },
  'service externalname': { what: 'ExternalName service', resource: 'services' },
  job: { what: 'job', resource: 'jobs.batch' },
  cronjob: { what: 'cronjob', resource: 'cronjobs.batch' },
  serviceaccount: { what: 'serviceaccount', resource: 'serviceaccounts' },
  quota: { what: 'quota', resource: 'resourcequotas' },
  poddisruptionbudget: { what: 'poddisruptionbudget', resource: 'poddisruptionbudgets.policy' },
  priorityclass: { what: 'priorityclass', resource: 'priorityclasses.scheduling.k8s.io' },
  ingress: { what: 'ingress', resource: 'ingresses.networking.k8s.io' },
  rolebinding: { what: 'rolebinding', resource: 'rolebindings.rbac.authorization.k8s.io' },
  clusterrolebinding: { what: 'clusterrolebinding', resource: 'clusterrolebindings.rbac.authorization.k8s.io' },
};

function refused(command: string, flags: ParsedFlags, ctx: KubectlContext, at: Endpoint): KubectlResult {
  const { base, dial } = at;
  const refusedLine = `The connection to the server ${at.address} was refused - did you specify the right host or port?\n`;
  const klog = (n: number) => {
    const line = klogLine(ctx.sim.now(), 'memcache.go:265', `"Unhandled Error" err="couldn't get current server API group list: Get \\"${base}/api?timeout=32s\\": ${dial}"`);
    return line.repeat(n);
  };
  const files = (flags.values.get('filename') as string[] | undefined) ?? [];
  const file = files[0] === '-' ? 'STDIN' : files[0];
  const sub = command.startsWith('create ') ? command.slice('create '.length) : undefined;
  if (sub === 'token') {
    const sa = flags.args[0] ?? '';
    return fail('', `error: failed to create token: Post "${base}${apiPath('serviceaccounts', namespaceOf(flags, ctx))}/${sa}/token": ${dial}\n`);
  }
  const post = sub === undefined ? undefined : CREATE_POSTS[sub];
  if (post) {
    const query = `${flags.values.get('dry-run') === 'server' ? 'dryRun=All&' : ''}fieldManager=${encodeURIComponent(String(flags.values.get('field-manager') ?? 'kubectl-create'))}&fieldValidation=Strict`;
    const url = `${base}${apiPath(post.resource, namespaceOf(flags, ctx))}?${query}`;
    return fail('', `error: failed to create ${post.what}${post.colon === false ? '' : ':'} Post "${url}": ${dial}\n`);
  }
  if (file !== undefined && ['create', 'apply', 'replace'].includes(command) && flags.values.get('validate') !== 'false' && flags.values.get('validate') !== 'ignore') {
    return fail('', `error: error validating "${file}": error validating data: failed to download openapi: Get "${base}/openapi/v2?timeout=32s": ${dial}; if you choose to ignore these errors, turn validation off with --validate=false\n`);
  }
  if (file !== undefined && ['create', 'apply', 'replace', 'delete', 'diff', 'get', 'describe', 'label', 'annotate'].includes(command)) {
    return { stdout: '', stderr: `${klog(1)}error: unable to recognize "${file}": Get "${base}/api?timeout=32s": ${dial}\n`, exitCode: command === 'diff' ? 2 : 1 };
  }
  switch (command) {
    case 'version':
      return { stdout: `Client Version: ${CLIENT_VERSION}\nKustomize Version: v5.5.0\n`, stderr: refusedLine, exitCode: 1 };
    case 'api-resources':
      return { stdout: flags.values.get('no-headers') === true || flags.values.get('output') === 'name' ? '' : 'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n', stderr: klog(1) + refusedLine, exitCode: 1 };
    case 'api-versions':
      return fail('', `${klog(1)}error: couldn't get available api versions from server: Get "${base}/api?timeout=32s": ${dial}\n`);
    case 'cluster-info':
      return { stdout: "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n", stderr: klog(5) + refusedLine, exitCode: 1 };
    case 'auth can-i': {
      if (flags.values.get('list') === true) return fail('', refusedLine);
      const resource = flags.args[1];
      const warning = resource !== undefined && !resource.startsWith('/') ? `Warning: the server doesn't have a resource type '${resource.split('/')[0]}'\n\n` : '';
      return fail('', klog(2) + warning + refusedLine);
    }
  }
  const n = DISCOVERY_ERRORS[command] ?? DISCOVERY_ERRORS[command.split(' ')[0]] ?? (command.startsWith('set ') || command.startsWith('rollout ') ? 4 : 5);
  return fail('', klog(n) + refusedLine);
}

function fail(stdout: string, stderr: string): KubectlResult {
  return { stdout, stderr, exitCode: 1 };
}

function namespaceOf(flags: ParsedFlags, ctx: KubectlContext): string {
  const n = flags.values.get('namespace');
  return typeof n === 'string' && n !== '' ? n : ctx.config.namespace;
}

/** The collection path of a resource (`/apis/apps/v1/namespaces/NS/deployments`). */
function apiPath(key: string, namespace: string): string {
  const def = kindByResourceKey(key);
  if (!def) return `/api/v1/namespaces/${namespace}/${key}`;
  const group = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  return `${group}${def.namespaced ? `/namespaces/${namespace}` : ''}/${def.resource}`;
}

/** A klog error line: `E` MMDD hh:mm:ss.uuuuuu, the thread id, the source line (time from the simulation's clock). */
function klogLine(now: number, source: string, text: string): string {
  const d = new Date(now);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `E${mm}${dd} ${rfc3339Micro(now).slice(11, 26)}   12345 ${source}] ${text}\n`;
}
