/**
 * End-to-end: the generate-edit-apply workflow in the built trainer, in a
 * real pseudo-terminal. `vi FILE` hands the terminal to $EDITOR (here a
 * scripted one) on the workspace file, and what it saved is then applied.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, spawnProgram, type Program } from '../pty.js';

let p: Program | undefined;
afterEach(() => {
  p?.kill();
  p = undefined;
});

/** An $EDITOR that sets replicas to 4 in the file it is given and notes the file's name. */
function replicasEditor(): { command: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-editor-'));
  const script = join(dir, 'editor.mjs');
  const log = join(dir, 'seen.txt');
  writeFileSync(
    script,
    `import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename } from 'node:path';
const file = process.argv[2];
appendFileSync(${JSON.stringify(log)}, basename(file) + '\\n');
writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 1', 'replicas: 4'));
`,
  );
  return { command: `node ${script}`, log };
}

describe('files in the trainer', () => {
  it('vi web.yaml runs $EDITOR on the generated file; the edited file is applied; the real disk is untouched', async () => {
    const editor = replicasEditor();
    p = spawnProgram(['drill', 'sandbox'], { env: { EDITOR: editor.command, KUBE_EDITOR: '' } });
    await p.waitFor('Sandbox');
    await p.run('kubectl create deploy web --image=nginx --dry-run=client -o yaml > web.yaml');
    await p.run('vi web.yaml');
    await p.waitFor(() => existsSync(editor.log));
    await p.waitFor('sandbox · Sandbox');
    expect(readFileSync(editor.log, 'utf8')).toBe('web.yaml\n');
    // Tab completes the workspace file's name.
    p.write('grep replicas we');
    await p.waitFor('$ grep replicas we');
    p.write(KEY.tab);
    await p.waitFor('$ grep replicas web.yaml');
    p.write(KEY.enter);
    await p.waitFor(/^ {2}replicas: 4$/m);
    await p.run('kubectl apply -f web.yaml');
    await p.waitFor('deployment.apps/web created');
    await p.run('sleep 1m');
    await p.run('kubectl get deploy web');
    await p.waitFor(/web\s+4\/4\s+4\s+4/);
    expect(existsSync(resolve('web.yaml'))).toBe(false);
  });

  it('without an editor program, vi opens the built-in editor and a saved new file appears in the workspace', async () => {
    p = spawnProgram(['drill', 'sandbox'], { env: { EDITOR: '/nonexistent/editor', KUBE_EDITOR: '' } });
    await p.waitFor('Sandbox');
    await p.run('vi note.yaml');
    await p.waitFor('built-in editor');
    p.write('kind: Namespace');
    await p.waitFor('kind: Namespace');
    p.write(KEY.ctrl('s'));
    await p.waitFor('sandbox · Sandbox');
    await p.run('cat note.yaml');
    await p.waitFor(/\$ cat note\.yaml\nkind: Namespace/);
  });
});
