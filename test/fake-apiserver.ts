/**
 * A tiny Kubernetes API server for recording goldens from REAL kubectl.
 *
 * It serves a fixed set of objects (a fixture) on 127.0.0.1 with legacy
 * discovery (/api, /apis, /api/v1, /apis/<g>/<v>), GET and LIST of every
 * registered kind (label and field selectors), NotFound Status errors, and
 * server-side Tables when kubectl asks for them (`Accept: ...;as=Table;...`),
 * computed by src/cluster/tables exactly as our own `get` does.
 *
 * Time: kubectl computes ages (describe's Events, `Start Time` is absolute)
 * from the wall clock. The server shifts every timestamp in the objects it
 * serves by `offset = wall-clock now - fixture now` (set with {@link
 * FakeApiServer.syncClock} right before each kubectl run), so kubectl sees
 * the fixture's ages; the recorder maps shifted absolute times back in the
 * output. Table cells are computed at the fixture's `now`, unshifted.
 *
 * Test support only: not shipped, not used by the trainer.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../src/cluster/api/meta.js';
import '../src/cluster/kinds/index.js';
import { allKinds, apiVersionOf, kindOf, resourceKey, type KindDefinition } from '../src/cluster/kinds/registry.js';
import { Simulation } from '../src/cluster/simulation.js';
import { buildTable } from '../src/cluster/tables/index.js';
import { openapiDocument } from '../src/kubectl/explain/openapi.js';
import '../src/kubectl/explain/index.js';
import { kindsInDiscoveryOrder } from '../src/kubectl/parse/resource-args.js';

export interface Fixture {
  /** RFC 3339: the instant the fixture describes. */
  now: string;
  objects: KubeObject[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * A copy of `v` with every RFC 3339 timestamp moved by `off` ms. A
 * ControllerRevision's data is raw bytes the controller wrote with Go's
 * json.Marshal of a map (keys sorted), and kubectl's rollback compares them
 * byte for byte with the patch it computes from the live workload: it is
 * served with its keys sorted.
 */
function moveTimes<T>(v: T, off: number): T {
  const walk = (x: unknown, sorted: boolean): unknown => {
    if (typeof x === 'string' && RFC3339.test(x)) return shiftTime(x, off);
    if (Array.isArray(x)) return x.map((y) => walk(y, sorted));
    if (x && typeof x === 'object') {
      const entries = Object.entries(x);
      if (sorted) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const isRevisionData = (k: string) => k === 'data' && (x as { kind?: unknown }).kind === 'ControllerRevision';
      return Object.fromEntries(entries.map(([k, y]) => [k, walk(y, sorted || isRevisionData(k))]));
    }
    return x;
  };
  return walk(v, false) as T;
}

export class FakeApiServer {
  private server?: http.Server;
  private offsetMs = 0;
  readonly log: string[] = [];
  private readonly fixtureNow: number;
  /** The fixture loaded into a frozen simulation: served objects are exactly what our store holds (resourceVersion included). */
  readonly sim: Simulation;

  constructor(private readonly fixture: Fixture) {
    this.fixtureNow = Date.parse(fixture.now);
    this.sim = new Simulation({ frozen: true, startTime: fixture.now });
    for (const obj of fixture.objects) {
      const def = kindOf(obj.apiVersion, obj.kind);
      if (!def) throw new Error(`fixture: unknown kind ${obj.apiVersion} ${obj.kind}`);
      this.sim.load(resourceKey(def), obj);
    }
  }

  /** Maps fixture time to wall-clock time for the next kubectl run. */
  syncClock(): void {
    // whole seconds: shifted timestamps keep second precision without rounding
    this.offsetMs = Math.floor((Date.now() - this.fixtureNow) / 1000) * 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }

  async start(): Promise<number> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private send(res: http.ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.handleWrite(req, res);
    const url = new URL(req.url ?? '/', 'http://x');
    const accept = String(req.headers.accept ?? '');
    this.log.push(`${req.method} ${url.pathname}${url.search} [${accept}]`);
    const path = url.pathname.replace(/\/$/, '');
    if (path === '/version') {
      return this.send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: '', gitTreeState: 'clean', buildDate: '2025-04-22T16:00:00Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64' });
    }
    if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) return this.openapi(res, path);
    if (path === '/api') return this.send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    if (path === '/apis') return this.send(res, 200, this.groupList());
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/(.*))?$/.exec(path);
    if (!m) return this.send(res, 404, status404('the server could not find the requested resource', {}));
    const group = m[2] ?? '';
    const version = m[1] ?? m[3];
    const rest = m[4] ? m[4].split('/') : [];
    if (rest.length === 0) return this.send(res, 200, this.resourceList(group, version));
    let namespace: string | undefined;
    let segs = rest;
    if (segs[0] === 'namespaces' && segs.length >= 3) {
      namespace = segs[1];
      segs = segs.slice(2);
    }
    const [resource, name, sub] = segs;
    const def = allKinds().find((d) => d.group === group && d.version === version && d.resource === resource);
    if (def && sub === 'scale' && name !== undefined && SCALABLE.has(def.kind)) {
      const obj = this.sim.store.get(resourceKey(def), namespace ?? '', name);
      if (!obj) return this.send(res, 404, status404(`${def.resource}.${def.group} "${name}" not found`, { name, group: def.group, kind: def.resource }));
      return this.send(res, 200, this.shift(scaleOf(obj)));
    }
    if (!def || sub) return this.send(res, 404, status404('the server could not find the requested resource', {}));
    // A watch (kubectl wait's informer, get -w) gets an open stream with no events: the fixture never changes.
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      req.on('close', () => res.end());
      return;
    }
    const wantsTable = accept.includes('as=Table');
    const includeObject = url.searchParams.get('includeObject') ?? 'Metadata';
    if (def.computed) return this.computedRead(res, def, name, wantsTable, includeObject);
    const key = resourceKey(def);
    const all = [...this.sim.store.list(key)];
    if (name !== undefined) {
      const obj = all.find((o) => o.metadata.name === name && (!def.namespaced || (o.metadata.namespace ?? 'default') === namespace));
      if (!obj) {
        const qualified = def.group ? `${def.resource}.${def.group}` : def.resource;
        return this.send(res, 404, status404(`${qualified} "${name}" not found`, { name, group: def.group || undefined, kind: def.resource }));
      }
      if (wantsTable) return this.send(res, 200, this.table(def, [obj], includeObject));
      return this.send(res, 200, this.shift(obj));
    }
    let items = all.filter((o) => !def.namespaced || namespace === undefined || (o.metadata.namespace ?? 'default') === namespace);
    items.sort((a, b) => cmp(`${a.metadata.namespace ?? ''}\u0000${a.metadata.name}`, `${b.metadata.namespace ?? ''}\u0000${b.metadata.name}`));
    const ls = url.searchParams.get('labelSelector');
    const fs = url.searchParams.get('fieldSelector');
    if (ls) items = items.filter((o) => matchLabelSelector(ls, o.metadata.labels ?? {}));
    if (fs) items = items.filter((o) => matchFieldSelector(fs, o));
    void key;
    if (wantsTable) return this.send(res, 200, this.table(def, items, includeObject));
    return this.send(res, 200, {
      kind: `${def.kind}List`,
      apiVersion: apiVersionOf(def),
      metadata: { resourceVersion: '12345' },
      items: items.map((o) => this.shift(o)),
    });
  }

  /**
   * Writes (POST, PUT, PATCH of every patch type including server-side apply,
   * DELETE) go to the frozen simulation's own API server, so the answer and
   * its warnings are our simulation's and only kubectl's handling of them is
   * real. Warnings travel as `Warning: 299 - "text"` headers, as the API
   * server sends them. Timestamps travel shifted both ways, as reads serve them.
   */
  private handleWrite(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      // kubectl sends back timestamps as it read them, shifted by the clock
      // offset: the store gets them as the fixture has them.
      body = this.unshiftBody(body);
      const url = new URL(req.url ?? '/', 'http://x');
      const contentType = String(req.headers['content-type'] ?? '');
      this.log.push(`${req.method} ${url.pathname}${url.search} [${contentType}] ${body}`);
      // kubectl auth whoami: the typed client's body (protobuf) does not matter, the answer is the requester.
      if (req.method === 'POST' && url.pathname === '/apis/authentication.k8s.io/v1/selfsubjectreviews') return this.send(res, 201, this.sim.api.selfSubjectReview());
      const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(url.pathname.replace(/\/$/, ''));
      const def = m ? allKinds().find((d) => d.group === (m[2] ?? '') && d.version === (m[1] ?? m[3]) && d.resource === m[5]) : undefined;
      if (!m || !def) return this.send(res, 404, status404('the server could not find the requested resource', {}));
      const namespace = m[4] ?? '';
      const name = m[6];
      const sub = m[7];
      const q = url.searchParams;
      const opts = {
        dryRun: q.get('dryRun') === 'All',
        ...(q.get('fieldValidation') ? { fieldValidation: q.get('fieldValidation') as 'Strict' | 'Warn' | 'Ignore' } : {}),
        // managerOrUserAgent: a write that names no manager is recorded under its user agent's first word.
        fieldManager: q.get('fieldManager') || String(req.headers['user-agent'] ?? '').split('/')[0],
        ...(q.get('force') === 'true' ? { force: true } : {}),
      };
      const api = this.sim.api;
      let r: { ok: true; value: KubeObject; warnings?: string[] } | { ok: false; error: { code: number } };
      const parse = (): unknown => JSON.parse(body === '' ? 'null' : body);
      try {
        if (req.method === 'POST' && name === undefined) r = api.create({ ...(parse() as KubeObject), metadata: { ...((parse() as KubeObject).metadata ?? {}), ...(def.namespaced ? { namespace } : {}) } }, opts);
        else if (req.method === 'PUT' && name !== undefined && sub === 'scale') r = this.patchScale(def, namespace, name, body, opts, true);
        else if (req.method === 'PUT' && name !== undefined) r = sub === 'status' ? api.updateStatus(parse() as KubeObject, opts) : api.update(parse() as KubeObject, opts);
        else if (req.method === 'DELETE' && name !== undefined) {
          // kubectl delete sends its DeleteOptions (grace period, propagation, dry run) as the body.
          const del = (parse() ?? {}) as { gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; dryRun?: string[] };
          r = api.delete(def, namespace, name, {
            ...opts,
            ...(del.dryRun?.includes('All') ? { dryRun: true } : {}),
            ...(del.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: del.gracePeriodSeconds } : {}),
            ...(del.propagationPolicy ? { propagationPolicy: del.propagationPolicy } : {}),
          });
        }
        else if (req.method === 'PATCH' && name !== undefined && sub === 'scale') r = this.patchScale(def, namespace, name, body, opts);
        else if (req.method === 'PATCH' && name !== undefined) r = this.patch(def, namespace, name, sub, contentType, body, opts);
        else return this.send(res, 405, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'method not allowed', reason: 'MethodNotAllowed', code: 405 });
      } catch (e) {
        return this.send(res, 400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(e), reason: 'BadRequest', code: 400 });
      }
      if (!r.ok) return this.send(res, r.error.code, { metadata: {}, ...r.error });
      const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
      // The API server's warning headers: code 299, agent "-", the text quoted.
      if (r.warnings?.length) headers.Warning = r.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
      res.writeHead(req.method === 'POST' ? 201 : 200, headers);
      res.end(JSON.stringify(this.shift(r.value)));
    });
  }

  /**
   * Kinds the API server computes on each read (ComponentStatus): answered
   * by the simulation's own API server, its warnings as Warning headers.
   */
  private computedRead(res: http.ServerResponse, def: KindDefinition, name: string | undefined, wantsTable: boolean, includeObject: string): void {
    const warnings: string[] = [];
    const api = this.sim.api;
    api.onWarning = (w) => warnings.push(w);
    const r = name === undefined ? api.list(def, undefined) : api.get(def, '', name);
    api.onWarning = undefined;
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
    if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    let code = 200;
    let body: unknown;
    if (!r.ok) {
      code = r.error.code;
      body = { metadata: {}, ...r.error };
    } else {
      const objs = name === undefined ? (r.value as readonly KubeObject[]) : [r.value as KubeObject];
      if (wantsTable) body = this.table(def, [...objs], includeObject);
      else if (name !== undefined) body = objs[0];
      // A list's items carry no kind or apiVersion, as the API server encodes them.
      else body = { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: {}, items: objs.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) };
    }
    res.writeHead(code, headers);
    res.end(JSON.stringify(body));
  }

  /**
   * A merge patch of the scale subresource (what kubectl scale sends): the
   * replicas go to the object's spec, recorded as the `scale` subresource's
   * write; the answer is the autoscaling/v1 Scale.
   */
  private patchScale(def: KindDefinition, namespace: string, name: string, body: string, opts: Record<string, unknown>, put = false): { ok: true; value: KubeObject; warnings?: string[] } | { ok: false; error: { code: number } } {
    const cur = this.sim.store.get(resourceKey(def), namespace, name);
    if (!cur || !SCALABLE.has(def.kind)) return { ok: false, error: status404(`${def.resource}.${def.group} "${name}" not found`, { name, group: def.group, kind: def.resource }) as { code: number } };
    const patch = JSON.parse(body) as { metadata?: { resourceVersion?: string }; spec?: { replicas?: number } };
    const next = JSON.parse(JSON.stringify(cur)) as KubeObject;
    if (typeof patch.spec?.replicas === 'number') (next.spec as Record<string, unknown>).replicas = patch.spec.replicas;
    // A PUT of the Scale (kubectl scale with --current-replicas or --resource-version) carries the precondition.
    if (put && patch.metadata?.resourceVersion) next.metadata.resourceVersion = patch.metadata.resourceVersion;
    const r = this.sim.api.update(next, { ...opts, subresource: 'scale' });
    return r.ok ? { ok: true, value: scaleOf(r.value), ...(r.warnings ? { warnings: r.warnings } : {}) } : r;
  }

  private patch(def: KindDefinition, namespace: string, name: string, sub: string | undefined, contentType: string, body: string, opts: Record<string, unknown>) {
    const type = contentType.startsWith('application/strategic-merge-patch')
      ? 'strategic'
      : contentType.startsWith('application/merge-patch')
        ? 'merge'
        : contentType.startsWith('application/json-patch')
          ? 'json'
          : contentType.startsWith('application/apply-patch')
            ? 'apply'
            : undefined;
    if (type === undefined) return { ok: false as const, error: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `the server does not support ${contentType}`, reason: 'UnsupportedMediaType', code: 415 } };
    const api = this.sim.api as unknown as Record<string, (...a: unknown[]) => { ok: true; value: KubeObject; warnings?: string[] } | { ok: false; error: { code: number } }>;
    if (type === 'apply') {
      if (typeof api.apply !== 'function') return { ok: false as const, error: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'server-side apply is not implemented', reason: 'UnsupportedMediaType', code: 415 } };
      return api.apply.call(this.sim.api, def, namespace, name, body, opts);
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      const message = String((e as Error).message);
      return { ok: false as const, error: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'BadRequest', code: 400 } };
    }
    return api.patch.call(this.sim.api, def, namespace, name, type, value, { ...opts, ...(sub === 'status' ? { subresource: 'status' } : {}) });
  }

  /**
   * Adds to a group version's OpenAPI v3 document a PATCH operation per kind
   * that takes the `fieldValidation` query parameter, which is what
   * kubectl's QueryParamVerifierV3 looks for before it sends
   * `--validate=strict|warn` to the server (otherwise it validates
   * client-side against OpenAPI v2, which this server does not serve). No
   * request bodies are declared, so kubectl computes strategic merge patches
   * from its built-in types as before.
   */
  private withPatchOperations(key: string, doc: unknown): unknown {
    const defs = allKinds().filter((d) => (d.group ? `apis/${d.group}/${d.version}` : `api/${d.version}`) === key);
    const paths: Record<string, unknown> = { ...((doc as { paths?: Record<string, unknown> }).paths ?? {}) };
    for (const d of defs) {
      const item = `/${d.group ? `apis/${d.group}` : 'api'}/${d.version}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.resource}/{name}`;
      paths[item] = {
        ...(paths[item] as object | undefined),
        patch: {
          'x-kubernetes-group-version-kind': { group: d.group, version: d.version, kind: d.kind },
          parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        },
      };
    }
    return { ...(doc as object), paths };
  }

  private table(def: KindDefinition, objs: KubeObject[], includeObject: string): unknown {
    const t = buildTable(def.kind, def.group, objs, this.fixtureNow);
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '12345' },
      columnDefinitions: t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority })),
      rows: t.rows.map((r) => ({
        cells: r.cells,
        object:
          includeObject === 'None'
            ? undefined
            : includeObject === 'Object'
              ? this.shift(r.object)
              : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: this.shift(r.object).metadata },
      })),
    };
  }

  /** A JSON request body with the clock offset taken off its timestamps (other bodies, YAML apply patches, as they are). */
  private unshiftBody(body: string): string {
    if (this.offsetMs === 0 || body === '') return body;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return body;
    }
    return JSON.stringify(moveTimes(parsed, -this.offsetMs));
  }

  /** A copy of the object with every RFC 3339 timestamp moved by the clock offset. */
  shift<T>(v: T): T {
    return moveTimes(v, this.offsetMs);
  }


  /**
   * /openapi/v3 (the index of group versions) and /openapi/v3/api/v1,
   * /openapi/v3/apis/<g>/<v>: our explain schema as OpenAPI v3 documents, so
   * that real `kubectl explain` can be recorded over it.
   */
  private openapi(res: http.ServerResponse, path: string): void {
    const docs = new Map<string, unknown>();
    for (const d of allKinds()) {
      const key = d.group ? `apis/${d.group}/${d.version}` : `api/${d.version}`;
      if (docs.has(key)) continue;
      const def = (kind: string) => allKinds().find((k) => k.group === d.group && k.version === d.version && k.kind === kind)!;
      docs.set(key, openapiDocument(d.group, d.version, (kind) => def(kind).namespaced, (kind) => def(kind).resource));
    }
    if (path === '/openapi/v3') {
      const paths: Record<string, unknown> = {};
      for (const [key, doc] of docs) {
        const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 32).toUpperCase();
        paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
      }
      return this.send(res, 200, { paths });
    }
    const doc = docs.get(path.slice('/openapi/v3/'.length));
    if (!doc) return this.send(res, 404, status404('the server could not find the requested resource', {}));
    return this.send(res, 200, this.withPatchOperations(path.slice('/openapi/v3/'.length), doc));
  }

  private groupList(): unknown {
    const groups: string[] = [];
    for (const d of kindsInDiscoveryOrder()) if (d.group && !groups.includes(d.group)) groups.push(d.group);
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((g) => {
        const v = allKinds().find((d) => d.group === g)!.version;
        return { name: g, versions: [{ groupVersion: `${g}/${v}`, version: v }], preferredVersion: { groupVersion: `${g}/${v}`, version: v } };
      }),
    };
  }

  private resourceList(group: string, version: string): unknown {
    const defs = allKinds()
      .filter((d) => d.group === group && d.version === version)
      .sort((a, b) => cmp(a.resource, b.resource));
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: defs.flatMap((d) => [
        {
          name: d.resource,
          singularName: d.singular,
          namespaced: d.namespaced,
          kind: d.kind,
          verbs: d.verbs,
          ...(d.shortNames.length > 0 ? { shortNames: d.shortNames } : {}),
          ...(d.categories.length > 0 ? { categories: d.categories } : {}),
        },
        // The scale subresource, which kubectl autoscale looks for in discovery (api-resources skips subresources).
        ...(SCALABLE.has(d.kind) ? [{ name: `${d.resource}/scale`, singularName: '', namespaced: d.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }] : []),
      ]),
    };
  }
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The autoscaling/v1 Scale of a scalable object, as its scale subresource answers. */
function scaleOf(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  const selector = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Moves an RFC 3339 timestamp by `off` ms, keeping its precision. */
export function shiftTime(s: string, off: number): string {
  const frac = /\.(\d+)Z$/.exec(s)?.[1];
  const ms = Date.parse(s) + off;
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  if (frac === undefined) return `${base}Z`;
  return `${base}.${frac}Z`;
}

function status404(message: string, details: Record<string, unknown>): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', details: JSON.parse(JSON.stringify(details)), code: 404 };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Enough of labels.Parse for goldens: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. */
export function matchLabelSelector(sel: string, labels: Record<string, string>): boolean {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.every((p) => {
    const t = p.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(t))) {
      const vals = m[3].split(',').map((v) => v.trim());
      const has = m[1] in labels;
      return m[2] === 'in' ? has && vals.includes(labels[m[1]]) : !has || !vals.includes(labels[m[1]]);
    }
    if ((m = /^(.+?)\s*!=\s*(.*)$/.exec(t))) return labels[m[1]] !== m[2];
    if ((m = /^(.+?)\s*==?\s*(.*)$/.exec(t))) return labels[m[1]] === m[2];
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

/** Field selectors over dotted paths (`status.phase!=Failed`, `involvedObject.name=x`). */
export function matchFieldSelector(sel: string, obj: KubeObject): boolean {
  return sel.split(',').every((p) => {
    const m = /^(.+?)(!=|==|=)(.*)$/.exec(p.trim());
    if (!m) return true;
    let v: unknown = obj;
    for (const k of m[1].split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    let s = v === undefined || v === null ? '' : String(v);
    if (m[1] === 'metadata.namespace' && s === '') s = '';
    return m[2] === '!=' ? s !== m[3] : s === m[3];
  });
}
