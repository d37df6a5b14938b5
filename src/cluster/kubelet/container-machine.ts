import { setup, type ActorRefFrom } from 'xstate';
import { BACKOFF_RESET_MS, PLEG_MS, SYNC_RETRY_MS, nextBackoff } from './backoff.js';

/**
 * What the image step found when the container is about to be (re)started.
 * `pull` carries the simulated pull time; the outcome is asked afterwards.
 */
export type ImageStep =
  { kind: 'present' } | { kind: 'pull'; ms: number } | { kind: 'invalid' } | { kind: 'never' };

/**
 * The container runtime as one container's lifecycle machine sees it. The
 * kubelet implements it per container: it pulls, resolves env, starts the
 * process, records events and writes pod status. Implementations never
 * throw.
 */
export interface ContainerHost {
  now(): number;
  /** Looks at the image; for `pull` the Pulling event is recorded. */
  imageStep(): ImageStep;
  /** Ends a pull: true when the image is now present (Pulled), false on failure (Failed, ErrImagePull). */
  finishPull(): boolean;
  /** Entering ImagePullBackOff: BackOff event, waiting reason. */
  enterPullBackOff(): void;
  /** Env/config check; a message means CreateContainerConfigError (event recorded). */
  configError(): string | undefined;
  /** Creates and starts the process (Created/Started). False when the runtime could not start it. */
  start(): boolean;
  /** Milliseconds until the running process exits by itself (exit, OOM), or undefined. */
  exitsIn(): number | undefined;
  /** A polled wait (init `until nslookup …`): ms to the next poll, or undefined. */
  pollEvery(): number | undefined;
  /** Re-evaluates the polled wait; true when the process can now proceed to its exit. */
  poll(): boolean;
  /** Sends SIGTERM; returns how long until the process is gone (at most the grace period). */
  kill(reason: 'liveness' | 'startup' | 'stop' | 'changed'): number;
  /** The process is gone: record the termination (self exit, OOM, kill). */
  recordExit(): void;
  /** Whether the restart policy restarts it. */
  shouldRestart(): boolean;
  /** Ms the last instance ran (for the 10-minute back-off reset). */
  lastRunMs(): number;
  /** Entering CrashLoopBackOff with this back-off: waiting reason and BackOff event. */
  enterCrashLoop(backoffMs: number): void;
  /** Starts/stops the probe worker of the running instance. */
  startProbes(send: (e: ContainerEvent) => void): void;
  stopProbes(): void;
  /** Something observable changed: write pod status. */
  changed(): void;
  /** The container is stopped for good (pod deletion): the pod may finish. */
  gone(): void;
}

export type ContainerEvent =
  | { type: 'STOP' }
  | { type: 'PROBE_KILL'; probe: 'liveness' | 'startup' }
  | { type: 'PROBE_CHANGED' }
  /** The container's spec changed (a new image on a bare pod): replace it at once. */
  | { type: 'SPEC_CHANGED' }
  /** The running process's plan changed (an attached shell was told `exit`): look at when it ends again. */
  | { type: 'PROCESS_CHANGED' };

export interface ContainerInput {
  name: string;
  host: ContainerHost;
  /** Resume a container that is already running (adoption after kubelet start). */
  adoptRunning?: boolean;
  /** Restart count and back-off carried over when adopting. */
  crashBackoffMs?: number;
}

