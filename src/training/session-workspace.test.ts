/** The CKA/CKAD file workflow in a session: generate YAML into a file, edit it, apply it, back objects up. */
import { describe, expect, it } from 'vitest';
import { play, startScenario } from '../../test/play-helpers.js';
import { playCommand } from '../cli/play-command.js';
import { terminalOutput } from '../shell/shell.js';

describe('files in a session', () => {
  it('generate, edit with sed -i, apply: the Deployment runs 3 replicas', () => {
    const s = startScenario('sandbox');
    expect(s.run('kubectl create deploy web --image=nginx --dry-run=client -o yaml > d.yaml')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.run('grep replicas d.yaml').stdout).toBe('  replicas: 1\n');
    expect(s.run("sed -i 's/replicas: 1/replicas: 3/' d.yaml").exitCode).toBe(0);
    expect(s.run('kubectl apply -f d.yaml').stdout).toBe('deployment.apps/web created\n');
    s.sim.advanceBy(60_000);
    expect(s.run("kubectl get deploy web -o jsonpath='{.status.readyReplicas}'").stdout).toBe('3');
    // A backup of the live object, then replace --force from the edited copy.
    expect(s.run('kubectl get deploy web -o yaml > backup.yaml && grep -c "^  replicas: 3" backup.yaml').stdout).toBe('2\n');
    expect(s.run("sed -i 's/replicas: 3/replicas: 2/' d.yaml && kubectl replace --force -f d.yaml").stdout).toBe('deployment.apps "web" deleted\ndeployment.apps/web replaced\n');
    s.sim.advanceBy(60_000);
    expect(s.run('kubectl get deploy web --no-headers | wc -l').stdout).toBe('1\n');
    expect(s.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").stdout).toBe('2');
    expect(s.run('ls').stdout).toBe('backup.yaml\nd.yaml\n');
  });

  it('kubectl run --dry-run into a file, then create -f from it; the file stays for the session only', () => {
    const s = startScenario('sandbox');
    s.run('kubectl run web --image=nginx --dry-run=client -o yaml > pod.yaml');
    expect(s.run('kubectl create -f pod.yaml').stdout).toBe('pod/web created\n');
    expect(s.run('kubectl create -f pod.yaml').stderr).toBe('Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists\n');
    expect(startScenario('sandbox').run('cat pod.yaml').stderr).toBe('cat: pod.yaml: No such file or directory\n');
  });

  it('a pipeline\'s upstream stderr comes before its output on the terminal, while play keeps the stdout-then-stderr contract', () => {
    const line = 'kubectl get pods --no-headers | wc -l';
    const r = startScenario('sandbox').run(line);
    expect(terminalOutput(r).map((c) => c.text)).toEqual(['No resources found in default namespace.\n', '0\n']);
    expect(play(startScenario('sandbox'), `${line}\n`).output).toBe(`$ ${line}\n0\nNo resources found in default namespace.\n`);
  });

  it('play (no terminal) explains that editors need the trainer, and the script goes on', () => {
    let out = '';
    const code = playCommand(['sandbox', '--script', '-'], {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      readStdin: () => "kubectl run web --image=nginx --dry-run=client -o yaml > pod.yaml\nvi pod.yaml\nsed -i 's/nginx/nginx:1.27/' pod.yaml\ngrep image: pod.yaml\n",
      stdinIsTTY: false,
      env: { HOME: '/root', EDITOR: 'true' },
    });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        '$ kubectl run web --image=nginx --dry-run=client -o yaml > pod.yaml',
        '$ vi pod.yaml',
        'kubedojo: vi: editors need the interactive trainer (kubedojo drill); in a script, write files with cat > FILE <<EOF or edit them with sed -i',
        "$ sed -i 's/nginx/nginx:1.27/' pod.yaml",
        '$ grep image: pod.yaml',
        '  - image: nginx:1.27',
        '',
      ].join('\n'),
    );
  });
});
