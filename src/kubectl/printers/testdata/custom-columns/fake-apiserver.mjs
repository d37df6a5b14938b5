// A minimal API server for recording kubectl goldens: legacy discovery for core/v1
// ConfigMaps, and list/get of the ConfigMaps in items.json (namespace "default").
// Usage: node fake-apiserver.mjs <port> <items.json>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
const items = JSON.parse(readFileSync(file, 'utf8'));
const routes = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [{ name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['get', 'list'], shortNames: ['cm'] }],
  },
  '/api/v1/namespaces/default/configmaps': { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items },
};
for (const it of items) routes[`/api/v1/namespaces/default/configmaps/${it.metadata.name}`] = it;

createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const body = routes[path];
  res.setHeader('Content-Type', 'application/json');
  if (body === undefined) {
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${path} not found`, reason: 'NotFound', code: 404 }));
    return;
  }
  res.end(JSON.stringify(body));
}).listen(Number(port), '127.0.0.1');
