import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/meta.js';
import { kindOf, resourceKey } from '../../cluster/kinds/registry.js';
import { testEnv } from './testkit.js';

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
    const env = testEnv({}, { frozen: true });
    for (const obj of fixture.items) {
      const def = kindOf(obj.apiVersion, obj.kind)!;
      if (env.sim.store.get(resourceKey(def), obj.metadata.namespace ?? '', obj.metadata.name!)) continue;
      env.sim.load(resourceKey(def), obj);
    }
    const got = env.runArgs(split(readFileSync(join(dir, 'cmd'), 'utf8').trim()));
    expect({ stdout: got.stdout, stderr: got.stderr, exitCode: got.exitCode }).toEqual({
      stdout: read('stdout') ?? '',
      stderr: read('stderr') ?? '',
      exitCode: Number(read('exit') ?? '0'),
    });
  });
});
