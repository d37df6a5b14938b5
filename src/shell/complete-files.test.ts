import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../kubectl/node-fs.js';
import { completePath } from './complete-files.js';
import { Workspace } from './workspace.js';

function ws() {
  const w = new Workspace(memoryFileSystem({ 'pod.yaml': '', 'policy.yaml': '', 'manifests/deploy.yaml': '', '.hidden': '' }), { cwd: '/root', home: '/root', now: () => 0 });
  w.writeFile('backup.yaml', 'x');
  return w;
}

describe('completePath', () => {
  it('completes workspace files after -f and in file programs, a file with a space and a directory with /', () => {
    const line = 'kubectl apply -f b';
    expect(completePath(line, line.length, ws())).toEqual({ from: 17, replacement: 'backup.yaml ', candidates: [] });
    expect(completePath('vi m', 4, ws())).toEqual({ from: 3, replacement: 'manifests/', candidates: [] });
    expect(completePath('cat manifests/d', 15, ws())).toEqual({ from: 4, replacement: 'manifests/deploy.yaml ', candidates: [] });
    expect(completePath('kubectl get pods > p', 20, ws())).toEqual({ from: 19, replacement: 'po', candidates: ['pod.yaml', 'policy.yaml'] });
    expect(completePath('kubectl apply --filename=po', 27, ws())).toEqual({ from: 25, replacement: 'po', candidates: ['pod.yaml', 'policy.yaml'] });
  });

  it('lists a directory without its hidden files, and leaves other words to kubectl completion', () => {
    expect(completePath('ls ', 3, ws())?.candidates).toEqual(['backup.yaml', 'manifests/', 'pod.yaml', 'policy.yaml']);
    expect(completePath('kubectl get po', 14, ws())).toBeUndefined();
    expect(completePath('ca', 2, ws())).toBeUndefined();
    expect(completePath('rm -', 4, ws())).toBeUndefined();
    expect(completePath('cat x', 5, ws())).toBeUndefined();
  });
});
