import fs from 'node:fs';
import path from 'node:path';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

/**
 * kubeconfig sequences recorded from real kubectl v1.32.4 with a temporary
 * KUBECONFIG (testdata/config/record.sh): each line runs in order on one
 * session, so set-context/use-context/delete-context must leave the file
 * as kubectl does for the lines after them to match.
 */
const ROOT = path.resolve(import.meta.dirname, '../testdata/config');
const sequences = fs
  .readdirSync(ROOT)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4));

/** klog's headers carry the wall clock and a thread id: normalised on both sides. */
const normalize = (s: string) => s.replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu THREAD ');

describe('kubectl config sequences recorded from kubectl v1.32.4', () => {
  it.each(sequences)('%s', (name) => {
    const env = testEnv();
    env.ctx.env = { KUBECONFIG: '/tmp/kubedojo-config/config', HOME: '/tmp/kubedojo-config' };
    // Manifests the lines read (`-f cm.yaml`), from the folder record.sh runs in.
    for (const f of fs.readdirSync(ROOT)) if (f.endsWith('.yaml')) env.fs.write(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
    let out = '';
    for (const line of fs.readFileSync(path.join(ROOT, `${name}.txt`), 'utf8').split('\n')) {
      if (line === '') continue;
      const r = env.runArgs(split(line));
      out += `$ kubectl ${line}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exitCode}\n`;
    }
    expect(normalize(out)).toBe(normalize(fs.readFileSync(path.join(ROOT, `${name}.out`), 'utf8')));
  });

  it('the namespace set on the context is the one later commands use', () => {
    const env = testEnv();
    env.run('create namespace shop');
    env.run('config set-context --current --namespace=shop');
    env.run('create configmap c --from-literal=a=1');
    expect(env.sim.store.get('configmaps', 'shop', 'c')).toBeDefined();
    env.run('config set-context dev --namespace=default --cluster=kubernetes --user=kubernetes-admin');
    env.run('config use-context dev');
    expect(env.ctx.config).toMatchObject({ currentContext: 'dev', namespace: 'default', cluster: 'kubernetes' });
    env.run('config use-context kubernetes-admin@kubernetes');
    expect(env.ctx.config.namespace).toBe('shop');
  });
});
