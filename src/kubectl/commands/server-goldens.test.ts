import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/meta.js';
import { kindOf, resourceKey } from '../../cluster/kinds/registry.js';
import { testEnv } from './testkit.js';
import type { Kubelet } from '../../cluster/kubelet/index.js';

/**
 * Goldens recorded from real kubectl v1.32.4 talking to a fake API server
 * (testdata/server/fake-apiserver.mjs) that serves testdata/server/fixture.json
 * and echoes writes. Here the same objects are loaded into a frozen cluster
 * and the simulated kubectl must print the same bytes.
 */
const root = join(import.meta.dirname, 'testdata', 'server');
const fixture = JSON.parse(readFileSync(join(root, 'fixture.json'), 'utf8')) as { items: KubeObject[] };
const cases = readdirSync(join(root, 'cases')).sort();

describe('server goldens recorded from kubectl v1.32.4 against a fake API server', () => {
  it.each(cases)('%s', (name) => {
    const dir = join(root, 'cases', name);
    const read = (f: string) => {
      try {
        return readFileSync(join(dir, f), 'utf8');
      } catch {
        return undefined;
      }
    };
    const files: Record<string, string> = {};
    for (const f of readdirSync(dir)) if (!['cmd', 'stdout', 'stderr', 'exit', 'env', 'kubelet'].includes(f)) files[f] = readFileSync(join(dir, f), 'utf8');
    const env = testEnv(files, { frozen: true });
    for (const obj of fixture.items) {
      const def = kindOf(obj.apiVersion, obj.kind)!;
      if (env.sim.store.get(resourceKey(def), obj.metadata.namespace ?? '', obj.metadata.name!)) continue;
      env.sim.load(resourceKey(def), obj);
    }
    // Metrics and logs as the fake server serves them (metrics-server and kubelet stand-ins).
    if ((read('kubelet') ?? '').trim() === 'fake') {
      const kubelet = env.sim.kubelet as { -readonly [K in keyof Kubelet]: Kubelet[K] };
      kubelet.usage = (ns, pod) =>
        ((env.sim.store.get('pods', ns, pod)?.spec as { containers: { name: string }[] } | undefined)?.containers ?? []).map((c, i) => ({
          name: c.name,
          cpuMillis: i + 1,
          memoryBytes: (9400 + i) * 1024,
        }));
      kubelet.nodeUsage = (node) => (node === 'controlplane' ? { cpuMillis: 156, memoryBytes: 978944 * 1024 } : { cpuMillis: 67, memoryBytes: 578560 * 1024 });
      kubelet.logs = (_ns, pod, c) => ({ ok: true, lines: [{ time: env.sim.now(), text: `hello from ${pod}/${c}` }] });
    }
    // KUBE_EDITOR as the recording ran it: `true` (save unchanged) or `sed -i s/A/B/`.
    const editor = /KUBE_EDITOR=(.*)/.exec(read('env') ?? '')?.[1];
    if (editor !== undefined) {
      const cmd = split(editor)[0].replace(/\\ /g, ' ');
      const sed = /^sed -i s\/(.*?)\/(.*?)\/$/.exec(cmd);
      env.editor.push((text) => ({ ok: true, text: sed ? text.split('\n').map((l) => l.replace(sed[1], sed[2])).join('\n') : text }));
    }
    const got = env.runArgs(split(readFileSync(join(dir, 'cmd'), 'utf8').trim()));
    expect({ stdout: got.stdout, stderr: got.stderr, exitCode: got.exitCode }).toEqual({
      stdout: read('stdout') ?? '',
      stderr: read('stderr') ?? '',
      exitCode: Number(read('exit') ?? '0'),
    });
  });
});
