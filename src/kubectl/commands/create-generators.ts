import { isDict, type KubeObject } from '../../cluster/api/meta.js';
import { QUANTITY_REGEX_ERROR, canonicalQuantity, parseExact } from '../../cluster/apiserver/validation/quantity.js';
import { kindOf, resolveResourceType } from '../../cluster/kinds/registry.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagInt, flagList, flagString, usageError } from './types.js';
import type { FlagSpec } from '../parse/flags.js';
import { requiredFlags } from './scale.js';
import { createToken } from './create-token.js';
import {
  PRINT_FLAGS,
  checkOutput,
  createGenerated,
  dryRunStrategy,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
} from './write-helpers.js';

/**
 * `kubectl create deployment|service|configmap|secret|job|cronjob|namespace|
 * serviceaccount|role|clusterrole|rolebinding|clusterrolebinding|quota|pdb|
 * priorityclass`: the generators, building the same objects kubectl builds.
 *
 * @see k8s.io/kubectl/pkg/cmd/create
 */

type Built = { ok: true; object: KubeObject; warnings?: string } | { ok: false; result: ReturnType<typeof finish> };

const COMMON: FlagSpec[] = [
  ...PRINT_FLAGS,
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

/** Runs a generator: name check, required flags, build, then create (or print for --dry-run=client). */
function generator(name: string, short: string, flags: FlagSpec[], required: string[], build: (inv: Invocation, name: string) => Built, aliases?: string[]): CommandDef {
  return {
    name,
    aliases,
    short,
    flags: [...COMMON, ...flags],
    run: (inv) => {
      const missing = requiredFlags(inv, required);
      if (missing) return missing;
      const outErr = checkOutput(inv);
      if (outErr) return finish('', [plainErr(outErr)]);
      const dash = inv.flags.argsLenAtDash;
      const names = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
      if (names.length !== 1) return usageError(inv, `exactly one NAME is required, got ${names.length}`);
      const dry = dryRunStrategy(inv);
      if (!dry.ok) return finish('', [plainErr(dry.message)]);
      const built = build(inv, names[0]);
      if (!built.ok) return built.result;
      const obj = built.object;
      let warnings = dry.warning + (built.warnings ?? '');
      const def = kindOf(obj.apiVersion, obj.kind)!;
      if (def.namespaced) obj.metadata.namespace = inv.namespaceExplicit ? inv.namespace : undefined;
      if (obj.metadata.namespace === undefined) delete obj.metadata.namespace;
      const created = createGenerated(inv, obj, def.namespaced ? inv.namespace : undefined, dry.value);
      if (!created.ok) return finish('', [created.error], warnings);
      warnings += created.warnings;
      const result = created.value;
      const output = flagString(inv, 'output');
      if (printsObjects(inv)) return finish(printObjectsText(inv, [result], false, true), [], warnings);
      return finish(operationLine(def, result.metadata.name ?? names[0], 'created', dry.value, output), [], warnings);
    },
  };
}

const fail = (message: string): Built => ({ ok: false, result: finish('', [plainErr(message)]) });

/** The container name kubectl derives from an image: its last path element, without tag or digest. */
export function containerNameFromImage(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  s = s.slice(slash + 1);
  const colon = s.indexOf(':');
  return colon >= 0 ? s.slice(0, colon) : s;
}

function commandAfterDash(inv: Invocation): string[] {
  const dash = inv.flags.argsLenAtDash;
  return dash >= 0 ? inv.args.slice(dash) : [];
}

// ---------------------------------------------------------------------------

const deployment = generator(
  'deployment',
  'Create a deployment with the specified name',
  [
    { name: 'image', type: 'stringSlice', default: [] },
    { name: 'port', type: 'int', default: -1 },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
  ],
  ['image'],
  (inv, name) => {
    const images = flagList(inv, 'image');
    const command = commandAfterDash(inv);
    if (command.length > 0 && images.length > 1) return fail('cannot specify multiple --image options and command');
    const port = flagInt(inv, 'port');
    const labels = { app: name };
    const containers = images.map((image, i) => {
      const c: Record<string, unknown> = { image, name: containerNameFromImage(image) };
      if (i === 0 && command.length > 0) c.command = command;
      if (port >= 0) c.ports = [{ containerPort: port }];
      return c;
    });
    return {
      ok: true,
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels },
        spec: { replicas: flagInt(inv, 'replicas'), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
      },
    };
  },
  ['deploy'],
);

