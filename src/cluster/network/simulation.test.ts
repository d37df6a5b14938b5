import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { createSimulation, type Simulation } from '../simulation.js';
import { connect, podsReach } from './index.js';

/** The network over the real simulation: bootstrap CoreDNS, kubelet processes, Endpoints controller. */

function create(sim: Simulation, obj: KubeObject): void {
  const r = sim.api.create(obj);
  if (!r.ok) throw new Error(JSON.stringify(r));
}

function pod(name: string, labels: Record<string, string>, image: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: name.split('-')[0], image, ...extra }] },
  };
}

function world(): Simulation {
  const sim = createSimulation({ seed: 3 });
  create(sim, pod('web', { app: 'web' }, 'nginx:1.27', { ports: [{ containerPort: 80, name: 'http' }] }));
  create(sim, pod('client', { run: 'client' }, 'busybox:1.36', { command: ['sleep', '3600'] }));
  create(sim, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    // Set explicitly: the API server allocates ClusterIPs, which may not be wired yet.
    spec: { clusterIP: '10.96.12.5', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  });
  sim.advanceBy(60_000);
  return sim;
}

describe('network over the simulation', () => {
  it('serves wget through the Service, and a default-deny policy makes it time out', () => {
    const sim = world();
    const svc = sim.store.get('services', 'default', 'web')!;
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    const ok = sim.network.exec('default', 'client', 'client', ['wget', '-qO-', '--timeout=2', 'http://web']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('Welcome to nginx!');
    expect(connect(sim, { namespace: 'default', name: 'client' }, 'web', 80, 'TCP', { pick: 'any' })).toMatchObject({
      outcome: 'ok',
      targetPod: { namespace: 'default', name: 'web' },
    });
    expect(podsReach(sim, 'default', { run: 'client' }, 'web', 80).map((r) => [r.pod, r.result.outcome])).toEqual([['client', 'ok']]);

    create(sim, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', namespace: 'default' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    const t0 = sim.now();
    const blocked = sim.network.exec('default', 'client', 'client', ['wget', '--spider', '--timeout=1', 'web']);
    expect(blocked).toEqual({ stdout: '', stderr: `Connecting to web (${ip}:80)\nwget: download timed out\n`, exitCode: 1 });
    expect(sim.now() - t0).toBe(1000);
    expect(podsReach(sim, 'default', { run: 'client' }, 'web', 80)[0]!.result).toMatchObject({ outcome: 'timeout', stage: 'policy' });
  });

  it('resolves through the bootstrap kube-dns, and loses DNS when CoreDNS is scaled to zero', () => {
    const sim = world();
    const r = sim.network.exec('default', 'client', 'client', ['nslookup', 'web.default.svc.cluster.local']);
    expect(r.stdout).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n\n\n$/);
    const dep = sim.store.get('deployments.apps', 'kube-system', 'coredns');
    if (dep) {
      const copy = JSON.parse(JSON.stringify(dep)) as KubeObject;
      (copy.spec as { replicas: number }).replicas = 0;
      sim.api.update(copy);
    }
    sim.advanceBy(60_000);
    const after = sim.network.exec('default', 'client', 'client', ['nslookup', 'web']);
    expect(after.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(after.exitCode).toBe(1);
  });
});
