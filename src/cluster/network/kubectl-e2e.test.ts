import { describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../kubectl/commands/testkit.js';

/** The network drills as a learner types them, through the kubectl interpreter. */

const APP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {run: client}}
spec: {containers: [{name: client, image: busybox:1.36, command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other, labels: {run: other}}
spec: {containers: [{name: other, image: busybox:1.36, command: [sleep, "3600"]}]}
`;

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

const ALLOW = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-client, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {run: client}}}]
    ports: [{port: http}]
`;

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

const ALLOW_DNS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`;

const ALLOW_WEB_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {run: client}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 80}]}]
`;

function cluster(): { env: TestEnv; ip: string } {
  const env = testEnv({
    'app.yaml': APP,
    'deny.yaml': DENY,
    'allow.yaml': ALLOW,
    'deny-egress.yaml': DENY_EGRESS,
    'allow-dns.yaml': ALLOW_DNS,
    'allow-web-egress.yaml': ALLOW_WEB_EGRESS,
  });
  expect(env.run('apply -f app.yaml').exitCode).toBe(0);
  env.sim.advanceBy(30_000);
  const svc = env.sim.store.get('services', 'shop', 'web')!;
  return { env, ip: (svc.spec as { clusterIP: string }).clusterIP };
}

describe('network drills through kubectl exec', () => {
  it('default deny times out, an allow rule for the client fixes it for the client only', () => {
    const { env, ip } = cluster();
    expect(env.run('exec -n shop client -- wget -qO- --timeout=2 http://web').stdout).toContain('Welcome to nginx!');
    expect(env.run('apply -f deny.yaml').stdout).toBe('networkpolicy.networking.k8s.io/default-deny-ingress created\n');
    const t0 = env.sim.now();
    expect(env.run('exec -n shop client -- wget --spider --timeout=1 web')).toEqual({
      stdout: '',
      stderr: `Connecting to web (${ip}:80)\nwget: download timed out\ncommand terminated with exit code 1\n`,
      exitCode: 1,
    });
    expect(env.sim.now() - t0).toBe(1000);
    env.run('apply -f allow.yaml');
    expect(env.run('exec -n shop client -- wget --spider --timeout=1 web')).toEqual({
      stdout: '',
      stderr: `Connecting to web (${ip}:80)\nremote file exists\n`,
      exitCode: 0,
    });
    expect(env.run('exec other -- wget -qO- -T 1 web.shop').stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
  });

  it('a short name from another namespace does not resolve; the namespaced name does', () => {
    const { env } = cluster();
    expect(env.run('exec other -- wget -qO- -T 1 http://web')).toEqual({
      stdout: '',
      stderr: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(env.run('exec other -- wget -qO- -T 1 http://web.shop').exitCode).toBe(0);
  });

  it('a selector that matches nothing leaves the Service without endpoints: refused', () => {
    const { env } = cluster();
    expect(env.run('patch svc web -n shop -p {"spec":{"selector":{"app":"wbe"}}}').exitCode).toBe(0);
    env.sim.advanceBy(1000);
    const ip = (env.sim.store.get('services', 'shop', 'web')!.spec as { clusterIP: string }).clusterIP;
    expect(env.run('exec -n shop client -- wget -qO- -T 2 web')).toEqual({
      stdout: '',
      stderr: `wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`,
      exitCode: 1,
    });
  });

  it('default deny egress also blocks DNS; allowing DNS then the web port fixes it step by step', () => {
    const { env } = cluster();
    env.run('apply -f deny-egress.yaml');
    let t0 = env.sim.now();
    expect(env.run('exec -n shop client -- wget -qO- -T 2 web')).toEqual({
      stdout: '',
      stderr: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(env.sim.now() - t0).toBe(10_000);
    expect(env.run('exec -n shop client -- nslookup web.shop.svc.cluster.local').stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    env.run('apply -f allow-dns.yaml');
    t0 = env.sim.now();
    expect(env.run('exec -n shop client -- wget -qO- -T 2 web').stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    expect(env.sim.now() - t0).toBe(2000);
    env.run('apply -f allow-web-egress.yaml');
    expect(env.run('exec -n shop client -- wget -qO- -T 2 web').stdout).toContain('Welcome to nginx!');
  });
});