function serviceGenerator(kind: 'clusterip' | 'nodeport' | 'loadbalancer' | 'externalname'): CommandDef {
  const type = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }[kind];
  const flags: FlagSpec[] = [{ name: 'tcp', type: 'stringSlice', default: [] }];
  if (kind === 'clusterip') flags.push({ name: 'clusterip', type: 'string', default: '' });
  if (kind === 'nodeport') flags.push({ name: 'node-port', type: 'int', default: 0 });
  if (kind === 'externalname') flags.push({ name: 'external-name', type: 'string', default: '' });
  return generator(kind, `Create a ${type} service`, flags, kind === 'externalname' ? ['external-name'] : [], (inv, name) => {
    const labels = { app: name };
    const spec: Record<string, unknown> = {};
    const tcp = flagList(inv, 'tcp');
    const clusterIP = kind === 'clusterip' ? flagString(inv, 'clusterip') : '';
    if (kind !== 'externalname' && tcp.length === 0 && clusterIP !== 'None') return fail('at least one tcp port specifier must be provided');
    const ports: Record<string, unknown>[] = [];
    for (const t of tcp) {
      const [p, target] = t.split(':');
      if (!/^\d+$/.test(p)) return fail(`strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`);
      const port: Record<string, unknown> = { name: target !== undefined ? `${p}-${target}` : p, port: Number(p), protocol: 'TCP' };
      port.targetPort = target === undefined ? Number(p) : /^\d+$/.test(target) ? Number(target) : target;
      if (kind === 'nodeport' && flagInt(inv, 'node-port') > 0) port.nodePort = flagInt(inv, 'node-port');
      ports.push(port);
    }
    if (clusterIP !== '') spec.clusterIP = clusterIP;
    if (kind === 'externalname') spec.externalName = flagString(inv, 'external-name');
    if (ports.length > 0) spec.ports = ports;
    spec.selector = labels;
    spec.type = type;
    return { ok: true, object: { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec } };
  });
}

const service: CommandDef = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  subcommands: [serviceGenerator('clusterip'), serviceGenerator('externalname'), serviceGenerator('loadbalancer'), serviceGenerator('nodeport')],
};

const CONFIG_KEY_RE = /^[-._a-zA-Z0-9]+$/;

function keyError(key: string, kindName: 'ConfigMap' | 'Secret'): string {
  const lead = kindName === 'ConfigMap' ? `"${key}" is not a valid key name for a ConfigMap:` : `"${key}" is not valid key name for a Secret`;
  return `${lead} a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`;
}

/** Reads --from-literal / --from-file / --from-env-file into key → value, in kubectl's order. */
function collectData(inv: Invocation, kindName: 'ConfigMap' | 'Secret', name: string): { ok: true; data: Record<string, string> } | { ok: false; message: string } {
  const data: Record<string, string> = {};
  const add = (k: string, v: string) => {
    if (k in data) {
      return kindName === 'ConfigMap'
        ? `cannot add key ${JSON.stringify(k)}, another key by that name already exists in Data for ConfigMap "${name}"`
        : `cannot add key ${k}, another key by that name already exists`;
    }
    data[k] = v;
    return undefined;
  };
  for (const f of flagList(inv, 'from-file')) {
    const eq = f.indexOf('=');
    const key = eq >= 0 ? f.slice(0, eq) : f.slice(f.lastIndexOf('/') + 1);
    const path = eq >= 0 ? f.slice(eq + 1) : f;
    const text = inv.ctx.fs.readFile(path);
    if (text === undefined) return { ok: false, message: `error reading ${path}: no such file or directory` };
    const err = add(key, text);
    if (err) return { ok: false, message: err };
  }
  for (const l of flagList(inv, 'from-literal')) {
    const eq = l.indexOf('=');
    if (eq <= 0) return { ok: false, message: `invalid literal source ${l}, expected key=value` };
    const k = l.slice(0, eq);
    let v = l.slice(eq + 1);
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    if (!CONFIG_KEY_RE.test(k)) return { ok: false, message: keyError(k, kindName) };
    const err = add(k, v);
    if (err) return { ok: false, message: err };
  }
  for (const f of flagList(inv, 'from-env-file')) {
    const text = inv.ctx.fs.readFile(f);
    if (text === undefined) return { ok: false, message: `open ${f}: no such file or directory` };
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^\uFEFF/, '');
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const eq = line.indexOf('=');
      const k = eq >= 0 ? line.slice(0, eq) : line;
      const v = eq >= 0 ? line.slice(eq + 1) : '';
      const err = add(k, v);
      if (err) return { ok: false, message: err };
    }
  }
  return { ok: true, data };
}

