import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app.js';
import { DrillScreen } from './drill-screen.js';
import { QuizScreen } from './quiz-screen.js';
import { hardWrap } from '../components/hard-wrap.js';
import { ServicesContext } from '../services.js';
import { KEYS, render, type Rendered } from '../../../test/render.js';
import { testServices, type TestServices } from '../../../test/services.js';
import type { DrillSummary } from '../../training/drill.js';
import type { EditResult } from '../../kubectl/context.js';

let r: Rendered | undefined;
afterEach(() => {
  r?.unmount();
  r = undefined;
});

function scenario(id: string) {
  const s = testServices().loadScenario(id);
  if (!s.ok) throw new Error(s.errors.join('\n'));
  return s.scenario;
}

async function drill(id: string, services: TestServices, size = { columns: 80, rows: 24 }) {
  const events: { solved?: DrillSummary; left?: boolean; quit?: boolean } = {};
  r = await render(
    <ServicesContext.Provider value={services}>
      <DrillScreen scenario={scenario(id)} pump={false} onSolved={(s) => (events.solved = s)} onLeave={() => (events.left = true)} onQuit={() => (events.quit = true)} />
    </ServicesContext.Provider>,
    size,
  );
  return { r, events };
}

describe('home and picker', () => {
  it.each([{ columns: 80 }, { columns: 120 }])('shows the menu with its keys at $columns columns', async ({ columns }) => {
    const services = testServices();
    const drills = services.catalogue().entries.filter((e) => e.hasObjectives).length;
    const questions = services.quizBank().questions.length;
    r = await render(<App services={services} initial={{ screen: 'home' }} />, { columns, rows: 24 });
    const f = await r.waitFor((x) => x.includes('questions due'), 'the quiz count');
    for (const s of ['kubedojo › home', '[d] Drills', '[c] Challenge', '[q] Quiz', '[p] Progress', '[?] Help', `0/${drills} solved`, `${questions} questions due`]) expect(f).toContain(s);
    expect(f.split('\n').every((l) => l.length <= columns)).toBe(true);
  });

  it('opens the picker with a letter, filters as you type, previews the briefing, Esc clears the filter', async () => {
    const services = testServices();
    const total = services.catalogue().entries.length;
    r = await render(<App services={services} initial={{ screen: 'home' }} />);
    await r.press('d');
    await r.waitFor((f) => f.includes('kubedojo › drills') && f.includes(`${total} of ${total}`));
    await r.type('netpol-frontend');
    const f = await r.waitFor((x) => x.includes(`1 of ${total}`), 'the filtered list');
    expect(f).toContain('netpol-frontend');
    expect(f).not.toContain('oom-checkout');
    expect(f).toContain('The storefront cannot reach its API');
    await r.press(KEYS.escape);
    await r.waitFor((x) => x.includes(`${total} of ${total}`));
    await r.press(KEYS.escape);
    await r.waitFor((x) => x.includes('kubedojo › home'));
  });

  it('starts the chosen drill from the picker', async () => {
    r = await render(<App services={testServices()} initial={{ screen: 'picker' }} />);
    await r.type('oom-checkout');
    await r.waitFor((f) => f.includes('1 of '));
    await r.press(KEYS.enter);
    await r.waitFor((f) => f.includes('oom-checkout · Checkout pods keep restarting'), 'the drill', 15_000);
  });

  it('keeps what is typed while a drill is starting for its prompt', async () => {
    r = await render(<App services={testServices()} initial={{ screen: 'picker' }} />);
    await r.type('sandbox');
    await r.waitFor((f) => f.includes('1 of '));
    // Enter and the line arrive back to back, before the drill's start (a timer) can run, so
    // the line is typed while nothing listens; nothing typed is lost. (With two separate writes,
    // whether the drill is up before the second one is up to Node's timers.)
    await r.typeTogether(KEYS.enter, 'echo typed early\r');
    await r.waitFor((f) => f.includes('$ echo typed early\ntyped early\n'), 'the command run in the drill', 15_000);
    expect(r.stdout.frames.some((f) => f.includes('Starting sandbox'))).toBe(true);
  });

  it('applies keys read in one chunk in order, each to the screen the previous one led to', async () => {
    r = await render(<App services={testServices()} initial={{ screen: 'home' }} />);
    await r.waitFor((f) => f.includes('kubedojo › home'));
    // ↓ moves to Challenge, Enter opens it, ↓ moves its list from mixed to easy.
    await r.type(KEYS.down + KEYS.enter + KEYS.down);
    await r.waitFor((f) => f.includes('kubedojo › challenge') && f.includes('❯ easy'), 'the challenge setup on easy');
  });

  it('re-lays out on resize', async () => {
    r = await render(<App services={testServices()} initial={{ screen: 'home' }} />, { columns: 80, rows: 24 });
    await r.resize(60, 20);
    await r.waitFor((f) => f.split('\n').every((l) => l.length <= 60) && f.split('\n').length <= 19, 'a 60-column frame');
  });
});

