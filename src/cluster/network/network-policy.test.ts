import { describe, expect, it } from 'vitest';
import { evaluate, policyTypes } from './network-policy.js';
import { standardWorld, type TestWorld } from './test-world.js';
import type { KubeObject } from '../api/meta.js';

function ep(w: TestWorld, ns: string, name: string): { ip: string; pod: KubeObject } {
  const pod = w.getPod(ns, name);
  return { ip: (pod.status as { podIP: string }).podIP, pod };
}

const WEB = ['default', 'web-7d4b9c8f6-abcde'] as const;
const CLIENT = ['default', 'client'] as const;
const UI = ['frontend', 'ui'] as const;
const DB = ['prod', 'db-0'] as const;

describe('NetworkPolicy evaluation', () => {
  it('allows everything when no policy exists', () => {
    const w = standardWorld();
    const v = evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80);
    expect(v.allowed).toBe(true);
    expect(v.reasons).toEqual([
      'TCP/80 from pod default/client (10.244.2.7) to pod default/web-7d4b9c8f6-abcde (10.244.1.5): allowed',
      'egress: no NetworkPolicy selects default/client for Egress',
      'ingress: no NetworkPolicy selects default/web-7d4b9c8f6-abcde for Ingress',
    ]);
  });

  it('isolates pods selected by a policy with only a podSelector (the "allow-internal" lesson policy)', () => {
    const w = standardWorld();
    w.pod('default', 'internal-1', { labels: { app: 'internal' }, ip: '10.244.1.20', node: 'node-1' });
    w.policy('default', 'allow-internal', { podSelector: { matchLabels: { app: 'internal' } } });
    const v = evaluate(w.store, ep(w, ...CLIENT), ep(w, 'default', 'internal-1'), 8080);
    expect(v.allowed).toBe(false);
    expect(v.ingress).toEqual({ isolated: true, allowed: false, policies: ['default/allow-internal'], allowedBy: [] });
    expect(v.reasons[2]).toBe(
      'ingress: denied; default/internal-1 is isolated for Ingress by NetworkPolicy default/allow-internal and no ingress rule allows it',
    );
    // Other pods are not selected, and egress is not affected.
    expect(evaluate(w.store, ep(w, 'default', 'internal-1'), ep(w, ...WEB), 80).allowed).toBe(true);
    // The fix from the lesson: add ingress from all pods of the namespace.
    w.removePolicy('default', 'allow-internal').policy('default', 'allow-internal', {
      podSelector: { matchLabels: { app: 'internal' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    });
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, 'default', 'internal-1'), 8080).allowed).toBe(true);
    expect(evaluate(w.store, ep(w, ...UI), ep(w, 'default', 'internal-1'), 8080).allowed).toBe(false);
  });

  it('default deny ingress blocks all pods of the namespace, only there', () => {
    const w = standardWorld();
    w.policy('default', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80).allowed).toBe(false);
    expect(evaluate(w.store, ep(w, ...UI), ep(w, ...WEB), 80).allowed).toBe(false);
    expect(evaluate(w.store, ep(w, ...WEB), ep(w, ...DB), 5432).allowed).toBe(true);
  });

  it('default deny egress blocks the source, including UDP 53 to CoreDNS', () => {
    const w = standardWorld();
    w.policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const dns = ep(w, 'kube-system', 'coredns-668d6bf9bc-x7x2p');
    const v = evaluate(w.store, ep(w, ...CLIENT), dns, 53, 'UDP');
    expect(v.allowed).toBe(false);
    expect(v.egress.policies).toEqual(['default/default-deny-egress']);
    // An allow rule for DNS to kube-system fixes lookups but nothing else.
    w.policy('default', 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
      ],
    });
    expect(evaluate(w.store, ep(w, ...CLIENT), dns, 53, 'UDP').allowed).toBe(true);
    expect(evaluate(w.store, ep(w, ...CLIENT), dns, 53, 'UDP').egress.allowedBy).toEqual(['default/allow-dns']);
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80).allowed).toBe(false);
  });

  it('allows from namespaces with a label (kubernetes.io/metadata.name included)', () => {
    const w = standardWorld();
    w.policy('default', 'allow-frontend', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'frontend' } } }] }],
    });
    expect(evaluate(w.store, ep(w, ...UI), ep(w, ...WEB), 80).allowed).toBe(true);
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80).allowed).toBe(false);
  });

  it('ANDs podSelector and namespaceSelector in one peer, ORs separate peers', () => {
    const and = standardWorld();
    and.policy('default', 'and', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'frontend' } }, podSelector: { matchLabels: { app: 'other' } } }] }],
    });
    expect(evaluate(and.store, ep(and, ...UI), ep(and, ...WEB), 80).allowed).toBe(false);
    expect(evaluate(and.store, ep(and, ...CLIENT), ep(and, ...WEB), 80).allowed).toBe(false);

    const or = standardWorld();
    or.policy('default', 'or', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'frontend' } } }, { podSelector: { matchLabels: { app: 'other' } } }] }],
    });
    expect(evaluate(or.store, ep(or, ...UI), ep(or, ...WEB), 80).allowed).toBe(true);
    // A bare podSelector peer only selects pods in the policy's own namespace.
    or.pod('prod', 'other', { labels: { app: 'other' }, ip: '10.244.2.30', node: 'node-2' });
    or.pod('default', 'other', { labels: { app: 'other' }, ip: '10.244.2.31', node: 'node-2' });
    expect(evaluate(or.store, ep(or, 'prod', 'other'), ep(or, ...WEB), 80).allowed).toBe(false);
    expect(evaluate(or.store, ep(or, 'default', 'other'), ep(or, ...WEB), 80).allowed).toBe(true);
  });

  it('resolves named ports against the destination container, and honours endPort and protocol', () => {
    const w = standardWorld();
    w.policy('default', 'web-http', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] });
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80).allowed).toBe(true);
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 8080).allowed).toBe(false);
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80, 'UDP').allowed).toBe(false);

    const r = standardWorld();
    r.policy('default', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8100, protocol: 'TCP' }] }] });
    expect(evaluate(r.store, ep(r, ...CLIENT), ep(r, ...WEB), 8080).allowed).toBe(true);
    expect(evaluate(r.store, ep(r, ...CLIENT), ep(r, ...WEB), 8101).allowed).toBe(false);
    expect(evaluate(r.store, ep(r, ...CLIENT), ep(r, ...WEB), 80).allowed).toBe(false);
  });

  it('matches ipBlock cidr minus except against pod and external IPs', () => {
    const w = standardWorld();
    w.policy('default', 'ipblock', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }] }],
    });
    expect(evaluate(w.store, ep(w, ...UI), ep(w, ...WEB), 80).allowed).toBe(true); // 10.244.1.11
    expect(evaluate(w.store, ep(w, ...CLIENT), ep(w, ...WEB), 80).allowed).toBe(false); // 10.244.2.7
    expect(evaluate(w.store, { ip: '203.0.113.9' }, ep(w, ...WEB), 80).allowed).toBe(false);
  });

  it('always lets a node reach its own pods (probes), not other nodes', () => {
    const w = standardWorld();
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const own = evaluate(w.store, { ip: '192.168.49.2' }, ep(w, ...WEB), 80);
    expect(own.allowed).toBe(true);
    expect(own.reasons).toContain("ingress: traffic from the pod's own node (node-1) is always allowed");
    expect(evaluate(w.store, { ip: '192.168.49.3' }, ep(w, ...WEB), 80).allowed).toBe(false);
  });

  it('never isolates hostNetwork pods', () => {
    const w = standardWorld();
    const hn = w.pod('default', 'agent', { labels: { app: 'agent' }, ip: '192.168.49.3', node: 'node-2', hostNetwork: true });
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(evaluate(w.store, { ip: '10.244.1.5' }, { ip: '192.168.49.3', pod: hn }, 9100).ingress.isolated).toBe(false);
  });

  it('defaults policyTypes from the presence of an egress section', () => {
    const w = standardWorld();
    w.policy('default', 'p1', { podSelector: {}, egress: [] });
    w.policy('default', 'p2', { podSelector: {}, ingress: [{}] });
    expect(policyTypes(w.store.get('networkpolicies.networking.k8s.io', 'default', 'p1')!)).toEqual(['Ingress', 'Egress']);
    expect(policyTypes(w.store.get('networkpolicies.networking.k8s.io', 'default', 'p2')!)).toEqual(['Ingress']);
  });

  it('treats an empty ingress rule as allow-all, and rules as additive across policies', () => {
    const w = standardWorld();
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    w.policy('default', 'allow-all-web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] });
    const v = evaluate(w.store, ep(w, ...UI), ep(w, ...WEB), 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.policies).toEqual(['default/allow-all-web', 'default/deny']);
    expect(v.ingress.allowedBy).toEqual(['default/allow-all-web']);
  });

  it('lets a pod reach itself whatever the policies', () => {
    const w = standardWorld();
    w.policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(evaluate(w.store, ep(w, ...WEB), ep(w, ...WEB), 80).allowed).toBe(true);
  });
});