const configmap = generator(
  'configmap',
  'Create a config map from a local file, directory or literal value',
  [
    { name: 'from-file', type: 'stringSlice', default: [] },
    { name: 'from-literal', type: 'stringArray', default: [] },
    { name: 'from-env-file', type: 'stringSlice', default: [] },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  [],
  (inv, name) => {
    const d = collectData(inv, 'ConfigMap', name);
    if (!d.ok) return fail(d.message);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
    if (Object.keys(d.data).length > 0) obj.data = d.data;
    return { ok: true, object: obj };
  },
  ['cm'],
);

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const secretGeneric = generator(
  'generic',
  'Create a secret from a local file, directory, or literal value',
  [
    { name: 'from-file', type: 'stringSlice', default: [] },
    { name: 'from-literal', type: 'stringArray', default: [] },
    { name: 'from-env-file', type: 'stringSlice', default: [] },
    { name: 'type', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  [],
  (inv, name) => {
    const d = collectData(inv, 'Secret', name);
    if (!d.ok) return fail(d.message);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name } };
    if (Object.keys(d.data).length > 0) obj.data = Object.fromEntries(Object.entries(d.data).map(([k, v]) => [k, b64(v)]));
    const t = flagString(inv, 'type');
    if (t !== '') obj.type = t;
    return { ok: true, object: obj };
  },
);

const secretDocker = generator(
  'docker-registry',
  'Create a secret for use with a Docker registry',
  [
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'docker-username', type: 'string', default: '' },
    { name: 'docker-password', type: 'string', default: '' },
    { name: 'docker-email', type: 'string', default: '' },
    { name: 'from-file', type: 'stringSlice', default: [] },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  [],
  (inv, name) => {
    const user = flagString(inv, 'docker-username');
    const pass = flagString(inv, 'docker-password');
    if (flagList(inv, 'from-file').length === 0) {
      if (user === '') return fail('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      if (pass === '') return fail('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
    const entry: Record<string, string> = { username: user, password: pass };
    const email = flagString(inv, 'docker-email');
    if (email !== '') entry.email = email;
    entry.auth = b64(`${user}:${pass}`);
    const json = JSON.stringify({ auths: { [flagString(inv, 'docker-server')]: entry } });
    return { ok: true, object: { apiVersion: 'v1', kind: 'Secret', metadata: { name }, data: { '.dockerconfigjson': b64(json) }, type: 'kubernetes.io/dockerconfigjson' } };
  },
);

const secretTls = generator(
  'tls',
  'Create a TLS secret',
  [
    { name: 'cert', type: 'string', default: '' },
    { name: 'key', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  [],
  (inv, name) => {
    const certPath = flagString(inv, 'cert');
    const keyPath = flagString(inv, 'key');
    if (certPath === '' || keyPath === '') return fail('key and cert must be specified');
    const cert = inv.ctx.fs.readFile(certPath);
    if (cert === undefined) return fail(`Cannot read file ${certPath}, open ${certPath}: no such file or directory`);
    const key = inv.ctx.fs.readFile(keyPath);
    if (key === undefined) return fail(`Cannot read file ${keyPath}, open ${keyPath}: no such file or directory`);
    return { ok: true, object: { apiVersion: 'v1', kind: 'Secret', metadata: { name }, data: { 'tls.crt': b64(cert), 'tls.key': b64(key) }, type: 'kubernetes.io/tls' } };
  },
);

const secret: CommandDef = { name: 'secret', short: 'Create a secret using a specified subcommand', subcommands: [secretDocker, secretGeneric, secretTls] };

/** `host/path=svc:port[,tls[=secret]]`, as kubectl's create ingress parses a --rule. */
const INGRESS_RULE_RE = /^([\w*\-.]*)(\/.*)=([\w\-.]+):([\w-]+)(?:,(tls)(?:=([\w\-.]+))?)?$/;
const INGRESS_BACKEND_RE = /^([\w\-.]+):([\w-]+)$/;

function ingressBackend(svc: string, port: string): Record<string, unknown> {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

const ingress = generator(
  'ingress',
  'Create an ingress with the specified name',
  [
    { name: 'annotation', type: 'stringArray', default: [] },
    { name: 'class', type: 'string', default: '' },
    { name: 'default-backend', type: 'string', default: '' },
    { name: 'rule', type: 'stringArray', default: [] },
  ],
  [],
  (inv, name) => {
    const rules = flagList(inv, 'rule');
    const defaultBackend = flagString(inv, 'default-backend');
    if (rules.length === 0 && defaultBackend === '') {
      return fail('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    const parsed: RegExpMatchArray[] = [];
    for (const r of rules) {
      const m = INGRESS_RULE_RE.exec(r);
      if (!m) return fail(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      parsed.push(m);
    }
    if (defaultBackend !== '' && !INGRESS_BACKEND_RE.test(defaultBackend)) return fail(`default-backend should be in format servicename:serviceport`);
    const annotations: Record<string, string> = {};
    for (const a of flagList(inv, 'annotation')) {
      const eq = a.indexOf('=');
      if (eq < 0) return fail(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const spec: Record<string, unknown> = {};
    const cls = flagString(inv, 'class');
    if (cls !== '') spec.ingressClassName = cls;
    if (defaultBackend !== '') {
      const m = INGRESS_BACKEND_RE.exec(defaultBackend)!;
      spec.defaultBackend = ingressBackend(m[1], m[2]);
    }
    const outRules: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    for (const m of parsed) {
      const [, host, rawPath, svc, port, hasTls, secretName] = m;
      const prefix = rawPath.endsWith('*');
      const path = prefix ? rawPath.slice(0, -1) : rawPath;
      const entry = { backend: ingressBackend(svc, port), path, pathType: prefix ? 'Prefix' : 'Exact' };
      const existing = outRules.find((r) => (r.host ?? '') === host);
      if (existing) existing.http.paths.push(entry);
      else outRules.push(host === '' ? { http: { paths: [entry] } } : { host, http: { paths: [entry] } });
      if (hasTls) {
        const secretKey = secretName ?? '';
        let t = tls.find((x) => (x.secretName ?? '') === secretKey);
        if (!t) {
          t = secretKey === '' ? {} : { secretName: secretKey };
          tls.push(t);
        }
        if (host !== '') {
          const hosts = t.hosts ?? [];
          if (!hosts.includes(host)) hosts.push(host);
          // hosts sorts before secretName in the printed object.
          const sn = t.secretName;
          delete t.secretName;
          t.hosts = hosts;
          if (sn !== undefined) t.secretName = sn;
        }
      }
    }
    if (outRules.length > 0) spec.rules = outRules;
    if (tls.length > 0) spec.tls = tls;
    const metadata: KubeObject['metadata'] = { name };
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    return { ok: true, object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec } };
  },
  ['ing'],
);

const job = generator(
  'job',
  'Create a job with the specified name',
  [
    { name: 'image', type: 'string', default: '' },
    { name: 'from', type: 'string', default: '' },
  ],
  [],
  (inv, name) => {
    const image = flagString(inv, 'image');
    const from = flagString(inv, 'from');
    const command = commandAfterDash(inv);
    if (image === '' && from === '') return fail('either --image or --from must be specified');
    if (image !== '' && from !== '') return fail('--image and --from are mutually exclusive');
    if (from !== '') {
      if (command.length > 0) return fail('cannot specify --from and command');
      const m = /^(cronjob|cronjobs|cj|cronjob\.batch|cronjobs\.batch)\/(.+)$/.exec(from);
      if (!m) return fail(`from must be an existing cronjob: ${from}`);
      const cj = inv.ctx.sim.store.get('cronjobs.batch', inv.namespace, m[2]);
      if (!cj) return fail(`cronjobs.batch "${m[2]}" not found`);
      const jt = (isDict(cj.spec) && isDict(cj.spec.jobTemplate) ? cj.spec.jobTemplate : {}) as Record<string, unknown>;
      const jtMeta = (isDict(jt.metadata) ? jt.metadata : {}) as Record<string, unknown>;
      return {
        ok: true,
        object: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name,
            annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...((jtMeta.annotations as Record<string, string>) ?? {}) },
            ...(jtMeta.labels ? { labels: jtMeta.labels as Record<string, string> } : {}),
            ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true }],
          },
          spec: structuredClone(jt.spec ?? {}),
        },
      };
    }
    const c: Record<string, unknown> = { image, name };
    if (command.length > 0) c.command = command;
    return { ok: true, object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { containers: [c], restartPolicy: 'Never' } } } } };
  },
);

const cronjob = generator(
  'cronjob',
  'Create a cron job with the specified name',
  [
    { name: 'image', type: 'string', default: '' },
    { name: 'schedule', type: 'string', default: '' },
    { name: 'restart', type: 'string', default: '' },
  ],
  ['image', 'schedule'],
  (inv, name) => {
    const c: Record<string, unknown> = { image: flagString(inv, 'image'), name };
    const command = commandAfterDash(inv);
    if (command.length > 0) c.command = command;
    const restart = flagString(inv, 'restart') || 'OnFailure';
    return {
      ok: true,
      object: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name },
        spec: { jobTemplate: { metadata: { name }, spec: { template: { spec: { containers: [c], restartPolicy: restart } } } }, schedule: flagString(inv, 'schedule') },
      },
    };
  },
  ['cj'],
);

