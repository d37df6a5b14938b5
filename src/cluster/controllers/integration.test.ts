import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { Simulation } from '../simulation.js';
import { deployment, mustCreate, mustUpdate } from './test-support.js';

// With the real kubelet and image catalogue (not the scripted kubelet).
describe('controllers with the real kubelet', () => {
  it('a rollout to a missing image tag exceeds its progress deadline and keeps the old pods serving', () => {
    const sim = new Simulation({ seed: 3 });
    mustCreate(sim, deployment('web', 3, { progressDeadlineSeconds: 120 }));
    sim.advanceBy(60_000);
    const cond = (type: string) => ((sim.store.get('deployments.apps', 'default', 'web')!.status as { conditions: { type: string; reason: string }[] }).conditions ?? []).find((c) => c.type === type);
    expect(cond('Progressing')?.reason).toBe('NewReplicaSetAvailable');
    mustUpdate(sim, 'deployments.apps', 'default', 'web', (d: KubeObject) => {
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'nginx:1.27-doesnotexist';
    });
    sim.advanceBy(60_000);
    expect(cond('Progressing')?.reason).toBe('ReplicaSetUpdated');
    sim.advanceBy(70_000);
    expect(cond('Progressing')?.reason).toBe('ProgressDeadlineExceeded');
    expect(cond('Available')?.reason).toBe('MinimumReplicasAvailable');
    const st = sim.store.get('deployments.apps', 'default', 'web')!.status as Record<string, number>;
    expect(st).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 });
  });
});
