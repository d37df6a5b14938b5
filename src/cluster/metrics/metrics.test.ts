import { describe, expect, it } from 'vitest';
import { createPod, kubeletSim } from '../kubelet/test-helpers.js';
import { NODE_OVERHEAD, percentOf } from './index.js';

describe('metrics for kubectl top', () => {
  it('pod metrics appear about a minute after start and follow the image memory curve', () => {
    const s = kubeletSim({
      images: {
        'shop/grow:1': {
          preloaded: true,
          memory: { start: '20Mi', perSecond: '1Mi', max: '200Mi' },
          cpu: '150m',
        },
      },
    });
    createPod(s, 'g', { containers: [{ name: 'app', image: 'shop/grow:1' }] });
    s.advanceBy(30_000);
    expect(s.kubelet.usage('default', 'g')).toBeUndefined();
    s.advanceBy(31_000); // 60 s after the container started (1 s sandbox)
    const u = s.kubelet.usage('default', 'g')!;
    expect(u).toHaveLength(1);
    expect(u[0].name).toBe('app');
    expect(u[0].memoryBytes).toBe((20 + 60) * 1024 * 1024);
    expect(u[0].cpuMillis).toBeGreaterThanOrEqual(150);
    expect(u[0].cpuMillis).toBeLessThan(170);
    const n = s.kubelet.nodeUsage('node-1')!;
    expect(n.memoryBytes).toBe(NODE_OVERHEAD.memoryBytes + u[0].memoryBytes);
    s.kubelet.stopNode('node-1');
    expect(s.kubelet.nodeUsage('node-1')).toBeUndefined();
  });

  it('percentages like kubectl (truncated)', () => {
    expect(percentOf(1536, 4000)).toBe(38);
    expect(percentOf(1, '8Gi')).toBe(0);
  });
});
