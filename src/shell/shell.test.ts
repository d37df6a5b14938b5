import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../cluster/simulation.js';
import { defaultKubeConfig } from '../kubectl/context.js';
import { memoryFileSystem, nodeFileSystem } from '../kubectl/node-fs.js';
import { parseShell } from './parse.js';
import { Shell, terminalOutput, type ShellOptions } from './shell.js';
import { Workspace } from './workspace.js';

function shell() {
  const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
  const fs = new Workspace(memoryFileSystem({}), { cwd: '/root', home: '/root', now: () => sim.now() });
  return new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs });
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
    const r = shell().run('emacs deploy.yaml');
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/^kubedojo: emacs: command not found \(only kubectl and these helpers are simulated: grep, .*, ls, rm, cp, mv, touch, mkdir, tee, diff, vi, vim, nano, cd, pwd, sleep, ssh NODE\)\n$/);
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

describe('terminal order', () => {
  it('shows what upstream stages wrote to stderr before the last stage prints', () => {
    const sh = shell();
    const r = sh.run('kubectl get pods -n empty --no-headers | wc -l');
    expect(terminalOutput(r)).toEqual([
      { stream: 'stderr', text: 'No resources found in empty namespace.\n' },
      { stream: 'stdout', text: '0\n' },
    ]);
    // The streams themselves are unchanged.
    expect(r).toEqual({ stdout: '0\n', stderr: 'No resources found in empty namespace.\n', exitCode: 0 });
  });

  it('keeps each command of a list in the order it ran', () => {
    const r = shell().run('cat nosuch; echo after; ls nosuch | wc -c');
    expect(terminalOutput(r).map((c) => `${c.stream}:${c.text}`)).toEqual([
      'stderr:cat: nosuch: No such file or directory\n',
      'stdout:after\n',
      "stderr:ls: cannot access 'nosuch': No such file or directory\n",
      'stdout:0\n',
    ]);
  });

  it('falls back to stdout then stderr for results the shell did not make', () => {
    expect(terminalOutput({ stdout: 'a\n', stderr: 'b\n', exitCode: 0 }).map((c) => c.stream)).toEqual(['stdout', 'stderr']);
  });
});

describe('the workspace', () => {
  it('lives in memory: the layer below is never written, and a removed file stays hidden', () => {
    const files: Record<string, string> = { 'base.yaml': 'kind: Pod\n' };
    const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs: memoryFileSystem(files) });
    expect(sh.run('cat base.yaml > copy.yaml && sed -i s/Pod/Service/ base.yaml && cat base.yaml copy.yaml').stdout).toBe('kind: Service\nkind: Pod\n');
    expect(files).toEqual({ 'base.yaml': 'kind: Pod\n' });
    expect(sh.run('rm base.yaml; ls').stdout).toBe('copy.yaml\n');
    expect(sh.run('cat base.yaml').stderr).toBe('cat: base.yaml: No such file or directory\n');
  });

  it('never writes to the real disk, though it reads from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-ws-'));
    writeFileSync(join(dir, 'real.yaml'), 'real\n');
    const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
    // The workspace's cwd is the one the real file system resolves relative paths against.
    const fs = new Workspace(nodeFileSystem, { cwd: process.cwd(), home: dir, now: () => sim.now() });
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: { HOME: dir }, fs });
    expect(sh.run(`cat ${dir}/real.yaml && echo new > ${dir}/new.yaml && echo more >> ${dir}/real.yaml && rm ${dir}/real.yaml; ls ${dir}`).stdout).toBe('real\nnew.yaml\n');
    expect(readdirSync(dir)).toEqual(['real.yaml']);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('real\n');
  });

  it('kubectl -f reads what the shell wrote, relative to cd, with ~ for $HOME', () => {
    const sim = createSimulation({ seed: 1 });
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs: new Workspace(memoryFileSystem({}), { cwd: '/root', home: '/root', now: () => sim.now() }) });
    expect(sh.run('mkdir -p ~/manifests && cd ~/manifests && kubectl create cm app --from-literal=a=1 --dry-run=client -o yaml > cm.yaml && pwd').stdout).toBe('/root/manifests\n');
    expect(sh.run('cd /tmp && kubectl apply -f ~/manifests/').stdout).toBe('configmap/app created\n');
    expect(sh.run('cd; kubectl delete -f manifests/cm.yaml').stdout).toBe('configmap "app" deleted\n');
    expect(sh.run('echo ~ $PWD').stdout).toBe('/root /root\n');
  });

  it('writes heredocs to files, and /dev/stdout and /dev/stderr point where the streams do', () => {
    const sh = shell();
    expect(sh.run('cat > note.txt <<EOF\nline 1\n  line 2\nEOF\ncat note.txt').stdout).toBe('line 1\n  line 2\n');
    expect(sh.run('echo out > /dev/stdout; echo err > /dev/stderr')).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 });
    expect(sh.run('echo x | tee /dev/stderr | wc -c')).toEqual({ stdout: '2\n', stderr: 'x\n', exitCode: 0 });
  });

  it('lays ls out in columns on a terminal, with tabs to 8-column stops as GNU ls does', () => {
    const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
    const names = ['alpha.yaml', 'b.txt', 'd.yaml', 'deployment-backup.yaml', 'pod.yaml', 'service-account-token.yaml', 'x', 'y', 'z1', 'zz'];
    const sh = new Shell({ sim, config: defaultKubeConfig(), env: {}, fs: memoryFileSystem(Object.fromEntries([...names.map((n) => [n, 'hi\n']), ['manifests/a.yaml', '']])) }, { terminalColumns: () => 60 });
    // Recorded from GNU ls 9.1 in a 60-column pseudo-terminal (script -qc 'stty cols 60; ls').
    expect(sh.run('ls').stdout).toBe('alpha.yaml\t\tmanifests\t\t    y\nb.txt\t\t\tpod.yaml\t\t    z1\nd.yaml\t\t\tservice-account-token.yaml  zz\ndeployment-backup.yaml\tx\n');
    // Not on a terminal: piped, captured by $(…), or with -1, one name per line.
    expect(sh.run('ls | head -2').stdout).toBe('alpha.yaml\nb.txt\n');
    expect(sh.run('echo "$(ls)" | wc -l').stdout).toBe('11\n');
    expect(sh.run('ls -1 | wc -l').stdout).toBe('11\n');
  });
});

