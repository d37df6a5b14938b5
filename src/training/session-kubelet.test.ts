import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenarios/load.js';
import { Session } from './session.js';

const text = `apiVersion: kubedojo/v1
kind: Scenario
metadata: { id: kubelet-stopped, title: t, difficulty: easy, category: nodes }
briefing: b
cluster:
  nodes:
    - { name: controlplane, role: control-plane }
    - { name: node01 }
    - { name: node02, kubelet: stopped }
startAfter: 2m
`;

describe('cluster.nodes[].kubelet: stopped', () => {
  it('stops the kubelet after setup: the node is NotReady with Unknown conditions and unreachable taints', () => {
    const loaded = loadScenarioText(text);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const started = Session.start({ scenario: loaded.scenario, fs: { readFile: () => undefined, isDirectory: () => false, readDir: () => [] } });
    if (!started.ok) throw new Error(started.error);
    const s = started.session;
    expect(s.sim.kubelet.nodeRunning('node02')).toBe(false);
    expect(s.sim.kubelet.nodeRunning('node01')).toBe(true);
    expect(s.run('kubectl get nodes').stdout).toMatch(/node02\s+NotReady/);
    const ready = s.run(`kubectl get node node02 -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}'`);
    expect(ready.stdout).toBe('Kubelet stopped posting node status.');
    expect(s.run('kubectl get node node02 -o jsonpath={.spec.taints[*].key}').stdout).toContain('node.kubernetes.io/unreachable');
    // The host's journal tells the same story.
    const j = s.run('kubectl debug node/node02 -it --image=busybox:1.36 -- chroot /host journalctl -u kubelet');
    expect(j.stdout).toContain('systemd[1]: Stopped kubelet: The Kubernetes Node Agent.');
  });

  it('the schema refuses other values', () => {
    const r = loadScenarioText(text.replace('kubelet: stopped', 'kubelet: paused'));
    expect(r.ok).toBe(false);
  });
});
