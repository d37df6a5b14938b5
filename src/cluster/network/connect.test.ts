import { describe, expect, it } from 'vitest';
import { standardWorld } from './test-world.js';

const CLIENT = { namespace: 'default', name: 'client' };

describe('connect()', () => {
  it('reaches a Service through a ready endpoint', () => {
    const w = standardWorld();
    const r = w.net.connect(CLIENT, 'web', 80);
    expect(r).toMatchObject({
      outcome: 'ok',
      stage: 'connected',
      ip: '10.96.12.5',
      backendIP: '10.244.1.5',
      backendPort: 80,
      targetPod: { namespace: 'default', name: 'web-7d4b9c8f6-abcde' },
      container: 'nginx',
    });
    expect(r.process?.http(80, '/')?.status).toBe(200);
    expect(r.explanation).toBe(
      'web resolved to 10.96.12.5 (web.default.svc.cluster.local); 10.96.12.5:80 → endpoint 10.244.1.5:80: connected to container nginx of pod default/web-7d4b9c8f6-abcde (10.244.1.5:80)',
    );
  });

  it('is refused by kube-proxy when the Service has no ready endpoints (selector mismatch)', () => {
    const w = standardWorld();
    w.service('default', 'typo', { clusterIP: '10.96.40.4', selector: { app: 'wbe' }, ports: [{ port: 80 }] });
    expect(w.net.connect(CLIENT, 'typo', 80)).toMatchObject({
      outcome: 'refused',
      stage: 'service',
      explanation: 'typo resolved to 10.96.40.4 (typo.default.svc.cluster.local); Service default/typo has no ready endpoints for port 80/TCP; kube-proxy rejects connections to 10.96.40.4:80',
    });
  });

  it('is refused by the pod when targetPort points at a port nobody listens on', () => {
    const w = standardWorld();
    w.service('default', 'web2', { clusterIP: '10.96.40.5', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    const r = w.net.connect(CLIENT, 'web2', 80);
    expect(r).toMatchObject({ outcome: 'refused', stage: 'process', backendPort: 8080 });
    expect(r.explanation).toContain('nothing in pod default/web-7d4b9c8f6-abcde listens on TCP/8080 (container ports: nginx:80)');
  });

  it('times out when a NetworkPolicy drops the traffic', () => {
    const w = standardWorld();
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const r = w.net.connect(CLIENT, 'web', 80);
    expect(r).toMatchObject({ outcome: 'timeout', stage: 'policy' });
    expect(r.explanation).toContain('NetworkPolicy default/deny');
  });

  it('fails the lookup of another namespace\'s short name', () => {
    const w = standardWorld();
    expect(w.net.connect(CLIENT, 'db', 5432)).toMatchObject({ outcome: 'nxdomain', stage: 'dns', dns: 'nxdomain' });
    expect(w.net.connect(CLIENT, 'db.prod', 5432)).toMatchObject({ outcome: 'ok', targetPod: { namespace: 'prod', name: 'db-0' } });
  });

  it('times out in DNS when egress to kube-dns is blocked', () => {
    const w = standardWorld();
    w.policy('default', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(w.net.connect(CLIENT, 'web', 80)).toMatchObject({ outcome: 'timeout', stage: 'dns', dns: 'timeout' });
    // By IP, DNS is not involved and the egress policy itself drops the SYN.
    expect(w.net.connect(CLIENT, '10.96.12.5', 80)).toMatchObject({ outcome: 'timeout', stage: 'policy' });
  });

  it('loses packets to a Service port that is not exposed', () => {
    const w = standardWorld();
    expect(w.net.connect(CLIENT, 'web', 8080)).toMatchObject({ outcome: 'timeout', stage: 'service' });
  });

  it('connects to pod IPs directly, and finds no route to a deleted pod\'s IP', () => {
    const w = standardWorld();
    expect(w.net.connect(CLIENT, '10.244.1.5', 80)).toMatchObject({ outcome: 'ok', container: 'nginx' });
    expect(w.net.connect(CLIENT, '10.244.1.99', 80)).toMatchObject({ outcome: 'unreachable', stage: 'route' });
  });

  it('is refused when the process listens on 127.0.0.1 only (listensOn false)', () => {
    const w = standardWorld();
    w.pod('default', 'local-0', { labels: { app: 'local' }, ip: '10.244.1.60', node: 'node-1', container: 'app', proc: { tcp: [] } });
    expect(w.net.connect(CLIENT, '10.244.1.60', 8080).outcome).toBe('refused');
  });

  it('routes NodePorts on node IPs and lets a node probe its own pods', () => {
    const w = standardWorld();
    w.service('default', 'web-np', { clusterIP: '10.96.50.5', type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] });
    expect(w.net.connect(CLIENT, '192.168.49.2', 30080)).toMatchObject({ outcome: 'ok', targetPod: { name: 'web-7d4b9c8f6-abcde' } });
    expect(w.net.connect(CLIENT, '192.168.49.2', 30081)).toMatchObject({ outcome: 'refused' });
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(w.net.connect({ node: 'node-1' }, '10.244.1.5', 80).outcome).toBe('ok');
  });

  it('picks endpoints from a seeded RNG, and pick:any consumes none', () => {
    const a = standardWorld();
    a.pod('default', 'web-7d4b9c8f6-fghij', { labels: { app: 'web' }, ip: '10.244.2.5', node: 'node-2', container: 'nginx', proc: { tcp: [] } });
    a.endpoints('default', 'web');
    const seq = Array.from({ length: 6 }, () => a.net.connect(CLIENT, 'web', 80).backendIP);
    const b = standardWorld();
    b.pod('default', 'web-7d4b9c8f6-fghij', { labels: { app: 'web' }, ip: '10.244.2.5', node: 'node-2', container: 'nginx', proc: { tcp: [] } });
    b.endpoints('default', 'web');
    expect(b.net.connect(CLIENT, 'web', 80, 'TCP', { pick: 'any' }).outcome).toBe('ok');
    expect(Array.from({ length: 6 }, () => b.net.connect(CLIENT, 'web', 80).backendIP)).toEqual(seq);
    expect(new Set(seq).size).toBe(2);
  });
});

describe('loopback', () => {
  it('reaches a 127.0.0.1-bound process only from inside its pod, when the kubelet says so', () => {
    const w = standardWorld();
    const pod = w.pod('default', 'local-1', { labels: { app: 'local' }, ip: '10.244.1.61', node: 'node-1', container: 'app', proc: { tcp: [] } });
    const kubelet = w.host.kubelet();
    const orig = kubelet.process.bind(kubelet);
    (kubelet as { process: typeof orig }).process = (ns, name, c) => {
      const p = orig(ns, name, c);
      return p && name === 'local-1' ? Object.assign(Object.create(p) as typeof p, { listensLocally: (port: number) => port === 8080 }) : p;
    };
    expect(w.net.connect(pod, 'localhost', 8080).outcome).toBe('ok');
    expect(w.net.connect(pod, '10.244.1.61', 8080).outcome).toBe('refused');
    expect(w.net.connect(CLIENT, '10.244.1.61', 8080).outcome).toBe('refused');
  });
});

describe('endpoints on node addresses', () => {
  it('reaches the API server (a host-network pod) behind the kubernetes Service', () => {
    const w = standardWorld();
    w.pod('kube-system', 'kube-apiserver-node-1', { ip: '192.168.49.2', node: 'node-1', container: 'kube-apiserver', hostNetwork: true, proc: { tcp: [6443], http: { 6443: () => ({ status: 200, body: 'ok' }) } } });
    w.service('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    w.store.insert('endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
    expect(w.net.connect(CLIENT, 'kubernetes.default', 443)).toMatchObject({ outcome: 'ok', backendIP: '192.168.49.2', backendPort: 6443, container: 'kube-apiserver' });
    expect(w.exec('frontend', 'ui', ['curl', '-sS', 'https://kubernetes.default/healthz']).exitCode).toBe(60);
    expect(w.exec('frontend', 'ui', ['curl', '-sSk', 'https://kubernetes.default/healthz'])).toEqual({ stdout: 'ok', stderr: '', exitCode: 0 });
  });
});