describe('editors', () => {
  function withEditor(editFile?: ShellOptions['editFile']) {
    const sim = createSimulation({ frozen: true, startTime: Date.UTC(2026, 0, 1) });
    return new Shell({ sim, config: defaultKubeConfig(), env: { HOME: '/root' }, fs: memoryFileSystem({ 'pod.yaml': 'image: nginx\n' }) }, { editFile });
  }

  it('without a terminal (play) say how a script edits files', () => {
    expect(withEditor().run('vi pod.yaml')).toEqual({
      stdout: '',
      stderr: 'kubedojo: vi: editors need the interactive trainer (kubedojo drill); in a script, write files with cat > FILE <<EOF or edit them with sed -i\n',
      exitCode: 1,
    });
  });

  it('store what the editor saved, and create a new file only when something was written', () => {
    const seen: string[] = [];
    let reply = '';
    const sh = withEditor((text, name) => {
      seen.push(`${name}:${text}`);
      return { ok: true, text: reply };
    });
    reply = 'image: nginx:1.27\n';
    expect(sh.run('vim pod.yaml && cat pod.yaml').stdout).toBe('image: nginx:1.27\n');
    reply = '';
    expect(sh.run('nano new.yaml; ls').stdout).toBe('pod.yaml\n');
    reply = 'kind: Pod\n';
    expect(sh.run('vi +3 new.yaml; cat new.yaml').stdout).toBe('kind: Pod\n');
    expect(seen).toEqual(['pod.yaml:image: nginx\n', 'new.yaml:', 'new.yaml:']);
    expect(sh.run('vi /tmp').stderr).toBe('kubedojo: vi: /tmp: Is a directory\n');
    expect(sh.run('vi nodir/x.yaml')).toEqual({ stdout: '', stderr: '"nodir/x.yaml" E212: Can\'t open file for writing\n', exitCode: 1 });
  });

  it('stop the line when the trainer takes the edit over (it runs the line again afterwards)', () => {
    const sh = withEditor(() => 'deferred');
    expect(sh.run('echo before > log; vi pod.yaml; echo after >> log')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.run('cat log').stdout).toBe('before\n');
  });
});

describe('pathname expansion', () => {
  it('leaves kubectl arguments that match no file as typed, even odd brackets', () => {
    const sh = shell();
    sh.run('touch a.yaml b.yaml');
    expect(sh.run('echo *.yaml x[z-a]y {.items[*].name} "*.yaml"').stdout).toBe('a.yaml b.yaml x[z-a]y {.items[*].name} *.yaml\n');
  });
});