describe('drill screen', () => {
  it('runs commands, keeps tables unwrapped, completes with Tab, shows hints and scrolls', async () => {
    const { r } = await drill('oom-checkout', testServices());
    expect(r.frame()).toContain('[ ] All 3 checkout pods are Running');
    await r.type('kubectl -n sh');
    await r.press(KEYS.tab);
    await r.waitFor((f) => f.includes('$ kubectl -n shop\n'), 'the completed namespace');
    await r.type('get po -o wide');
    await r.waitFor((f) => f.includes('$ kubectl -n shop get po -o wide'), 'the typed line');
    await r.press(KEYS.enter);
    const f = await r.waitFor((x) => x.includes('NOMINATED NODE') || x.includes('NAME '), 'kubectl output');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await r.press(KEYS.ctrl('g'));
    await r.waitFor((x) => x.includes('hint 1/3:'));
    await r.press(KEYS.ctrl('g'));
    await r.waitFor((x) => x.includes('hint 2/3:') && x.includes('hints 2/3'));
    await r.press(KEYS.pageUp);
    await r.waitFor((x) => x.includes('more below'));
    await r.press(KEYS.pageDown);
    await r.waitFor((x) => !x.includes('more below'));
  });

  it('recalls history with Up and Ctrl+R, clears the line with Ctrl+C', async () => {
    const services = testServices();
    const { r, events } = await drill('sandbox', services);
    await r.type('echo first\r');
    await r.type('echo second\r');
    await r.waitFor((f) => f.includes('\nsecond'));
    await r.press(KEYS.up, KEYS.up);
    await r.waitFor((f) => f.includes('$ echo first'));
    await r.press(KEYS.ctrl('u'), KEYS.ctrl('r'));
    await r.type('sec');
    await r.waitFor((f) => f.includes("(reverse-i-search)`sec': echo second"));
    await r.press(KEYS.escape);
    await r.type('abc');
    await r.press(KEYS.ctrl('c'));
    await r.waitFor((f) => f.includes('$ abc^C'));
    expect(events.quit).toBeUndefined();
    await r.press(KEYS.ctrl('c'));
    expect(events.quit).toBe(true);
  });

  it('runs a pasted heredoc once its terminator arrives', async () => {
    const { r } = await drill('sandbox', testServices());
    await r.type('cat <<EOF\nline one\n');
    await r.waitFor((f) => f.split('\n').includes('>'), 'the continuation prompt');
    await r.type('line two\nEOF\n');
    await r.waitFor((f) => /\nline one\nline two\n/.test(f), 'the heredoc output');
  });

  it('ticks objectives as the cluster changes, asks for a diagnosis, then reports the summary', async () => {
    const { r, events } = await drill('oom-checkout', testServices());
    await r.type('kubectl -n shop set resources deploy/checkout --limits=memory=512Mi\r');
    await r.waitFor((f) => f.includes('resource requirements updated'));
    await r.type('sleep 3m\r');
    await r.waitFor((f) => f.includes('[x] All 3 checkout pods') && f.includes('✔ Solved'), 'the solved banner');
    await r.type('the limit was below what the app needs\r');
    await r.waitFor(() => events.solved !== undefined, 'onSolved');
    expect(events.solved).toMatchObject({ solved: true, hintsUsed: 0, diagnosis: 'the limit was below what the app needs' });
    expect(events.solved!.commands.map((c) => c.line)).toEqual(['kubectl -n shop set resources deploy/checkout --limits=memory=512Mi', 'sleep 3m']);
    expect(events.solved!.changes.join('\n')).toContain('256Mi → 512Mi');
  });

  it('kubectl edit goes through the editor hook and applies the result', async () => {
    const seen: string[] = [];
    const edit = (text: string): EditResult => {
      seen.push(text);
      return { ok: true, text: text.replace(/^(\s*)Corefile: /m, '$1edited: "yes"\n$1Corefile: ') };
    };
    const { r } = await drill('sandbox', testServices({ edit }));
    await r.type('kubectl -n kube-system edit cm coredns\r');
    await r.waitFor((f) => f.includes('configmap/coredns edited'), 'the edit result');
    expect(seen[0]).toContain('# Please edit the object below.');
  });

  it('falls back to the built-in editor when no editor can run', async () => {
    const { r } = await drill('sandbox', testServices({ edit: () => 'unavailable' }));
    await r.type('kubectl -n kube-system edit cm kube-proxy\r');
    await r.waitFor((f) => f.includes('built-in editor'), 'the built-in editor');
    await r.press(KEYS.escape);
    await r.waitFor((f) => f.includes('Edit cancelled, no changes made.'));
    await r.type('kubectl -n kube-system edit cm kube-proxy\r');
    await r.waitFor((f) => f.includes('built-in editor'));
    await r.press(KEYS.ctrl('s'));
    await r.waitFor((f) => f.includes('Edit cancelled, no changes made.') || f.includes('edited'), 'the unchanged save');
  });
});