const namespace = generator('namespace', 'Create a namespace with the specified name', [], [], (_inv, name) => ({ ok: true, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } }), ['ns']);

const serviceaccount = generator(
  'serviceaccount',
  'Create a service account with the specified name',
  [],
  [],
  (_inv, name) => ({ ok: true, object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } } }),
  ['sa'],
);

const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];

function roleRules(inv: Invocation): { ok: true; rules: Record<string, unknown>[]; warnings: string[] } | { ok: false; message: string; raw?: boolean } {
  const verbs = flagList(inv, 'verb');
  const resources = flagList(inv, 'resource');
  const names = flagList(inv, 'resource-name');
  if (verbs.length === 0) return { ok: false, message: 'at least one verb must be specified' };
  if (resources.length === 0 && flagList(inv, 'non-resource-url').length === 0) return { ok: false, message: 'at least one resource must be specified' };
  const warnings = verbs.filter((v) => !VALID_VERBS.includes(v)).map((v) => `Warning: '${v}' is not a standard resource verb\n`);
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [res, sub] = r.split('/');
    let group = '';
    let plural = res;
    if (res !== '*') {
      const def = resolveResourceType(res);
      if (!def) return { ok: false, message: `the server doesn't have a resource type "${res.split('.')[0]}"`, raw: true };
      group = def.group;
      plural = def.resource;
    }
    const list = byGroup.get(group) ?? [];
    list.push(sub ? `${plural}/${sub}` : plural);
    byGroup.set(group, list);
  }
  const rules = [...byGroup.entries()].map(([group, res]) => {
    const rule: Record<string, unknown> = { apiGroups: [group], resources: res };
    if (names.length > 0) rule.resourceNames = names;
    rule.verbs = verbs;
    return rule;
  });
  return { ok: true, rules, warnings };
}

