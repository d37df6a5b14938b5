import type { Simulation } from '../simulation.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What a process run with `kubectl exec` can do on the pod network. */
export interface Network {
  /** Runs a command inside a running container (argv as given after `--`). */
  exec(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult;
}

export function installNetwork(sim: Simulation): Network {
  void sim;
  return { exec: () => ({ stdout: '', stderr: 'not implemented\n', exitCode: 126 }) };
}
