import { describe, expect, it } from 'vitest';
import { parseMicros, type KubeObject } from '../api/meta.js';
import { createSimulation, type Simulation } from '../simulation.js';
import { defaultKubeConfig } from '../../kubectl/context.js';
import { memoryFileSystem } from '../../kubectl/node-fs.js';
import { runKubectl } from '../../kubectl/run.js';

const LEASES = 'leases.coordination.k8s.io';

function lease(sim: Simulation, ns: string, name: string): KubeObject {
  const l = sim.store.get(LEASES, ns, name);
  if (!l) throw new Error(`no lease ${ns}/${name}`);
  return l;
}

const renewedUs = (l: KubeObject) => parseMicros((l.spec as { renewTime: string }).renewTime)!;

function apiserverLease(sim: Simulation): KubeObject {
  return sim.store.list(LEASES, 'kube-system').find((l) => l.metadata.labels?.['apiserver.kubernetes.io/identity'] === 'kube-apiserver')!;
}

describe('control plane leases', () => {
  it('the controller manager and scheduler renew every 2 s, the apiserver identity every 10 s', () => {
    const sim = createSimulation({ seed: 1 });
    const writes = new Map<string, number>();
    sim.store.watch((e) => {
      if (e.resource === LEASES && e.type === 'MODIFIED') writes.set(e.object.metadata.name!, (writes.get(e.object.metadata.name!) ?? 0) + 1);
    });
    const apiserver = apiserverLease(sim).metadata.name!;
    const before = lease(sim, 'kube-system', 'kube-scheduler');
    sim.advanceBy(60_000);
    const nowUs = sim.now() * 1000;
    for (const [name, period] of [['kube-controller-manager', 2], ['kube-scheduler', 2], [apiserver, 10]] as const) {
      const l = lease(sim, 'kube-system', name);
      const age = nowUs - renewedUs(l);
      expect(age, name).toBeGreaterThanOrEqual(0);
      expect(age, name).toBeLessThan((period + 0.01) * 1_000_000);
      // One update per renewal: 60 s / period, a little under with the loop's latency.
      expect(writes.get(name)! * period, name).toBeGreaterThanOrEqual(56);
      expect(writes.get(name)! * period, name).toBeLessThanOrEqual(60);
    }
    const after = lease(sim, 'kube-system', 'kube-scheduler');
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec).toMatchObject({
      holderIdentity: (before.spec as { holderIdentity: string }).holderIdentity,
      acquireTime: (before.spec as { acquireTime: string }).acquireTime,
      leaseDurationSeconds: 15,
      leaseTransitions: 0,
    });
  });

  it('shows a current renewTime to kubectl after time passes', () => {
    const sim = createSimulation({ seed: 1 });
    const ctx = { sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) };
    sim.advanceBy(5 * 60_000);
    const r = runKubectl(['get', 'lease', '-n', 'kube-system', 'kube-scheduler', '-o', 'jsonpath={.spec.renewTime}'], ctx);
    expect(r.stdout).toMatch(/^2026-01-15T09:0[45]:\d\d\.\d{6}Z$/);
    expect(sim.now() * 1000 - parseMicros(r.stdout)!).toBeLessThan(2_010_000);
  });

  it('a deleted leader lease is taken again at the next renewal', () => {
    const sim = createSimulation({ seed: 1 });
    const old = lease(sim, 'kube-system', 'kube-controller-manager');
    const def = sim.api.kindFor(old);
    if (!def.ok) throw new Error('no kind');
    sim.advanceBy(10_000);
    sim.api.delete(def.value, 'kube-system', 'kube-controller-manager', {});
    sim.advanceBy(2_100);
    const l = lease(sim, 'kube-system', 'kube-controller-manager');
    expect(l.metadata.uid).not.toBe(old.metadata.uid);
    const spec = l.spec as Record<string, unknown>;
    expect(spec.acquireTime).toBe(spec.renewTime);
    expect(spec).toMatchObject({ holderIdentity: (old.spec as { holderIdentity: string }).holderIdentity, leaseTransitions: 0, leaseDurationSeconds: 15 });
  });

  it('a node whose kubelet is stopped stops renewing its lease while the others go on', () => {
    const sim = createSimulation({ seed: 1 });
    sim.kubelet.stopNode('node02');
    const stopped = renewedUs(lease(sim, 'kube-node-lease', 'node02'));
    sim.advanceBy(60_000);
    expect(renewedUs(lease(sim, 'kube-node-lease', 'node02'))).toBe(stopped);
    expect(sim.now() * 1000 - renewedUs(lease(sim, 'kube-node-lease', 'node01'))).toBeLessThanOrEqual(10_000_000);
    expect(sim.now() * 1000 - renewedUs(lease(sim, 'kube-system', 'kube-scheduler'))).toBeLessThan(2_010_000);
  });
});