const ROLE_FLAGS: FlagSpec[] = [
  { name: 'verb', type: 'stringSlice', default: [] },
  { name: 'resource', type: 'stringSlice', default: [] },
  { name: 'resource-name', type: 'stringArray', default: [] },
];

const role = generator('role', 'Create a role with single rule', ROLE_FLAGS, [], (inv, name) => {
  const r = roleRules(inv);
  if (!r.ok) return r.raw ? { ok: false, result: { stdout: '', stderr: `${r.message}\n`, exitCode: 1 } } : fail(r.message);
  return { ok: true, object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules: r.rules }, warnings: r.warnings.join('') };
});

const clusterrole = generator(
  'clusterrole',
  'Create a cluster role',
  [...ROLE_FLAGS, { name: 'non-resource-url', type: 'stringSlice', default: [] }, { name: 'aggregation-rule', type: 'string', default: '', valueType: 'mapStringString' }],
  [],
  (inv, name) => {
    const r = roleRules(inv);
    if (!r.ok) return r.raw ? { ok: false, result: { stdout: '', stderr: `${r.message}\n`, exitCode: 1 } } : fail(r.message);
    const rules = r.rules;
    const urls = flagList(inv, 'non-resource-url');
    if (urls.length > 0) rules.push({ nonResourceURLs: urls, verbs: flagList(inv, 'verb') });
    return { ok: true, object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules }, warnings: r.warnings.join('') };
  },
);