interface Ctx {
  name: string;
  host: ContainerHost;
  adoptRunning: boolean;
  pullBackoffMs: number;
  crashBackoffMs: number;
  exitIn?: number;
  pollMs?: number;
  killMs: number;
  pullMs: number;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * One container's lifecycle as the kubelet runs it: image, config, start,
 * run, exit, restart back-off, kill. Timed steps are `after` transitions on
 * the simulation clock; a container that just runs has no timer at all
 * (its exit or OOM instant is computed and scheduled once).
 *
 * @see kubernetes/pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod
 */
export const containerMachine = setup({
  types: {} as { context: Ctx; input: ContainerInput; events: ContainerEvent },
  delays: {
    pullMs: ({ context }) => context.pullMs,
    pullBackoff: ({ context }) => context.pullBackoffMs,
    crashBackoff: ({ context }) => Math.max(0, context.crashBackoffMs - PLEG_MS),
    exitIn: ({ context }) => context.exitIn ?? 0,
    pollMs: ({ context }) => context.pollMs ?? 1000,
    killMs: ({ context }) => context.killMs,
    resync: SYNC_RETRY_MS,
    pleg: PLEG_MS,
  },
  guards: {
    adopting: ({ context }) => context.adoptRunning,
    pullOk: ({ context }) => safe(() => context.host.finishPull(), false),
    configBroken: ({ context }) => safe(() => context.host.configError() !== undefined, true),
    startOk: ({ context }) => safe(() => context.host.start(), false),
    timed: ({ context }) => {
      // Computed here rather than in an entry action: at actor start entry actions run after the guards.
      context.exitIn = safe(() => context.host.exitsIn(), undefined);
      context.pollMs =
        context.exitIn === undefined ? safe(() => context.host.pollEvery(), undefined) : undefined;
      return context.exitIn !== undefined;
    },
    polling: ({ context }) => context.pollMs !== undefined,
    pollDone: ({ context }) => safe(() => context.host.poll(), false),
    restarts: ({ context }) => safe(() => context.host.shouldRestart(), false),
    inBackoff: ({ context }) => context.crashBackoffMs > PLEG_MS,
  },
  actions: {
    resetStep: ({ context }) => {
      (context as Ctx & { lastStep?: string }).lastStep = undefined;
    },
    startProbes: ({ context, self }) =>
      safe(() => context.host.startProbes((e) => self.send(e)), undefined),
    stopProbes: ({ context }) => safe(() => context.host.stopProbes(), undefined),
    recordExit: ({ context }) => safe(() => context.host.recordExit(), undefined),
    changed: ({ context }) => safe(() => context.host.changed(), undefined),
    enterPullBackOff: ({ context }) => safe(() => context.host.enterPullBackOff(), undefined),
    growPullBackoff: ({ context }) => {
      context.pullBackoffMs = nextBackoff(context.pullBackoffMs);
    },
    resetPullBackoff: ({ context }) => {
      context.pullBackoffMs = 0;
    },
    /** The first restart is immediate; later ones wait 10 s, 20 s, … unless the last run was long. */
    planBackoff: ({ context }) => {
      const ran = safe(() => context.host.lastRunMs(), 0);
      if (ran >= BACKOFF_RESET_MS) context.crashBackoffMs = 0;
      context.crashBackoffMs =
        context.crashBackoffMs === 0
          ? PLEG_MS
          : nextBackoff(context.crashBackoffMs === PLEG_MS ? 0 : context.crashBackoffMs);
      context.adoptRunning = false;
    },
    enterCrashLoop: ({ context }) =>
      safe(() => context.host.enterCrashLoop(context.crashBackoffMs), undefined),
    killLiveness: ({ context, event }) => {
      const probe = event.type === 'PROBE_KILL' ? event.probe : 'liveness';
      context.killMs = safe(() => context.host.kill(probe), 0);
    },
    killChanged: ({ context }) => {
      context.killMs = safe(() => context.host.kill('changed'), 0);
    },
    killStop: ({ context }) => {
      context.killMs = safe(() => context.host.kill('stop'), 0);
    },
  },
}).createMachine({
  id: 'container',
  context: ({ input }) => ({
    name: input.name,
    host: input.host,
    adoptRunning: !!input.adoptRunning,
    pullBackoffMs: 0,
    crashBackoffMs: input.crashBackoffMs ?? 0,
    killMs: 0,
    pullMs: 0,
  }),
  initial: 'prepare',
  on: {
    STOP: '.stopped',
    // Waiting (back-off, config or image errors): the new spec is tried at once.
    SPEC_CHANGED: { target: '.image', actions: 'resetPullBackoff' },
  },
  states: {
    prepare: {
      always: [{ guard: 'adopting', target: 'running' }, { target: 'image' }],
    },
    image: {
      entry: 'resetStep',
      always: [
        { guard: ({ context }) => imageStepOf(context) === 'pull', target: 'pulling' },
        { guard: ({ context }) => imageStepOf(context) === 'invalid', target: 'invalidImage' },
        { guard: ({ context }) => imageStepOf(context) === 'never', target: 'neverPull' },
        { target: 'config' },
      ],
    },
    pulling: {
      entry: 'changed',
      on: { SPEC_CHANGED: {} },
      after: {
        pullMs: [
          { guard: 'pullOk', target: 'config', actions: 'resetPullBackoff' },
          { target: 'errImagePull', actions: 'growPullBackoff' },
        ],
      },
    },
    errImagePull: {
      entry: 'changed',
      after: { pleg: 'imagePullBackOff' },
    },
    imagePullBackOff: {
      entry: ['enterPullBackOff', 'changed'],
      after: { pullBackoff: 'image' },
    },
    invalidImage: { entry: 'changed', after: { resync: 'image' } },
    neverPull: { entry: 'changed', after: { resync: 'image' } },
    config: {
      always: [{ guard: 'configBroken', target: 'configError' }, { target: 'starting' }],
    },
    configError: { entry: 'changed', after: { resync: 'image' } },
    starting: {
      always: [{ guard: 'startOk', target: 'running' }, { target: 'exited' }],
    },
    running: {
      entry: ['startProbes', 'changed'],
      exit: 'stopProbes',
      initial: 'check',
      states: {
        check: {
          always: [
            { guard: 'timed', target: 'timed' },
            { guard: 'polling', target: 'polling' },
            { target: 'steady' },
          ],
        },
        timed: { after: { exitIn: '#container.exited' } },
        polling: {
          after: {
            pollMs: [
              { guard: 'pollDone', target: 'recheck' },
              { target: 'polling', reenter: true },
            ],
          },
        },
        recheck: { always: { target: 'check' } },
        steady: {},
      },
      on: {
        PROBE_KILL: { target: 'killing', actions: 'killLiveness' },
        PROBE_CHANGED: { actions: 'changed' },
        SPEC_CHANGED: { target: 'replacing', actions: 'killChanged' },
        PROCESS_CHANGED: '.check',
        STOP: 'stopping',
      },
    },
    // The old instance goes (SIGTERM, grace period); the new one starts without back-off.
    replacing: {
      entry: 'changed',
      after: { killMs: { target: 'image', actions: ['recordExit', 'changed'] } },
      on: { STOP: 'stopping', SPEC_CHANGED: {} },
    },
    killing: {
      entry: 'changed',
      after: { killMs: 'exited' },
      on: { STOP: 'stopping', SPEC_CHANGED: {} },
    },
    exited: {
      entry: ['recordExit', 'changed'],
      always: [
        { guard: 'restarts', target: 'restartPending', actions: 'planBackoff' },
        { target: 'done' },
      ],
    },
    restartPending: {
      after: { pleg: [{ guard: 'inBackoff', target: 'crashLoopBackOff' }, { target: 'image' }] },
    },
    crashLoopBackOff: {
      entry: ['enterCrashLoop', 'changed'],
      after: { crashBackoff: 'image' },
    },
    done: { on: { SPEC_CHANGED: {} } },
    stopping: {
      entry: ['killStop', 'changed'],
      after: { killMs: 'stopped' },
      on: { STOP: {}, SPEC_CHANGED: {} },
    },
    stopped: {
      type: 'final',
      entry: [
        ({ context }) => safe(() => context.host.stopProbes(), undefined),
        ({ context }) => safe(() => context.host.gone(), undefined),
      ],
    },
  },
});

/** The image step is evaluated once per entry into `image` and cached for the guards that follow. */
function imageStepOf(context: Ctx & { lastStep?: string }): string {
  if (context.lastStep === undefined) {
    const step = safe(() => context.host.imageStep(), { kind: 'invalid' } as ImageStep);
    context.lastStep = step.kind;
    if (step.kind === 'pull') context.pullMs = step.ms;
  }
  return context.lastStep;
}

/** Restart back-off to resume with when adopting a container that restarted `restartCount` times. */
export function backoffForRestarts(restartCount: number): number {
  if (restartCount <= 0) return 0;
  if (restartCount === 1) return PLEG_MS;
  return Math.min(300_000, 10_000 * 2 ** (restartCount - 2));
}

export type ContainerActor = ActorRefFrom<typeof containerMachine>;
