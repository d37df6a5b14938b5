import { describe, expect, it } from 'vitest';
import { createSimulation } from '../cluster/simulation.js';
import { defaultKubeConfig } from './context.js';
import { memoryFileSystem } from './node-fs.js';
import { runKubectl } from './run.js';

const ctx = () => ({ sim: createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 15) }), config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) });

describe('runKubectl', () => {
  // Recorded from kubectl v1.32 (the plain binary; gcloud's dispatcher prints `Error:` and a blank line more):
  // `kubectl gte pods`, `kubectl frobnicate`, `kubectl de` (stderr, exit 1).
  it('rejects unknown commands with cobra\'s text and suggestions, in kubectl\'s registration order', () => {
    expect(runKubectl(['gte', 'pods'], ctx())).toEqual({ stdout: '', stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n', exitCode: 1 });
    expect(runKubectl(['frobnicate'], ctx())).toEqual({ stdout: '', stderr: 'error: unknown command "frobnicate" for "kubectl"\n', exitCode: 1 });
    expect(runKubectl(['de'], ctx()).stderr).toBe('error: unknown command "de" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\tdelete\n\tdescribe\n\tcp\n\tdebug\n');
    expect(runKubectl(['api'], ctx()).stderr).toBe('error: unknown command "api" for "kubectl"\n\nDid you mean this?\n\tcp\n\tapi-versions\n\tapi-resources\n');
  });

  // kubectl looks for a plugin named by the first plain word before cobra runs; flags in front of it are refused there.
  it('refuses flags in front of an unknown command name, as kubectl\'s plugin lookup does', () => {
    expect(runKubectl(['--bogus', 'get', 'pods'], ctx())).toEqual({ stdout: '', stderr: 'Error: flags cannot be placed before plugin name: --bogus\n', exitCode: 1 });
    expect(runKubectl(['-n', 'foo', 'gett'], ctx())).toEqual({ stdout: '', stderr: 'Error: flags cannot be placed before plugin name: -n\n', exitCode: 1 });
    expect(runKubectl(['--bogus=1', 'get', 'pods'], ctx())).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(runKubectl(['-x', 'get'], ctx())).toEqual({ stdout: '', stderr: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl --help' for usage.\n", exitCode: 1 });
  });

  // kubectl v1.32: `kubectl expose --record`, `kubectl scale --record --help`: pflag prints the notice while parsing.
  it('prints a deprecated flag\'s notice first and once, help included', () => {
    const notice = 'Flag --record has been deprecated, --record will be removed in the future\n';
    const expose = runKubectl(['expose', '--record'], ctx());
    expect(expose.stderr.startsWith(`${notice}error: You must provide one or more resources by argument or filename.\n`)).toBe(true);
    const help = runKubectl(['scale', '--record', '--help'], ctx());
    expect(help.stderr).toBe(notice);
    expect(help.stdout).toMatch(/^Usage:$/m);
    // create prints the notice itself; it still appears once.
    expect(runKubectl(['create', '--record'], ctx()).stderr).toBe(`${notice}error: must specify one of -f and -k\n`);
    expect(runKubectl(['expose', '--record', '--bogus'], ctx()).stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl expose --help' for usage.\n");
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
