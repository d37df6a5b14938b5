import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { kubectlErrorText } from '../apiserver/status-errors.js';
import { Simulation } from '../simulation.js';
import { kindOf } from './registry.js';
import './index.js';

const CS = kindOf('v1', 'ComponentStatus')!;

function staticPod(component: string, state: Record<string, unknown>, nodeName = 'controlplane'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${component}-${nodeName}`, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, creationTimestamp: '2026-03-01T00:00:00Z' },
    spec: { nodeName, containers: [{ name: component, image: component }] },
    status: { phase: 'Running', containerStatuses: [{ name: component, state }] },
  };
}

const RUNNING = { running: { startedAt: '2026-03-01T00:00:10Z' } };
const CRASHING = { waiting: { reason: 'CrashLoopBackOff' } };

function clusterWith(pods: KubeObject[]): Simulation {
  const sim = new Simulation({ frozen: true, startTime: '2026-04-01T12:00:00Z' });
  for (const p of pods) sim.load('pods', p);
  return sim;
}

/** NAME=STATUS(message|error) per row, in the order the server lists them. */
function summary(sim: Simulation): string[] {
  const r = sim.api.list(CS, undefined);
  if (!r.ok) throw new Error(kubectlErrorText(r.error));
  return r.value.map((o) => {
    const c = (o.conditions as { status: string; message?: string; error?: string }[])[0];
    return `${o.metadata.name}=${c.status}(${c.message ?? ''}|${c.error ?? ''})`;
  });
}

describe('ComponentStatus', () => {
  it('is healthy for each component whose static pod runs', () => {
    const sim = clusterWith(['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'etcd'].map((c) => staticPod(c, RUNNING)));
    expect(summary(sim)).toEqual(['scheduler=True(ok|)', 'controller-manager=True(ok|)', 'etcd-0=True(ok|)']);
  });

  it('refuses the connection on the healthz port of a component that does not run, and times out on etcd', () => {
    const sim = clusterWith([staticPod('kube-apiserver', RUNNING), staticPod('kube-scheduler', CRASHING), staticPod('kube-controller-manager', RUNNING), staticPod('etcd', { terminated: { exitCode: 1 } })]);
    expect(summary(sim)).toEqual([
      'scheduler=False(Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused|)',
      'controller-manager=True(ok|)',
      'etcd-0=False(|error getting data from etcd: context deadline exceeded)',
    ]);
  });

  it('probes the components on the API server\'s own node', () => {
    const sim = clusterWith([staticPod('kube-apiserver', RUNNING, 'cp-2'), staticPod('kube-controller-manager', CRASHING, 'cp-1'), staticPod('kube-controller-manager', RUNNING, 'cp-2')]);
    expect(summary(sim)[1]).toBe('controller-manager=True(ok|)');
  });

  it('warns on every read that the kind is deprecated, and serves nothing else', () => {
    const sim = clusterWith([]);
    const warnings: string[] = [];
    sim.api.onWarning = (w) => warnings.push(w);
    const got = sim.api.get(CS, '', 'nosuch');
    expect(got.ok ? '' : kubectlErrorText(got.error)).toBe('Error from server (InternalError): Internal error occurred: Component not found: nosuch\n');
    expect(sim.api.get(CS, '', 'etcd-0').ok).toBe(true);
    expect(warnings).toEqual(['v1 ComponentStatus is deprecated in v1.19+', 'v1 ComponentStatus is deprecated in v1.19+']);
    const del = sim.api.delete(CS, '', 'scheduler');
    expect(del.ok ? '' : kubectlErrorText(del.error)).toBe('Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n');
    expect(warnings).toHaveLength(2);
  });
});