function subjects(inv: Invocation): { ok: true; value: Record<string, unknown>[] } | { ok: false; message: string } {
  const out: Record<string, unknown>[] = [];
  for (const u of flagList(inv, 'user')) out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u });
  for (const g of flagList(inv, 'group')) out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g });
  for (const sa of flagList(inv, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return { ok: false, message: `serviceaccount must be <namespace>:<name>` };
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return { ok: true, value: out };
}

const BINDING_FLAGS: FlagSpec[] = [
  { name: 'user', type: 'stringArray', default: [] },
  { name: 'group', type: 'stringArray', default: [] },
  { name: 'serviceaccount', type: 'stringArray', default: [] },
];

const rolebinding = generator(
  'rolebinding',
  'Create a role binding for a particular role or cluster role',
  [...BINDING_FLAGS, { name: 'role', type: 'string', default: '' }, { name: 'clusterrole', type: 'string', default: '' }],
  [],
  (inv, name) => {
    const roleName = flagString(inv, 'role');
    const clusterRole = flagString(inv, 'clusterrole');
    if ((roleName === '') === (clusterRole === '')) return fail('exactly one of clusterrole or role must be specified');
    const s = subjects(inv);
    if (!s.ok) return fail(s.message);
    const obj: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleName ? 'Role' : 'ClusterRole', name: roleName || clusterRole },
    };
    if (s.value.length > 0) obj.subjects = s.value;
    return { ok: true, object: obj };
  },
);

const clusterrolebinding = generator(
  'clusterrolebinding',
  'Create a cluster role binding for a particular cluster role',
  [...BINDING_FLAGS, { name: 'clusterrole', type: 'string', default: '' }],
  ['clusterrole'],
  (inv, name) => {
    const s = subjects(inv);
    if (!s.ok) return fail(s.message);
    const obj: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: flagString(inv, 'clusterrole') },
    };
    if (s.value.length > 0) obj.subjects = s.value;
    return { ok: true, object: obj };
  },
);

const quota = generator(
  'quota',
  'Create a quota with the specified name',
  [
    { name: 'hard', type: 'string', default: '' },
    { name: 'scopes', type: 'string', default: '' },
  ],
  [],
  (inv, name) => {
    const hard: Record<string, string> = {};
    const spec = flagString(inv, 'hard');
    if (spec !== '') {
      for (const part of spec.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) return fail(`invalid argument syntax ${part}`);
        const v = part.slice(eq + 1);
        if (!parseExact(v)) return fail(QUANTITY_REGEX_ERROR);
        hard[part.slice(0, eq)] = canonicalQuantity(v);
      }
    }
    const s: Record<string, unknown> = {};
    if (Object.keys(hard).length > 0) s.hard = hard;
    const scopes = flagString(inv, 'scopes');
    if (scopes !== '') s.scopes = scopes.split(',');
    return { ok: true, object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: s } };
  },
  ['resourcequota'],
);

const pdb = generator(
  'poddisruptionbudget',
  'Create a pod disruption budget with the specified name',
  [
    { name: 'selector', type: 'string', default: '' },
    { name: 'min-available', type: 'string', default: '' },
    { name: 'max-unavailable', type: 'string', default: '' },
  ],
  [],
  (inv, name) => {
    const min = flagString(inv, 'min-available');
    const max = flagString(inv, 'max-unavailable');
    if (min === '' && max === '') return fail('one of min-available or max-unavailable must be specified');
    if (min !== '' && max !== '') return fail('min-available and max-unavailable cannot be both specified');
    const sel = flagString(inv, 'selector');
    if (sel === '') return fail('a selector must be specified');
    const matchLabels = Object.fromEntries(sel.split(',').map((p) => p.split('=') as [string, string]));
    const val = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
    const spec: Record<string, unknown> = {};
    if (max !== '') spec.maxUnavailable = val(max);
    if (min !== '') spec.minAvailable = val(min);
    spec.selector = { matchLabels };
    return { ok: true, object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec } };
  },
  ['pdb'],
);

const priorityclass = generator(
  'priorityclass',
  'Create a priority class with the specified name',
  [
    { name: 'value', type: 'int', default: 0 },
    { name: 'global-default', type: 'bool', default: false },
    { name: 'description', type: 'string', default: '' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' },
  ],
  [],
  (inv, name) => {
    const obj: KubeObject = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name } };
    const d = flagString(inv, 'description');
    if (d !== '') obj.description = d;
    if (flagBool(inv, 'global-default')) obj.globalDefault = true;
    obj.preemptionPolicy = flagString(inv, 'preemption-policy');
    obj.value = flagInt(inv, 'value');
    return { ok: true, object: obj };
  },
  ['pc'],
);

export const CREATE_SUBCOMMANDS: CommandDef[] = [
  clusterrole,
  clusterrolebinding,
  configmap,
  cronjob,
  deployment,
  ingress,
  job,
  namespace,
  pdb,
  priorityclass,
  quota,
  role,
  rolebinding,
  secret,
  service,
  serviceaccount,
  createToken,
];
