import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/api/meta.js';
import { diffSnapshots, snapshotStore } from './cluster-diff.js';

const store = (objs: Record<string, KubeObject[]>) => ({ resources: () => Object.keys(objs), list: (r: string) => objs[r] ?? [] });
const deploy = (mem: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', resourceVersion: mem }, spec: { template: { spec: { containers: [{ name: 'web', resources: { limits: { memory: mem } } }] } } } }) as KubeObject;
const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' } }) as KubeObject;

describe('cluster diff for the debrief', () => {
  it('names changed fields, counts created and deleted objects, ignores status and noise', () => {
    const before = snapshotStore(store({ 'deployments.apps': [deploy('256Mi')], pods: [pod('a'), pod('b')], events: [pod('e1')] }));
    const after = snapshotStore(store({ 'deployments.apps': [deploy('512Mi')], pods: [pod('c')], events: [pod('e2')] }));
    expect(diffSnapshots(before, after)).toEqual([
      '~ deployments shop/web: .spec.template.spec.containers[0].resources.limits.memory: 256Mi → 512Mi',
      '+ 1 pods created',
      '- 2 pods deleted',
    ]);
  });
});
