import { describe, expect, it } from 'vitest';
import { hostsFile, queryCoreDNS, resolvConf, resolverConfig, searchCandidates } from './dns.js';
import { standardWorld } from './test-world.js';

describe('cluster DNS', () => {
  it('writes resolv.conf as the kubelet configures ClusterFirst pods', () => {
    const w = standardWorld();
    expect(resolvConf(resolverConfig(w.store, w.getPod('default', 'client')))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(resolvConf(resolverConfig(w.store, w.getPod('prod', 'db-0')))).toBe(
      'search prod.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('writes the kubelet-managed /etc/hosts', () => {
    const w = standardWorld();
    expect(hostsFile(w.store, w.getPod('default', 'client'))).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.2.7\tclient\n',
    );
  });

  it('walks the search path before the name itself when it has fewer than 5 dots', () => {
    const w = standardWorld();
    const cfg = resolverConfig(w.store, w.getPod('default', 'client'));
    expect(searchCandidates('web', cfg)).toEqual([
      'web.default.svc.cluster.local',
      'web.svc.cluster.local',
      'web.cluster.local',
      'web',
    ]);
    expect(searchCandidates('web.prod.svc.cluster.local.', cfg)).toEqual(['web.prod.svc.cluster.local']);
  });

  it('answers Services, headless Services, ExternalName and pod records like CoreDNS', () => {
    const w = standardWorld();
    w.pod('prod', 'cache-0', { labels: { app: 'cache' }, ip: '10.244.2.40', node: 'node-2' });
    w.pod('prod', 'cache-1', { labels: { app: 'cache' }, ip: '10.244.1.41', node: 'node-1' });
    w.service('prod', 'cache', { clusterIP: 'None', selector: { app: 'cache' }, ports: [{ port: 6379 }] });
    w.service('prod', 'billing', { clusterIP: '', type: 'ExternalName', externalName: 'db.prod.svc.cluster.local', ports: [] });
    expect(queryCoreDNS(w.store, 'web.default.svc.cluster.local', 'A')).toEqual({
      rcode: 'NOERROR',
      authoritative: true,
      records: [{ name: 'web.default.svc.cluster.local', type: 'A', value: '10.96.12.5', ttl: 30 }],
    });
    expect(queryCoreDNS(w.store, 'cache.prod.svc.cluster.local', 'A').records.map((r) => r.value)).toEqual(['10.244.2.40', '10.244.1.41']);
    expect(queryCoreDNS(w.store, 'billing.prod.svc.cluster.local', 'A').records).toEqual([
      { name: 'billing.prod.svc.cluster.local', type: 'CNAME', value: 'db.prod.svc.cluster.local', ttl: 30 },
      { name: 'db.prod.svc.cluster.local', type: 'A', value: '10.96.30.1', ttl: 30 },
    ]);
    expect(queryCoreDNS(w.store, '10-244-1-5.default.pod.cluster.local', 'A').records[0]!.value).toBe('10.244.1.5');
    expect(queryCoreDNS(w.store, 'web.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(queryCoreDNS(w.store, 'web.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', authoritative: true, records: [] });
    expect(queryCoreDNS(w.store, 'kubernetes.default', 'A')).toEqual({ rcode: 'NXDOMAIN', authoritative: false, records: [] });
  });

  it('resolves short names only in the pod\'s own namespace (cross-namespace short names fail)', () => {
    const w = standardWorld();
    const client = { namespace: 'default', name: 'client' };
    expect(w.net.resolve(client, 'web')).toMatchObject({ kind: 'ok', ips: ['10.96.12.5'], fqdn: 'web.default.svc.cluster.local' });
    expect(w.net.resolve(client, 'db')).toMatchObject({ kind: 'nxdomain', tried: ['db.default.svc.cluster.local', 'db.svc.cluster.local', 'db.cluster.local', 'db'] });
    expect(w.net.resolve(client, 'db.prod')).toMatchObject({ kind: 'ok', ips: ['10.96.30.1'], fqdn: 'db.prod.svc.cluster.local' });
    expect(w.net.resolve(client, 'db.prod.svc')).toMatchObject({ kind: 'ok', fqdn: 'db.prod.svc.cluster.local' });
    expect(w.net.resolve(client, 'db.prod.svc.cluster.local')).toMatchObject({ kind: 'ok', ips: ['10.96.30.1'] });
    expect(w.net.resolve({ namespace: 'prod', name: 'db-0' }, 'db')).toMatchObject({ kind: 'ok', ips: ['10.96.30.1'] });
    expect(w.net.resolve(client, 'client')).toMatchObject({ kind: 'ok', ips: ['10.244.2.7'] });
  });

  it('times out when kube-dns has no ready endpoints or egress to it is blocked', () => {
    const blocked = standardWorld();
    blocked.policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(blocked.net.resolve({ namespace: 'default', name: 'client' }, 'web')).toMatchObject({ kind: 'timeout', server: '10.96.0.10' });

    const ingress = standardWorld();
    ingress.policy('kube-system', 'lockdown', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(ingress.net.resolve({ namespace: 'default', name: 'client' }, 'web').kind).toBe('timeout');

    const down = standardWorld();
    down.store.remove('pods', 'kube-system', 'coredns-668d6bf9bc-x7x2p');
    down.endpoints('kube-system', 'kube-dns');
    expect(down.net.resolve({ namespace: 'default', name: 'client' }, 'web')).toMatchObject({ kind: 'refused' });
  });
});

describe('asking another server', () => {
  it('times out against a pod that is not a DNS server', () => {
    const w = standardWorld();
    expect(w.exec('default', 'client', ['nslookup', 'web.default.svc.cluster.local', '10.244.1.5']).stdout).toBe(
      ';; connection timed out; no servers could be reached\n\n',
    );
  });
});
