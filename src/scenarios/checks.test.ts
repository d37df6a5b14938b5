import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/api/meta.js';
import { createSimulation } from '../cluster/simulation.js';
import { evaluateCheck, readPath } from './checks.js';

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

function pod(name: string, labels: Record<string, string>, ready: boolean, startedSecondsAgo: number): KubeObject {
  const startedAt = new Date(NOW - startedSecondsAgo * 1000).toISOString().replace('.000Z', 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels, uid: name, creationTimestamp: startedAt },
    spec: { containers: [{ name: 'app', image: 'nginx', resources: { limits: { memory: '256Mi' } } }] },
    status: {
      phase: 'Running',
      podIP: '10.244.1.9',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, state: { running: { startedAt } } }],
    },
  };
}

function frozen(...objs: KubeObject[]) {
  const sim = createSimulation({ frozen: true, startTime: NOW });
  for (const o of objs) sim.load('pods', o);
  return sim;
}

describe('readPath', () => {
  it('reads fields with kubectl JSONPath, including filters and quoted keys', () => {
    const p = pod('a', { 'app.kubernetes.io/name': 'web' }, true, 10);
    expect(readPath(p, '.spec.containers[0].resources.limits.memory')).toBe('256Mi');
    expect(readPath(p, '{.status.conditions[?(@.type=="Ready")].status}')).toBe('True');
    expect(readPath(p, ".metadata.labels['app\\.kubernetes\\.io/name']")).toBe('web');
    expect(readPath(p, '.spec.nodeName')).toBeUndefined();
  });
});

describe('evaluateCheck', () => {
  it('podsReady counts only matching, ready pods and honours stableFor', () => {
    const sim = frozen(pod('a', { app: 'web' }, true, 300), pod('b', { app: 'web' }, true, 30), pod('c', { app: 'db' }, false, 300));
    expect(evaluateCheck(sim, { podsReady: { namespace: 'shop', selector: 'app=web', count: 2 } })).toEqual({ met: true });
    expect(evaluateCheck(sim, { podsReady: { namespace: 'shop', selector: 'app=web', count: 2, stableFor: '2m' } })).toEqual({
      met: false,
      detail: 'container app of pod b has not been up long enough',
    });
    expect(evaluateCheck(sim, { podsReady: { namespace: 'shop', selector: 'app in (web,db)', count: 3 } }).met).toBe(false);
    expect(evaluateCheck(sim, { podsReady: { namespace: 'shop', selector: 'app notin (db)', count: 2 } }).met).toBe(true);
  });

  it('composes with all, any and not, and compares quantities', () => {
    const sim = frozen(pod('a', { app: 'web' }, true, 300));
    const limitAtLeast = (q: string) => ({ field: { resource: 'po', namespace: 'shop', name: 'a', path: '.spec.containers[0].resources.limits.memory', atLeast: q } });
    expect(evaluateCheck(sim, limitAtLeast('200Mi')).met).toBe(true);
    expect(evaluateCheck(sim, limitAtLeast('0.5Gi')).met).toBe(false);
    expect(evaluateCheck(sim, { all: [limitAtLeast('200Mi'), { not: limitAtLeast('1Gi') }] }).met).toBe(true);
    expect(evaluateCheck(sim, { any: [limitAtLeast('1Gi'), { exists: { resource: 'pods', namespace: 'shop', name: 'a' } }] }).met).toBe(true);
    expect(evaluateCheck(sim, { exists: { resource: 'pods', namespace: 'shop', name: 'zzz' } })).toEqual({ met: false, detail: 'pods zzz does not exist' });
  });
});
