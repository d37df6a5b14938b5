import { afterEach, describe, expect, it } from 'vitest';
import { DrillScreen } from './drill-screen.js';
import { ServicesContext } from '../services.js';
import { KEYS, render, type Rendered } from '../../../test/render.js';
import { testServices } from '../../../test/services.js';

let r: Rendered | undefined;
afterEach(() => {
  r?.unmount();
  r = undefined;
});

async function sandbox() {
  const services = testServices();
  const s = services.loadScenario('sandbox');
  if (!s.ok) throw new Error(s.errors.join('\n'));
  const events: { left?: boolean; quit?: boolean } = {};
  r = await render(
    <ServicesContext.Provider value={services}>
      <DrillScreen scenario={s.scenario} pump={false} onSolved={() => {}} onLeave={() => (events.left = true)} onQuit={() => (events.quit = true)} />
    </ServicesContext.Provider>,
    { columns: 100, rows: 24 },
  );
  return { r, events };
}

/** The prompt line: the second-to-last line of the frame. */
function promptLine(frame: string): string {
  const lines = frame.split('\n');
  return lines[lines.length - 2] ?? '';
}

describe('drill screen inside a container', () => {
  it('shows the container shell\'s prompt, runs lines there, keeps Ctrl+C and exit inside, and comes back', async () => {
    const { r, events } = await sandbox();
    await r.type('kubectl run client --image=busybox -- sleep 3600\r');
    await r.type('sleep 30\r');
    await r.type('kubectl exec -it client -- sh\r');
    let f = await r.waitFor((x) => promptLine(x) === '/ #', 'the container prompt');
    expect(f).toContain('in pod/client, container client · exit or Ctrl+D leaves');
    // No kubectl completions in the container's shell.
    await r.type('kubectl -n kube-sy');
    await r.press(KEYS.tab);
    await r.waitFor((x) => promptLine(x) === '/ # kubectl -n kube-sy', 'the line as typed');
    // Ctrl+C gives a fresh prompt, even on an empty line; it does not quit the trainer.
    await r.press(KEYS.ctrl('c'));
    await r.press(KEYS.ctrl('c'));
    await r.waitFor((x) => x.includes('/ # kubectl -n kube-sy^C\n/ # ^C\n'), 'two interrupted lines');
    expect(events.quit).toBeUndefined();
    await r.type('echo $HOSTNAME\r');
    await r.waitFor((x) => x.includes('/ # echo $HOSTNAME\nclient\n'), 'the command echoed after the container prompt');
    await r.type('exit 3\r');
    f = await r.waitFor((x) => promptLine(x) === '$', 'the trainer prompt again');
    expect(f).toContain('/ # exit 3\ncommand terminated with exit code 3\n');
    expect(events.left).toBeUndefined();
    // Ctrl+D on an empty line leaves as well.
    await r.type('kubectl exec -it client -- sh\r');
    await r.waitFor((x) => promptLine(x) === '/ #', 'the container prompt again');
    await r.press(KEYS.ctrl('d'));
    await r.waitFor((x) => promptLine(x) === '$', 'back after Ctrl+D');
  });
});
