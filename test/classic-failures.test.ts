import { describe, expect, it } from 'vitest';
import { play, startScenario } from './play-helpers.js';

/** Rows of a kubectl table, split on runs of spaces, header dropped. */
function rows(table: string): string[][] {
  return table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}|\s+/));
}

describe('sandbox', () => {
  it('shows a healthy three-node cluster', () => {
    const s = startScenario('sandbox');
    const nodes = s.run('kubectl get nodes');
    expect(nodes.exitCode).toBe(0);
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(rows(nodes.stdout).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['controlplane', 'Ready', 'control-plane'],
      ['node01', 'Ready', '<none>'],
      ['node02', 'Ready', '<none>'],
    ]);
    const pods = s.run('kubectl get pods -A');
    expect(pods.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    const table = rows(pods.stdout);
    expect(table.length).toBeGreaterThanOrEqual(9);
    for (const r of table) {
      expect(r[0]).toBe('kube-system');
      expect(r[3]).toBe('Running');
      const [ready, total] = r[2].split('/');
      expect(ready).toBe(total);
    }
    expect(table.map((r) => r[1])).toEqual(expect.arrayContaining(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']));
  });

  it('gives byte-identical output for the same seed, and different names for another seed', () => {
    const script = 'kubectl create deployment web --image=nginx:1.27 --replicas=2\nsleep 30s\nkubectl get pods -o wide\nkubectl get pods -A\n';
    const a = play(startScenario('sandbox', 5), script).output;
    const b = play(startScenario('sandbox', 5), script).output;
    const c = play(startScenario('sandbox', 6), script).output;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(/web-[a-z0-9]{8,10}-[a-z0-9]{5}\s+1\/1\s+Running/);
  });
});

describe('a memory limit below what the container uses', () => {
  it('OOM-kills the pods into CrashLoopBackOff; raising the limit rolls out pods that stay up', () => {
    const s = startScenario('oom-checkout');
    const before = s.run('kubectl -n shop get pods');
    const table = rows(before.stdout);
    expect(table).toHaveLength(3);
    for (const r of table) {
      expect(r[1]).toBe('0/1');
      expect(['OOMKilled', 'CrashLoopBackOff']).toContain(r[2]);
      expect(Number(r[3])).toBeGreaterThan(0);
    }
    const describe = s.run(`kubectl -n shop describe pod ${table[0][0]}`).stdout;
    expect(describe).toMatch(/ {4}Last State: +Terminated\n {6}Reason: +OOMKilled\n {6}Exit Code: +137\n/);
    expect(describe).toMatch(/Back-off restarting failed container checkout in pod /);
    expect(s.solved()).toBe(false);

    const fixed = play(s, 'kubectl -n shop set resources deploy/checkout --limits=memory=512Mi\nkubectl -n shop rollout status deploy/checkout\nsleep 3m\n');
    expect(fixed.output).toContain('deployment.apps/checkout resource requirements updated');
    expect(fixed.output).toContain('deployment "checkout" successfully rolled out');
    expect(fixed.exitCode).toBe(0);
    const after = rows(s.run('kubectl -n shop get pods').stdout);
    expect(after).toHaveLength(3);
    for (const r of after) expect(r.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });
});

describe('a request no node can satisfy', () => {
  it('stays Pending with the scheduler\'s exact message; lowering it gets the pod scheduled', () => {
    const s = startScenario('pending-report');
    const pods = rows(s.run('kubectl -n analytics get pods').stdout);
    expect(pods).toHaveLength(1);
    expect(pods[0].slice(1, 3)).toEqual(['0/1', 'Pending']);
    const describe = s.run(`kubectl -n analytics describe pod ${pods[0][0]}`).stdout;
    expect(describe).toContain(
      'default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const r = play(s, 'kubectl -n analytics set resources deploy/report --requests=memory=512Mi --limits=memory=1Gi\nkubectl -n analytics rollout status deploy/report\n');
    expect(r.exitCode).toBe(0);
    const after = rows(s.run('kubectl -n analytics get pods -o wide').stdout);
    expect(after).toHaveLength(1);
    expect(after[0].slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(['node01', 'node02']).toContain(after[0][6]);
  });
});

describe('a default-deny NetworkPolicy', () => {
  it("times out the client's wget; a policy allowing it restores it", () => {
    const s = startScenario('netpol-frontend');
    const blocked = s.run('kubectl -n store exec deploy/frontend -- wget -qO- -T 2 http://api');
    expect(blocked.stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    expect(blocked.exitCode).toBe(1);
    const policy = [
      'kubectl apply -f - <<EOF',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: allow-frontend',
      '  namespace: store',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: api',
      '  ingress:',
      '  - from:',
      '    - podSelector:',
      '        matchLabels:',
      '          app: frontend',
      'EOF',
    ].join('\n');
    const applied = s.run(policy);
    expect(applied.stdout).toBe('networkpolicy.networking.k8s.io/allow-frontend created\n');
    const allowed = s.run('kubectl -n store exec deploy/frontend -- wget -qO- -T 2 http://api');
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stderr).toBe('');
    expect(s.solved()).toBe(true);
  });
});
