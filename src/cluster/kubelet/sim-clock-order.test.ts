import { it, expect } from 'vitest';
import { SimClock } from '../time/sim-clock.js';
it('SimClock fires every timer at its due time under random set/clear/advance (kubelet back-offs depend on it)', () => {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let trial = 0; trial < 200; trial++) {
    const c = new SimClock(0);
    const fired: [number, number][] = [];
    const ids: number[] = [];
    const expected = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      const op = rnd();
      if (op < 0.6) {
        const d = Math.floor(rnd() * 100);
        const id = c.setTimeout(() => fired.push([id, c.now()]), d);
        ids.push(id);
        expected.set(id, c.now() + d);
      } else if (op < 0.8 && ids.length) {
        const id = ids[Math.floor(rnd() * ids.length)];
        if (!fired.some((f) => f[0] === id)) {
          c.clearTimeout(id);
          expected.delete(id);
        }
      } else {
        c.advanceBy(Math.floor(rnd() * 30));
      }
    }
    c.advanceBy(1000);
    for (const [id, t] of fired) expect(t).toBe(expected.get(id));
    expect(fired.length).toBe([...expected.keys()].length);
  }
});
