import type { KubeObject } from '../api/meta.js';
import type { Kubelet, RunningProcess } from '../kubelet/index.js';
import { ObjectStore } from '../store/object-store.js';
import { Rng } from '../time/rng.js';
import type { NetHost } from './connect.js';
import { createNetwork, type Network } from './index.js';
import { mapSelectorMatches } from '../api/labels.js';

/**
 * A hand-built cluster for the network's own tests (and anyone who wants to
 * test against the network without the scheduler, controllers and kubelet):
 * objects go straight into a store, Endpoints are written here, and a fake
 * kubelet answers `process()` from a table.
 */

export interface FakeProcess {
  tcp?: number[];
  udp?: number[];
  /** HTTP answers by port; a port listed in `tcp` without one does not speak HTTP. */
  http?: Record<number, (path: string) => { status: number; body: string }>;
  tools?: string[];
  /** Where the image has executables it knows the location of. */
  paths?: Record<string, string>;
  files?: Record<string, string>;
  env?: Record<string, string>;
}

export const BUSYBOX_TOOLS = ['busybox', 'sh'];
export const NGINX_PAGE =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

export const nginx: FakeProcess = {
  tcp: [80],
  http: { 80: (path) => (path === '/' || path === '/index.html' ? { status: 200, body: NGINX_PAGE } : { status: 404, body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n' }) },
  tools: ['sh', 'bash', 'cat', 'ls', 'echo', 'env', 'curl', 'hostname', 'sleep', 'true', 'false', 'head', 'grep'],
};

export class TestWorld {
  readonly store = new ObjectStore();
  private readonly procs = new Map<string, FakeProcess>();
  nowMs = Date.UTC(2026, 0, 15, 9, 0, 0);
  readonly host: NetHost;
  readonly net: Network;
  private uid = 0;

  constructor() {
    const kubelet: Pick<Kubelet, 'process'> = { process: (ns, pod, c) => this.process(ns, pod, c) };
    this.host = {
      store: this.store,
      kubelet: () => kubelet,
      rng: new Rng(7),
      now: () => this.nowMs,
      advanceBy: (ms) => {
        this.nowMs += ms;
      },
    };
    this.net = createNetwork(this.host, new Rng(9));
  }

  private process(ns: string, pod: string, container: string): RunningProcess | undefined {
    const p = this.procs.get(`${ns}/${pod}/${container}`);
    if (!p) return undefined;
    return {
      listensOn: (port, protocol = 'TCP') => (protocol === 'UDP' ? (p.udp ?? []) : (p.tcp ?? [])).includes(port),
      http: (port, path) => p.http?.[port]?.(path),
      tools: new Set(p.tools ?? []),
      paths: p.paths ?? {},
      files: p.files ?? {},
      env: p.env ?? {},
    };
  }

  namespace(name: string, labels: Record<string, string> = {}): this {
    this.store.load('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    return this;
  }

  node(name: string, ip: string, podCIDR: string): this {
    this.store.load('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec: { podCIDR, podCIDRs: [podCIDR] },
      status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] },
    });
    return this;
  }

  pod(
    ns: string,
    name: string,
    o: {
      labels?: Record<string, string>;
      ip: string;
      node: string;
      ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
      container?: string;
      proc?: FakeProcess;
      ready?: boolean;
      hostNetwork?: boolean;
      spec?: Record<string, unknown>;
    },
  ): KubeObject {
    const container = o.container ?? name.split('-')[0]!;
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: o.labels ?? {}, uid: `uid-${++this.uid}` },
      spec: {
        nodeName: o.node,
        containers: [{ name: container, image: 'x', ...(o.ports ? { ports: o.ports } : {}) }],
        ...(o.hostNetwork ? { hostNetwork: true } : {}),
        ...(o.spec ?? {}),
      },
      status: {
        phase: 'Running',
        podIP: o.ip,
        conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
      },
    };
    this.store.load('pods', obj);
    if (o.proc) this.procs.set(`${ns}/${name}/${container}`, o.proc);
    return this.store.get('pods', ns, name)!;
  }

  service(
    ns: string,
    name: string,
    o: {
      clusterIP: string;
      ports: { name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number }[];
      selector?: Record<string, string>;
      type?: string;
      externalName?: string;
    },
  ): this {
    this.store.load('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: {
        type: o.type ?? 'ClusterIP',
        clusterIP: o.clusterIP,
        ports: o.ports,
        ...(o.selector ? { selector: o.selector } : {}),
        ...(o.externalName ? { externalName: o.externalName } : {}),
      },
    });
    this.endpoints(ns, name);
    return this;
  }

  /** Writes the Endpoints object the Endpoints controller would write. */
  endpoints(ns: string, name: string): this {
    const svc = this.store.get('services', ns, name)!;
    const spec = svc.spec as { selector?: Record<string, string>; ports: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] };
    if (!spec.selector) return this;
    const pods = this.store.list('pods', ns).filter((p) => mapSelectorMatches(spec.selector, p.metadata.labels));
    const ready = pods.filter((p) => (p.status as { conditions: { status: string }[] }).conditions[0]!.status === 'True');
    const notReady = pods.filter((p) => !ready.includes(p));
    const addr = (p: KubeObject): Record<string, unknown> => ({
      ip: (p.status as { podIP: string }).podIP,
      nodeName: (p.spec as { nodeName: string }).nodeName,
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns },
    });
    const ports = spec.ports.map((sp) => {
      let port = typeof sp.targetPort === 'number' ? sp.targetPort : sp.port;
      if (typeof sp.targetPort === 'string') {
        for (const p of pods)
          for (const c of (p.spec as { containers: { ports?: { name?: string; containerPort: number }[] }[] }).containers)
            for (const cp of c.ports ?? []) if (cp.name === sp.targetPort) port = cp.containerPort;
      }
      return { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' };
    });
    const subset: Record<string, unknown> = { ports };
    if (ready.length > 0) subset.addresses = ready.map(addr);
    if (notReady.length > 0) subset.notReadyAddresses = notReady.map(addr);
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns },
      ...(pods.length > 0 ? { subsets: [subset] } : {}),
    };
    if (this.store.get('endpoints', ns, name)) this.store.replace('endpoints', ep);
    else this.store.insert('endpoints', ep);
    return this;
  }

  policy(ns: string, name: string, spec: Record<string, unknown>): this {
    this.store.load('networkpolicies.networking.k8s.io', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: ns },
      spec,
    });
    return this;
  }

  removePolicy(ns: string, name: string): this {
    this.store.remove('networkpolicies.networking.k8s.io', ns, name);
    return this;
  }

  getPod(ns: string, name: string): KubeObject {
    return this.store.get('pods', ns, name)!;
  }

  exec(ns: string, pod: string, argv: string[], container?: string): ReturnType<Network['exec']> {
    const c = container ?? (this.getPod(ns, pod).spec as { containers: { name: string }[] }).containers[0]!.name;
    return this.net.exec(ns, pod, c, argv);
  }
}

