import http from 'node:http';
import fs from 'node:fs';
const now = '2026-01-15T09:00:00Z';
const fixture = JSON.parse(fs.readFileSync(new URL('./fixture.json', import.meta.url), 'utf8'));
const store = {};
for (const o of fixture.items) {
  const resource = { Deployment: 'deployments', ReplicaSet: 'replicasets', DaemonSet: 'daemonsets', Pod: 'pods', Node: 'nodes', ConfigMap: 'configmaps', Namespace: 'namespaces', Service: 'services' }[o.kind];
  (store[resource] ??= []).push(o);
}
const pods = store.pods ?? [];
const nodes = store.nodes ?? [];
const res = (name, kind, namespaced, verbs = ['create','delete','deletecollection','get','list','patch','update','watch'], short = []) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs, shortNames: short });
const disco = {
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [res('pods', 'Pod', true, undefined, ['po']), { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }, { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] }, res('nodes', 'Node', false, undefined, ['no']), res('configmaps', 'ConfigMap', true, undefined, ['cm']), res('namespaces', 'Namespace', false, undefined, ['ns']), res('services', 'Service', true, undefined, ['svc'])] },
  '/apis/apps/v1': { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [res('deployments', 'Deployment', true, undefined, ['deploy']), { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }, res('replicasets', 'ReplicaSet', true, undefined, ['rs']), res('daemonsets', 'DaemonSet', true, undefined, ['ds'])] },
  '/apis/authorization.k8s.io/v1': { kind: 'APIResourceList', groupVersion: 'authorization.k8s.io/v1', resources: [res('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create'])] },
  '/apis/metrics.k8s.io/v1beta1': { kind: 'APIResourceList', groupVersion: 'metrics.k8s.io/v1beta1', resources: [res('pods', 'PodMetrics', true, ['get', 'list']), res('nodes', 'NodeMetrics', false, ['get', 'list'])] },
};
const groups = { kind: 'APIGroupList', apiVersion: 'v1', groups: [['apps', 'v1'], ['authorization.k8s.io', 'v1'], ['metrics.k8s.io', 'v1beta1']].map(([g, v]) => ({ name: g, versions: [{ groupVersion: `${g}/${v}`, version: v }], preferredVersion: { groupVersion: `${g}/${v}`, version: v } })) };
const json = (r, code, body) => { r.writeHead(code, { 'Content-Type': 'application/json' }); r.end(JSON.stringify(body)); };
const notFound = (r, res, group, name) => json(r, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${group ? res + '.' + group : res} "${name}" not found`, reason: 'NotFound', details: { name, group, kind: res }, code: 404 });
http.createServer((req, r) => {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    process.stderr.write(`${req.method} ${req.url}\n`);
    if (p === '/api') return json(r, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:18080' }] });
    if (p === '/apis') return json(r, 200, groups);
    if (disco[p]) return json(r, 200, disco[p]);
    if (p === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && req.method === 'POST') {
      const review = JSON.parse(body);
      const ra = review.spec.resourceAttributes ?? {};
      return json(r, 201, { ...review, status: { allowed: ra.verb !== 'delete' } });
    }
    if (p === '/version') return json(r, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4' });
    if (p.startsWith('/apis/metrics.k8s.io/v1beta1')) {
      if (p.endsWith('/nodes')) return json(r, 200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: nodes.map((n, i) => ({ metadata: { name: n.metadata.name, creationTimestamp: now }, timestamp: now, window: '20s', usage: { cpu: i ? '67000000n' : '156000000n', memory: i ? '578560Ki' : '978944Ki' } })) });
      const m = /namespaces\/([^/]+)\/pods(?:\/([^/]+))?$/.exec(p);
      const items = pods.filter((x) => !m[2] || x.metadata.name === m[2]).map((x) => ({ metadata: { name: x.metadata.name, namespace: 'default', creationTimestamp: now }, timestamp: now, window: '15s', containers: x.spec.containers.map((c, i) => ({ name: c.name, usage: { cpu: `${1000000 * (i + 1)}n`, memory: `${9400 + i}Ki` } })) }));
      if (m[2]) return items.length ? json(r, 200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] }) : notFound(r, 'podmetrics', 'metrics.k8s.io', m[2]);
      return json(r, 200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
    }
    const m = /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(p);
    if (!m) return json(r, 404, { kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
    const [, group = '', ns, resource, name, sub] = m;
    const list = (store[resource] ?? []).filter((o) => !ns || o.metadata.namespace === ns);
    if (req.method === 'POST' && !name) { const o = JSON.parse(body); if (list.some((x) => x.metadata.name === o.metadata.name)) return json(r, 409, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${group ? resource + '.' + group : resource} "${o.metadata.name}" already exists`, reason: 'AlreadyExists', details: { name: o.metadata.name, group, kind: resource }, code: 409 }); return json(r, 201, { ...o, metadata: { ...o.metadata, uid: 'new', resourceVersion: '101', creationTimestamp: now } }); }
    if (!name) {
      const ls = u.searchParams.get('labelSelector');
      const fs = u.searchParams.get('fieldSelector');
      let items = list;
      if (ls) items = items.filter((o) => ls.split(',').every((kv) => { const [k, v] = kv.split('='); return o.metadata.labels?.[k] === v; }));
      if (fs && fs.startsWith('metadata.name=')) items = items.filter((o) => o.metadata.name === fs.slice(14));
      if (fs && fs.startsWith('spec.nodeName=')) items = items.filter((o) => o.spec?.nodeName === fs.slice(14));
      if (u.searchParams.get('watch') === 'true') { r.writeHead(200, { 'Content-Type': 'application/json' }); return; }
      const kind = (list[0]?.kind ?? 'Object') + 'List';
      return json(r, 200, { kind, apiVersion: group ? `${group}/v1` : 'v1', metadata: { resourceVersion: '100' }, items });
    }
    if (req.method === 'POST' && !name) { const o = JSON.parse(body); if (list.some((x) => x.metadata.name === o.metadata.name)) return json(r, 409, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${group ? resource + '.' + group : resource} "${o.metadata.name}" already exists`, reason: 'AlreadyExists', details: { name: o.metadata.name, group, kind: resource }, code: 409 }); return json(r, 201, { ...o, metadata: { ...o.metadata, uid: 'new', resourceVersion: '101', creationTimestamp: now } }); }
    const obj = list.find((o) => o.metadata.name === name);
    if (!obj) return notFound(r, resource, group, name);
    if (sub === 'eviction') { store.pods = store.pods.filter((o) => o !== obj); return json(r, 201, { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 201 }); }
    if (sub === 'log') { r.writeHead(200, { 'Content-Type': 'text/plain' }); return r.end(`hello from ${name}/${u.searchParams.get('container') ?? ''}\n`); }
    if (sub === 'scale') return json(r, 200, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: obj.metadata, spec: { replicas: JSON.parse(body || '{}').spec?.replicas ?? obj.spec.replicas }, status: { replicas: obj.spec.replicas } });
    if (req.method === 'DELETE') { if (u.searchParams.get('evict') === 'stateful') store[resource] = store[resource].filter((o) => o !== obj); return json(r, 200, obj); }
    if (req.method === 'PUT') return json(r, 200, JSON.parse(body));
    if (req.method === 'PATCH') { const patch = JSON.parse(body || '{}'); return json(r, 200, { ...obj, spec: { ...obj.spec, ...(patch.spec ?? {}) } }); }
    return json(r, 200, obj);
  });
}).listen(18080, () => process.stderr.write('listening\n'));
