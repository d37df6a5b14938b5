import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { applySet, changedSet, conflictMessage, pathString, paths } from './managed-fields.js';

const deployment = (image: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }], ...extra }] } },
    },
  }) as KubeObject;

describe('managed fields (structured-merge-diff field sets)', () => {
  it('an applied configuration owns its leaves, keyed list elements (with `.`) and the atomic selector whole', () => {
    expect(applySet(deployment('nginx'), 'Deployment')).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                // Container ports are keyed by containerPort and protocol; protocol defaults to TCP.
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('a create records new maps and lists as members, structs held by value not', () => {
    const set = changedSet(undefined, deployment('nginx'), 'Deployment');
    expect(set['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect(Object.keys(set['f:spec'])).not.toContain('.');
    expect(set['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:ports']['.']).toEqual({});
    // An update records only what changed.
    expect(changedSet(deployment('nginx'), deployment('nginx:2'), 'Deployment')).toEqual({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } },
    });
  });

  it('a value whose keys only moved has not changed (an atomic list re-encoded by a patch is not claimed)', () => {
    const sts = (meta: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { volumeClaimTemplates: [{ metadata: meta, spec: { resources: { requests: { storage: '1Gi' } } } }] } });
    expect(changedSet(sts({ creationTimestamp: null, name: 'data' }), sts({ name: 'data', creationTimestamp: null }), 'StatefulSet')).toEqual({});
    expect(changedSet(sts({ name: 'data' }), sts({ name: 'other' }), 'StatefulSet')).toEqual({ 'f:spec': { 'f:volumeClaimTemplates': {} } });
  });

  it('paths print as fieldpath.Path.String does, members before subtrees', () => {
    const set = applySet(deployment('nginx'), 'Deployment');
    expect(paths(set).map(pathString).slice(0, 4)).toEqual(['.metadata.labels.app', '.spec.replicas', '.spec.selector', '.spec.template.metadata.labels.app']);
    expect(pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"containerPort":80,"protocol":"TCP"}', 'f:x'])).toBe('.spec.template.spec.containers[containerPort=80,protocol="TCP"].x');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });

  it('conflict messages: one on a line, several grouped by manager (conflict.go)', () => {
    const c = (manager: string, operation: 'Apply' | 'Update', f: string) => ({ manager, operation, apiVersion: 'apps/v1', path: ['f:spec', `f:${f}`] });
    expect(conflictMessage([c('kubectl-edit', 'Update', 'replicas')])).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
    expect(conflictMessage([c('zeta', 'Apply', 'a'), c('alpha', 'Update', 'b'), c('zeta', 'Apply', 'c')])).toBe(
      'Apply failed with 3 conflicts: conflicts with "alpha" using apps/v1:\n- .spec.b\nconflicts with "zeta":\n- .spec.a\n- .spec.c',
    );
  });
});
