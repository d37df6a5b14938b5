/**
 * A simulation frozen into a fixture for real kubectl (test/fake-apiserver.ts):
 * what the read sweep, the write sweep and compare-command share.
 */
import { isDict, rfc3339, type KubeObject } from '../src/cluster/api/meta.js';
import '../src/cluster/kinds/index.js';
import { allKinds, resourceKey } from '../src/cluster/kinds/registry.js';
import type { Simulation } from '../src/cluster/simulation.js';
import type { Fixture } from '../test/fake-apiserver.js';
import { RFC3339 } from '../test/real-kubectl.js';

/** Every object in the store, as served to kubectl. */
export function storeObjects(sim: Simulation): KubeObject[] {
  const out: KubeObject[] = [];
  for (const def of allKinds()) for (const o of sim.store.list(resourceKey(def))) out.push(o);
  return out;
}

/**
 * Cuts the sub-second part of MicroTimes (`…:05.123000Z` → `…:05.000000Z`).
 * kubectl measures ages against the wall clock up to a second after the
 * synchronised instant, so an age from a fractional timestamp could round
 * either way; both sides see the same cut objects, so the comparison stays
 * exact. `count.n` counts the times cut.
 */
export function wholeSeconds(v: unknown, count: { n: number } = { n: 0 }): unknown {
  if (typeof v === 'string' && RFC3339.test(v)) {
    const m = /\.(\d+)Z$/.exec(v);
    if (m && /[1-9]/.test(m[1])) {
      count.n++;
      return v.replace(/\.\d+Z$/, `.${'0'.repeat(m[1].length)}Z`);
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => wholeSeconds(x, count));
  if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wholeSeconds(x, count)]));
  return v;
}

/** The simulation's objects, times cut to whole seconds, at a whole-second clock (kubectl's ages have one-second resolution). */
export function frozenFixture(sim: Simulation, count: { n: number } = { n: 0 }): Fixture {
  return { now: rfc3339(Math.floor(sim.now() / 1000) * 1000), objects: wholeSeconds(storeObjects(sim), count) as KubeObject[] };
}
