import { describe, expect, it } from 'vitest';
import { createSimulation } from '../cluster/simulation.js';
import { defaultKubeConfig } from './context.js';
import { memoryFileSystem } from './node-fs.js';
import { runKubectl } from './run.js';

const ctx = () => ({ sim: createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 15) }), config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) });

describe('runKubectl', () => {
  // Recorded from kubectl v1.32.4: `kubectl gte pods`, `kubectl frobnicate` (stderr, exit 1).
  it('rejects unknown commands with cobra\'s text and suggestions', () => {
    expect(runKubectl(['gte', 'pods'], ctx())).toEqual({ stdout: '', stderr: 'Error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\n', exitCode: 1 });
    expect(runKubectl(['frobnicate'], ctx())).toEqual({ stdout: '', stderr: 'Error: unknown command "frobnicate" for "kubectl"\n', exitCode: 1 });
  });

  it('finds the verb after global flags and applies them', () => {
    const c = ctx();
    const r = runKubectl(['-n', 'kube-system', 'get', 'pods'], c);
    expect(r.stderr).toBe('No resources found in kube-system namespace.\n');
    expect(runKubectl(['--namespace=shop', 'get', 'pods'], c).stderr).toBe('No resources found in shop namespace.\n');
  });

  it('lists the commands it knows when given none', () => {
    const r = runKubectl([], ctx());
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^kubectl controls the Kubernetes cluster manager/);
    for (const verb of ['get', 'describe', 'logs', 'exec', 'apply', 'delete', 'rollout']) expect(r.stdout).toMatch(new RegExp(`^  ${verb} +\\S`, 'm'));
  });
});
