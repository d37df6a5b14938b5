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
    // Files the lines read (`-f cm.yaml`, `--certificate-authority=ca.crt --embed-certs`), from the folder record.sh runs in.
    for (const f of fs.readdirSync(ROOT)) if (/\.(yaml|crt|key)$/.test(f)) env.fs.write(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
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

describe('kubectl config set-cluster and set-credentials', () => {
  it('a context whose cluster entry points at the API server reaches the cluster, whatever its names', () => {
    const env = testEnv();
    const server = env.runArgs(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}']).stdout;
    expect(server).toMatch(/^https:\/\/[\d.]+:6443$/);
    expect(env.runArgs(['config', 'set-cluster', 'prod', `--server=${server}`, '--certificate-authority=/etc/kubernetes/pki/ca.crt']).stdout).toBe('Cluster "prod" set.\n');
    expect(env.runArgs(['config', 'set-credentials', 'deployer', '--token=abc']).stdout).toBe('User "deployer" set.\n');
    env.run('config set-context deploy --cluster=prod --user=deployer --namespace=kube-system');
    env.run('config use-context deploy');
    expect(env.run('get serviceaccount default -o name')).toEqual({ stdout: 'serviceaccount/default\n', stderr: '', exitCode: 0 });
    // Pointed elsewhere, nothing answers.
    env.run('config set-cluster prod --server=https://10.9.8.7:6443');
    expect(env.run('get pods').stderr.split('\n').at(-2)).toBe('The connection to the server 10.9.8.7:6443 was refused - did you specify the right host or port?');
  });

  it('stores a relative file path as an absolute one, from the working directory', () => {
    const env = testEnv();
    env.ctx.env = { PWD: '/home/jane/certs' };
    env.run('config set-cluster c --certificate-authority=../pki/./ca.crt');
    env.run('config set-credentials u --client-certificate=jane.crt --client-key=/keys/jane.key');
    const view = env.run('config view --raw').stdout;
    expect(view).toContain('    certificate-authority: /home/jane/pki/ca.crt\n');
    expect(view).toContain('    client-certificate: /home/jane/certs/jane.crt\n    client-key: /keys/jane.key\n');
  });

  it('prints its help before a wrong number of names, as cobra does', () => {
    const r = testEnv().run('config set-cluster a b');
    expect(r.stderr).toBe('error: Unexpected args: [a b]\n');
    expect(r.stdout).toMatch(/^Usage:\n {2}kubectl config set-cluster NAME /m);
    expect(testEnv().run('config set-credentials').stderr).toBe('error: unexpected args: []\n');
    expect(testEnv().run('config set-credentials u --auth-provider-arg=novalue').stderr).toBe('error: invalid auth-provider-arg format: novalue\n');
  });
});
