import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { deployment, eventsFor, mustCreate, testCluster } from './test-support.js';

function hpa(min: number, max: number, util: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: util } } }],
    },
  };
}
const replicas = (sim: ReturnType<typeof testCluster>['sim']) => (sim.store.get('deployments.apps', 'default', 'web')!.spec as { replicas: number }).replicas;
const cond = (o: KubeObject, type: string) => ((o.status as { conditions?: { type: string; status: string; reason: string; message: string }[] }).conditions ?? []).find((c) => c.type === type);

describe('horizontal pod autoscaler', () => {
  it('scales up on high CPU, down after the stabilization window, within bounds', () => {
    const { sim } = testCluster();
    let perPod = 180; // millicores per pod
    (sim.kubelet as { usage: unknown }).usage = () => [{ name: 'app', cpuMillis: perPod, memoryBytes: 10 << 20 }];
    const d = deployment('web', 1);
    (d.spec as { template: { spec: { containers: { resources: unknown }[] } } }).template.spec.containers[0].resources = { requests: { cpu: '100m' } };
    mustCreate(sim, d);
    sim.advanceBy(5000);
    mustCreate(sim, hpa(1, 5, 50));
    // 180% of request vs 50% target → ceil(3.6) = 4, capped by the scale-up policy at max(2×1, 1+4) = 5 → 4
    expect(replicas(sim)).toBe(4);
    expect(eventsFor(sim, 'default', 'web').filter((e) => e.startsWith('SuccessfulRescale')).at(-1)).toBe('SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target');
    sim.advanceBy(20_000);
    expect(replicas(sim)).toBe(5);
    let h = sim.store.get('horizontalpodautoscalers.autoscaling', 'default', 'web')!;
    expect(cond(h, 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas' });
    expect((h.status as { currentMetrics: unknown[] }).currentMetrics).toEqual([{ resource: { current: { averageUtilization: 180, averageValue: '180m' }, name: 'cpu' }, type: 'Resource' }]);
    perPod = 5;
    sim.advanceBy(60_000);
    expect(replicas(sim)).toBe(5);
    h = sim.store.get('horizontalpodautoscalers.autoscaling', 'default', 'web')!;
    expect(cond(h, 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized' });
    sim.advanceBy(5 * 60_000);
    expect(replicas(sim)).toBe(1);
    expect(eventsFor(sim, 'default', 'web').filter((e) => e.startsWith('SuccessfulRescale')).at(-1)).toBe('SuccessfulRescale: New size: 1; reason: All metrics below target');
  });

  it('reports a missing CPU request', () => {
    const { sim } = testCluster();
    (sim.kubelet as { usage: unknown }).usage = () => [{ name: 'app', cpuMillis: 10, memoryBytes: 1 }];
    mustCreate(sim, deployment('web', 1));
    sim.advanceBy(5000);
    mustCreate(sim, hpa(1, 3, 50));
    const pod = sim.store.list('pods', 'default')[0].metadata.name;
    const h = sim.store.get('horizontalpodautoscalers.autoscaling', 'default', 'web')!;
    expect(cond(h, 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod ${pod}`,
    });
    expect(eventsFor(sim, 'default', 'web')).toContain(`FailedGetResourceMetric: failed to get cpu utilization: missing request for cpu in container app of Pod ${pod}`);
  });
});
