import { describe, expect, it } from 'vitest';
import { createSimulation } from '../cluster/simulation.js';
import { defaultKubeConfig } from '../kubectl/context.js';
import { memoryFileSystem } from '../kubectl/node-fs.js';
import { parseShell } from './parse.js';
import { Shell } from './shell.js';

function shell() {
  const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
  return new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs: memoryFileSystem({}) });
}

describe('parseShell', () => {
  it('splits pipes, && and ; into pipelines', () => {
    const r = parseShell('kubectl get pods | grep web && echo ok; echo done');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.items.map((i) => [i.op, i.pipeline.commands.length])).toEqual([
      [null, 2],
      ['&&', 1],
      [';', 1],
    ]);
  });

  it('reports unclosed quotes the way bash does', () => {
    expect(parseShell("echo 'abc")).toEqual({ ok: false, message: "unexpected EOF while looking for matching `''" });
    expect(parseShell('echo "abc')).toEqual({ ok: false, message: 'unexpected EOF while looking for matching `"\'' });
  });

  it('keeps heredoc bodies with the command that reads them', () => {
    const r = parseShell("cat <<EOF\nline 1\n  line 2\nEOF");
    expect(r.ok && r.list.items[0].pipeline.commands[0].heredoc).toBe('line 1\n  line 2\n');
  });

  it('fails on a heredoc that never closes', () => {
    const r = parseShell('cat <<EOF\nabc');
    expect(r.ok).toBe(false);
  });
});

describe('Shell', () => {
  it('pipes output through grep, wc, head, tail, sort, awk, cut', () => {
    const sh = shell();
    expect(sh.run("echo 'a b\nc d' | wc -l").stdout).toBe('2\n');
    expect(sh.run("printf x").exitCode).toBe(127);
    const lines = 'NAME READY\nweb-1 1/1\nweb-2 0/1\ndb-1 1/1\n';
    sh.vars.set('T', lines);
    expect(sh.run('echo "$T" | grep web').stdout).toBe('web-1 1/1\nweb-2 0/1\n');
    expect(sh.run('echo "$T" | grep -v NAME | wc -l').stdout).toBe('4\n');
    expect(sh.run('echo "$T" | head -2').stdout).toBe('NAME READY\nweb-1 1/1\n');
    expect(sh.run('echo "$T" | tail -n 2').stdout).toBe('db-1 1/1\n\n');
    expect(sh.run("echo \"$T\" | awk 'NR>1 {print $1}' | sort").stdout).toBe('\ndb-1\nweb-1\nweb-2\n');
    expect(sh.run("echo web-7d4-x2k | cut -d- -f1").stdout).toBe('web\n');
  });

  it('sets variables from command substitution and expands them', () => {
    const sh = shell();
    expect(sh.run('POD=$(echo web-1)').exitCode).toBe(0);
    expect(sh.run('echo pod is $POD').stdout).toBe('pod is web-1\n');
    expect(sh.run('echo "${POD}-x"').stdout).toBe('web-1-x\n');
    expect(sh.run("echo '$POD'").stdout).toBe('$POD\n');
  });

  it('runs the right side of && only on success and of || only on failure', () => {
    const sh = shell();
    expect(sh.run('false && echo yes').stdout).toBe('');
    expect(sh.run('false || echo no').stdout).toBe('no\n');
    expect(sh.run('true && echo yes').stdout).toBe('yes\n');
    expect(sh.run('false; echo $?').stdout).toBe('1\n');
  });

  it('decodes base64 and reads JSON with jq', () => {
    const sh = shell();
    expect(sh.run('echo cGFzc3dvcmQ= | base64 -d').stdout).toBe('password');
    expect(sh.run(`echo '{"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}' | jq -r '.items[].metadata.name'`).stdout).toBe('a\nb\n');
    expect(sh.run(`echo '{"items":[1,2,3]}' | jq '.items | length'`).stdout).toBe('3\n');
  });

  it('says which programs exist when one is not simulated', () => {
    const r = shell().run('vim deploy.yaml');
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/^kubedojo: vim: command not found \(only kubectl and these helpers are simulated: grep, /);
  });

  it('advances the simulated clock on sleep', () => {
    const sim = createSimulation({ seed: 1 });
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) });
    const before = sim.now();
    sh.run('sleep 90');
    sh.run('sleep 2m');
    expect(sim.now() - before).toBe(210_000);
  });

  it('redirects stderr with 2>&1 and discards it with 2>/dev/null', () => {
    const sh = shell();
    const r1 = sh.run('nosuch 2>&1 | wc -l');
    expect(r1.stdout).toBe('1\n');
    expect(r1.stderr).toBe('');
    expect(sh.run('nosuch 2>/dev/null').stderr).toBe('');
  });
});

describe('grep context and sed', () => {
  const text = 'a\nState: Running\nb\nc\nLast State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\nd\n';
  it('prints -A/-B context with -- between groups, as GNU grep', () => {
    const sh = shell();
    sh.vars.set('T', text);
    expect(sh.run('echo -n "$T" | grep -A2 "Last State"').stdout).toBe('Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\n');
    expect(sh.run('echo -n "$T" | grep -A1 State').stdout).toBe('State: Running\nb\n--\nLast State: Terminated\n  Reason: OOMKilled\n');
    expect(sh.run('echo -n "$T" | grep -B1 -n Reason').stdout).toBe('5-Last State: Terminated\n6:  Reason: OOMKilled\n');
  });

  it('runs s///, ranges with -n p, and d', () => {
    const sh = shell();
    sh.vars.set('T', text);
    expect(sh.run('echo -n "$T" | sed -n 2,3p').stdout).toBe('State: Running\nb\n');
    expect(sh.run("echo -n \"$T\" | sed -n '/Last/,/Exit/p'").stdout).toBe('Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\n');
    expect(sh.run("echo web-1 web-2 | sed 's/web/api/g'").stdout).toBe('api-1 api-2\n');
    expect(sh.run("echo -n \"$T\" | sed '1d;/^  /d'").stdout).toBe('State: Running\nb\nc\nLast State: Terminated\nd\n');
  });
});

describe('ssh to a node', () => {
  it('runs the kubelet unit commands on a node and refuses unknown hosts as ssh does', () => {
    const sim = createSimulation({ seed: 1 });
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem({}) });
    expect(sh.run('ssh node01 sudo systemctl is-active kubelet')).toEqual({ stdout: 'active\n', stderr: '', exitCode: 0 });
    expect(sh.run('ssh admin@node01 sudo systemctl stop kubelet').exitCode).toBe(0);
    expect(sim.kubelet.nodeRunning('node01')).toBe(false);
    expect(sh.run('ssh node01 systemctl is-active kubelet').stdout).toBe('inactive\n');
    expect(sh.run('ssh node01 sudo systemctl start kubelet').exitCode).toBe(0);
    expect(sim.kubelet.nodeRunning('node01')).toBe(true);
    expect(sh.run('ssh node42 uptime')).toEqual({ stdout: '', stderr: 'ssh: Could not resolve hostname node42: Name or service not known\n', exitCode: 255 });
    expect(sh.run('ssh node01').exitCode).toBe(255);
  });
});
