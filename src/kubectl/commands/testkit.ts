import type { KubeObject } from '../../cluster/api/meta.js';
import { Simulation } from '../../cluster/simulation.js';
import { defaultKubeConfig, type EditResult, type FileSystem, type KubectlContext, type KubectlResult } from '../context.js';
import { runKubectl } from '../run.js';

/**
 * Test support for the commands that change the cluster: an in-memory file
 * system, a scripted editor and a context on a fresh sandbox simulation.
 */
export class MemoryFs implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }

  write(path: string, text: string): void {
    this.files.set(path, text);
  }

  readFile(path: string): string | undefined {
    return this.files.get(path);
  }

  isDirectory(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].some((k) => k.startsWith(prefix));
  }

  readDir(path: string): string[] {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Set<string>();
    for (const k of this.files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
    return [...names].sort();
  }
}

export interface TestEnv {
  sim: Simulation;
  fs: MemoryFs;
  ctx: KubectlContext;
  /** Runs a command line (split on spaces; use `runArgs` for arguments with spaces). */
  run(line: string, stdin?: string): KubectlResult;
  runArgs(args: string[], stdin?: string): KubectlResult;
  /** Editor steps: each gets the buffer and returns the edited text (or an error). */
  editor: ((text: string) => EditResult)[];
  /** Buffers the editor was opened with, in order. */
  edited: string[];
}

/** A fresh sandbox cluster (seed 1) with a `default` namespace, and a context on it. */
export function testEnv(files: Record<string, string> = {}, opts: { frozen?: boolean } = {}): TestEnv {
  const sim = new Simulation({ seed: 1, frozen: opts.frozen });
  for (const ns of ['default', 'kube-system']) {
    if (!sim.store.get('namespaces', '', ns)) sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  const fs = new MemoryFs(files);
  const env: TestEnv = {
    sim,
    fs,
    editor: [],
    edited: [],
    ctx: undefined as unknown as KubectlContext,
    run: (line, stdin) => env.runArgs(line.split(' ').filter((x) => x !== ''), stdin),
    runArgs: (args, stdin) => {
      env.ctx.stdin = stdin;
      return runKubectl(args, env.ctx);
    },
  };
  env.ctx = {
    sim,
    config: defaultKubeConfig(),
    env: {},
    fs,
    edit: (text) => {
      env.edited.push(text);
      const step = env.editor.shift();
      if (!step) return { ok: true, text };
      return step(text);
    },
  };
  return env;
}

/** Reads an object from the store (frozen), or undefined. */
export function stored(env: TestEnv, resource: string, namespace: string, name: string): KubeObject | undefined {
  return env.sim.store.get(resource, namespace, name);
}

export const DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
`;
