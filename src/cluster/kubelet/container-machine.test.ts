import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SimClock } from '../time/sim-clock.js';
import {
  containerMachine,
  type ContainerEvent,
  type ContainerHost,
  type ImageStep,
} from './container-machine.js';

/** A scripted runtime: records what the machine asked for, answers from the script. */
function fakeHost(
  clock: SimClock,
  script: Partial<ContainerHost> & {
    steps?: ImageStep[];
    pulls?: boolean[];
    runs?: (number | undefined)[];
  } = {},
) {
  const calls: string[] = [];
  const t = () => `${clock.now() / 1000}s`;
  let step = 0;
  let pull = 0;
  let run = 0;
  let started = 0;
  let lastStart = 0;
  let lastEnd = 0;
  const host: ContainerHost = {
    now: () => clock.now(),
    imageStep: () => {
      const s = script.steps?.[Math.min(step++, (script.steps?.length ?? 1) - 1)] ?? {
        kind: 'present',
      };
      calls.push(`${t()} image:${s.kind}`);
      return s;
    },
    finishPull: () => {
      const ok = script.pulls?.[Math.min(pull++, (script.pulls?.length ?? 1) - 1)] ?? true;
      calls.push(`${t()} pulled:${ok}`);
      return ok;
    },
    enterPullBackOff: () => calls.push(`${t()} ImagePullBackOff`),
    configError: script.configError ?? (() => undefined),
    start: () => {
      started++;
      lastStart = clock.now();
      calls.push(`${t()} start#${started}`);
      return true;
    },
    exitsIn: () => script.runs?.[Math.min(run++, (script.runs?.length ?? 1) - 1)],
    pollEvery: () => undefined,
    poll: () => false,
    kill: script.kill ?? (() => 500),
    recordExit: () => {
      lastEnd = clock.now();
      calls.push(`${t()} exit`);
    },
    shouldRestart: script.shouldRestart ?? (() => true),
    lastRunMs: () => lastEnd - lastStart,
    enterCrashLoop: (ms) => calls.push(`${t()} CrashLoopBackOff ${ms / 1000}s`),
    startProbes: () => undefined,
    stopProbes: () => undefined,
    changed: () => undefined,
    gone: () => calls.push(`${t()} gone`),
  };
  return { host, calls };
}

describe('containerMachine (scripted runtime on a SimClock)', () => {
  it('crash loop: immediate first restart, then 10 s, 20 s, 40 s back-off', () => {
    const clock = new SimClock(0);
    const { host, calls } = fakeHost(clock, { runs: [2000] });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(120_000);
    expect(calls).toEqual([
      '0s image:present',
      '0s start#1',
      '2s exit',
      '3s image:present',
      '3s start#2',
      '5s exit',
      '6s CrashLoopBackOff 10s',
      '15s image:present',
      '15s start#3',
      '17s exit',
      '18s CrashLoopBackOff 20s',
      '37s image:present',
      '37s start#4',
      '39s exit',
      '40s CrashLoopBackOff 40s',
      '79s image:present',
      '79s start#5',
      '81s exit',
      '82s CrashLoopBackOff 80s',
    ]);
    expect(actor.getSnapshot().value).toBe('crashLoopBackOff');
  });

  it('a big clock jump visits every intermediate state (no skipped transitions)', () => {
    const run = (advance: (c: SimClock) => void) => {
      const clock = new SimClock(0);
      const { host, calls } = fakeHost(clock, { runs: [2000] });
      createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
      advance(clock);
      return calls;
    };
    const jump = run((c) => c.advanceTo(1_000_000));
    const steps = run((c) => {
      for (let i = 0; i < 1000; i++) c.advanceBy(1000);
    });
    expect(jump).toEqual(steps);
    expect(jump.filter((x) => x.includes('start#')).length).toBeGreaterThan(6);
  });

  it('image pull failures back off 10 s, 20 s … and recover when the pull works', () => {
    const clock = new SimClock(0);
    const { host, calls } = fakeHost(clock, {
      steps: [{ kind: 'pull', ms: 500 }],
      pulls: [false, false, true],
    });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(60_000);
    expect(calls).toEqual([
      '0s image:pull',
      '0.5s pulled:false',
      '1.5s ImagePullBackOff',
      '11.5s image:pull',
      '12s pulled:false',
      '13s ImagePullBackOff',
      '33s image:pull',
      '33.5s pulled:true',
      '33.5s start#1',
    ]);
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });

  it('STOP while running: SIGTERM, then stopped after the kill delay; the container is gone', () => {
    const clock = new SimClock(0);
    const { host, calls } = fakeHost(clock, { kill: () => 30_000 });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(5000);
    actor.send({ type: 'STOP' } satisfies ContainerEvent);
    clock.advanceTo(34_999);
    expect(actor.getSnapshot().value).toBe('stopping');
    clock.advanceTo(35_000);
    expect(actor.getSnapshot().status).toBe('done');
    expect(calls.at(-1)).toBe('35s gone');
  });

  it('a liveness kill restarts the container like a crash', () => {
    const clock = new SimClock(0);
    const { host, calls } = fakeHost(clock, { kill: () => 100 });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(10_000);
    actor.send({ type: 'PROBE_KILL', probe: 'liveness' });
    clock.advanceTo(12_000);
    expect(calls).toEqual([
      '0s image:present',
      '0s start#1',
      '10.1s exit',
      '11.1s image:present',
      '11.1s start#2',
    ]);
  });

  it('restartPolicy Never: the container stays terminated', () => {
    const clock = new SimClock(0);
    const { host } = fakeHost(clock, { runs: [1000], shouldRestart: () => false });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(60_000);
    expect(actor.getSnapshot().value).toBe('done');
    expect(clock.pending()).toBe(0);
  });

  it('CreateContainerConfigError is retried every 10 s until the config resolves', () => {
    const clock = new SimClock(0);
    let fixed = false;
    const { host, calls } = fakeHost(clock, {
      configError: () => (fixed ? undefined : 'configmap "x" not found'),
    });
    const actor = createActor(containerMachine, { clock, input: { name: 'c', host } }).start();
    clock.advanceTo(25_000);
    expect(actor.getSnapshot().value).toBe('configError');
    fixed = true;
    clock.advanceTo(30_000);
    expect(calls).toEqual([
      '0s image:present',
      '10s image:present',
      '20s image:present',
      '30s image:present',
      '30s start#1',
    ]);
  });
});
