import { afterEach, describe, expect, it } from 'vitest';
import { ChallengeScreen } from './challenge-screen.js';
import { ServicesContext } from '../services.js';
import { KEYS, render, type Rendered } from '../../../test/render.js';
import { testServices } from '../../../test/services.js';

let r: Rendered | undefined;
afterEach(() => {
  r?.unmount();
  r = undefined;
});

describe('challenge screen', () => {
  it('counts down on the injected wall clock, ends at zero and keeps the score', async () => {
    const services = testServices();
    const start = services.clock.now();
    let quit = false;
    r = await render(
      <ServicesContext.Provider value={services}>
        <ChallengeScreen pump={false} options={{ seed: 4, count: 2, minutes: 1 }} onDone={() => {}} onQuit={() => (quit = true)} />
      </ServicesContext.Provider>,
    );
    await r.waitFor((f) => f.includes('seed 4') && f.includes('1:00 on the clock'));
    await r.press(KEYS.enter);
    await r.waitFor((f) => f.includes('⏳ 1:00 · 1/2'), 'the countdown', 15_000);
    services.setNow(start + 30_000);
    await r.waitFor((f) => f.includes('⏳ 0:30'), 'half a minute later');
    await r.type('skip\r');
    await r.waitFor((f) => f.includes('1/2') === false && f.includes('2/2') && f.includes('✘ Skipped'), 'the second round', 15_000);
    await r.press(KEYS.ctrl('c'));
    await r.waitFor((f) => f.includes('abandon this challenge?'));
    await r.press('n');
    services.setNow(start + 61_000);
    const f = await r.waitFor((x) => x.includes('Time is up.'), 'the results');
    expect(f).toMatch(/Score: 0\s+\(0\/2 solved\)/);
    expect(f).toContain('⏱ time up');
    expect(services.progress.get().challenges).toMatchObject([{ seed: 4, solved: 0, total: 2 }]);
    expect(quit).toBe(false);
  });
});
