import { describe, expect, it } from 'vitest';
import '../../cluster/kinds/index.js';
import { expandCategory, parseResourceArgs, resolveResourceArgs } from './resource-args.js';

function resolve(args: string[], opts: Partial<Parameters<typeof resolveResourceArgs>[1]> = {}) {
  const p = parseResourceArgs(args);
  if (!p.ok) return p;
  return resolveResourceArgs(p.value, { namespace: 'default', allowEmptySelector: true, ...opts });
}

describe('resource arguments', () => {
  it('expands the all category in discovery order', () => {
    expect(expandCategory('all')).toEqual([
      'pods',
      'replicationcontrollers',
      'services',
      'daemonsets.apps',
      'deployments.apps',
      'replicasets.apps',
      'statefulsets.apps',
      'horizontalpodautoscalers.autoscaling',
      'cronjobs.batch',
      'jobs.batch',
    ]);
  });

  it.each([
    [['pods'], 'pods', undefined, false],
    [['pod', 'web'], 'pods', ['web'], true],
    [['po/web'], 'pods', ['web'], true],
    [['deployments.apps'], 'deployments', undefined, false],
    [['pods', 'a', 'b'], 'pods', ['a', 'b'], false],
  ] as const)('%j', (args, resource, names, single) => {
    const r = resolve([...args]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.requests[0].def.resource).toBe(resource);
    expect(r.value.requests[0].names).toEqual(names);
    expect(r.value.singleItemImplied).toBe(single);
  });

  it('normalises a,b name into tuples', () => {
    const r = resolve(['deploy,svc', 'web']);
    expect(r.ok && r.value.requests.map((q) => `${q.def.resource}/${q.names}`)).toEqual(['deployments/web', 'services/web']);
  });

  it('dedups types that map to the same kind', () => {
    const r = resolve(['po,pods,svc']);
    expect(r.ok && r.value.requests.map((q) => q.def.resource)).toEqual(['pods', 'services']);
  });

  it.each([
    [['podz'], 'the server doesn\'t have a resource type "podz"'],
    [['podz.apps'], 'the server doesn\'t have a resource type "podz"'],
    [['pods', 'po/web'], "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"],
    [['po/'], 'arguments in resource/name form must have a single resource and name'],
    [['po,svc/web'], 'arguments in resource/name form must have a single resource and name'],
    [['po/a/b'], 'arguments in resource/name form may not have more than one slash'],
  ])('%j fails', (args, message) => {
    expect(resolve(args)).toEqual({ ok: false, message });
  });

  it('refuses names with -A and with a selector', () => {
    expect(resolve(['po', 'x'], { allNamespaces: true })).toEqual({ ok: false, message: 'a resource cannot be retrieved by name across all namespaces' });
    expect(resolve(['po', 'x'], { labelSelector: 'a=b' })).toEqual({ ok: false, message: 'name cannot be provided when a selector is specified' });
    expect(resolve(['nodes', 'x'], { allNamespaces: true }).ok).toBe(true);
  });
});