/**
 * The standard small cluster: two workers, CoreDNS in kube-system, `web`
 * (nginx) and a busybox `client` in default, `db` (postgres) in `prod`.
 */
export function standardWorld(): TestWorld {
  const w = new TestWorld();
  w.namespace('default').namespace('kube-system').namespace('prod', { team: 'backend' }).namespace('frontend', { team: 'frontend' });
  w.node('node-1', '192.168.49.2', '10.244.1.0/24').node('node-2', '192.168.49.3', '10.244.2.0/24');
  w.pod('kube-system', 'coredns-668d6bf9bc-x7x2p', {
    labels: { 'k8s-app': 'kube-dns' },
    ip: '10.244.1.2',
    node: 'node-1',
    container: 'coredns',
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ],
    proc: { tcp: [53], udp: [53] },
  });
  w.service('kube-system', 'kube-dns', {
    clusterIP: '10.96.0.10',
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ],
  });
  w.pod('default', 'web-7d4b9c8f6-abcde', {
    labels: { app: 'web' },
    ip: '10.244.1.5',
    node: 'node-1',
    container: 'nginx',
    ports: [{ name: 'http', containerPort: 80 }],
    proc: nginx,
  });
  w.service('default', 'web', { clusterIP: '10.96.12.5', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] });
  w.pod('default', 'client', {
    labels: { run: 'client' },
    ip: '10.244.2.7',
    node: 'node-2',
    container: 'client',
    proc: { tools: BUSYBOX_TOOLS },
  });
  w.pod('prod', 'db-0', {
    labels: { app: 'db' },
    ip: '10.244.2.9',
    node: 'node-2',
    container: 'postgres',
    ports: [{ name: 'postgres', containerPort: 5432 }],
    proc: { tcp: [5432], tools: ['sh', 'bash', 'cat', 'ls', 'echo', 'env'] },
  });
  w.service('prod', 'db', { clusterIP: '10.96.30.1', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] });
  w.pod('frontend', 'ui', { labels: { app: 'ui' }, ip: '10.244.1.11', node: 'node-1', container: 'ui', proc: { tools: ['ash', 'sh', 'curl'] } }); // curlimages/curl: Alpine
  return w;
}