describe('quiz screen', () => {
  it('gives immediate feedback with explanations, then a score', async () => {
    const services = testServices();
    let done = false;
    r = await render(
      <ServicesContext.Provider value={services}>
        <QuizScreen count={2} seed={1} onDone={() => (done = true)} onQuit={() => {}} />
      </ServicesContext.Provider>,
    );
    await r.waitFor((f) => f.includes('question 1/2'));
    for (let i = 0; i < 2; i++) {
      const f = r.frame();
      if (f.includes('choose all that apply')) {
        await r.press(KEYS.enter, KEYS.down, KEYS.enter);
        await r.press(KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
      } else await r.press(KEYS.enter);
      await r.waitFor((x) => x.includes('✔ Correct.') || x.includes('✘ Not quite.'), 'feedback');
      await r.press(KEYS.enter);
    }
    const f = await r.waitFor((x) => x.includes('Score:'), 'the score');
    expect(f).toMatch(/Score: \d\/2/);
    expect(services.progress.get().quiz.runs).toBe(1);
    await r.press(KEYS.enter);
    expect(done).toBe(true);
  });
});

describe('quiz output', () => {
  it('scrolls an output taller than the terminal instead of cutting it, and wraps wide lines', async () => {
    const base = testServices();
    const all = base.quizBank().questions;
    const tall = all.find((q) => q.id === 'netpol-and-vs-or-output')!;
    const wide = all.find((q) => q.id === 'psa-restricted-output')!;
    const services = { ...base, quizBank: () => ({ questions: [tall, wide], errors: [] }) };
    r = await render(
      <ServicesContext.Provider value={services}>
        <QuizScreen count={2} seed={1} onDone={() => {}} onQuit={() => {}} />
      </ServicesContext.Provider>,
    );
    let f = await r.waitFor((x) => x.includes('question 1/2'));
    const first = f.includes('db-and wants') || f.includes('PodSelector:     app=db') ? tall : wide;
    if (first !== tall) {
      await r.press(KEYS.enter);
      await r.waitFor((x) => x.includes('Correct.') || x.includes('Not quite.'));
      await r.press(KEYS.enter);
      f = await r.waitFor((x) => x.includes('question 2/2'));
    }
    const total = tall.output!.split('\n').length;
    expect(total).toBeGreaterThan(20);
    // A 20-line output on a 24-row terminal: the start is shown, with where we are.
    expect(f).toContain('$ kubectl describe netpol db-and');
    expect(f).not.toContain('$ kubectl describe netpol db-or');
    expect(f).toContain(`of ${total} · PgUp/PgDn scroll`);
    expect(f).toMatch(/output rows 1–\d+ of/);
    await r.press(KEYS.pageDown);
    f = await r.waitFor((x) => x.includes(`of ${total} ·`) && !x.includes('output rows 1–'), 'the scrolled output');
    expect(f).toContain('$ kubectl describe netpol db-or');
    await r.press(KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
    f = await r.waitFor((x) => x.includes(`–${total} of ${total}`), 'the end of the output');
    expect(f).toContain('Policy Types: Ingress');
    await r.press(KEYS.pageUp, KEYS.pageUp, KEYS.pageUp, KEYS.pageUp);
    f = await r.waitFor((x) => x.includes('output rows 1–'), 'back at the top');
    // PgUp/PgDn did not answer the question.
    expect(f).not.toContain('Correct.');
    expect(f).not.toContain('Not quite.');
  });

  it('wraps an output line wider than the terminal so its end is readable', async () => {
    const base = testServices();
    const wide = base.quizBank().questions.find((q) => q.id === 'psa-restricted-output')!;
    const longest = wide.output!.split('\n').reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.length).toBeGreaterThan(300);
    const services = { ...base, quizBank: () => ({ questions: [wide], errors: [] }) };
    r = await render(
      <ServicesContext.Provider value={services}>
        <QuizScreen count={1} seed={1} onDone={() => {}} onQuit={() => {}} />
      </ServicesContext.Provider>,
      { columns: 100, rows: 40 },
    );
    const f = await r.waitFor((x) => x.includes('question 1/1'));
    // Every row of the wrapped line is on screen, the end included (it was cut off before).
    const rows = hardWrap([longest], 100 - 4);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(f).toContain(`│${row.padEnd(96)}│`);
  });
});
