import { enqueueActions, setup, type ActorRefFrom } from 'xstate';
import { containerMachine, type ContainerInput } from './container-machine.js';

/** What the pod-level machine asks of the kubelet's pod worker. */
export interface PodHost {
  /** True when every volume can be mounted; otherwise FailedMount was recorded. */
  volumesReady(): boolean;
  /** Delay before the next mount attempt (exponential, capped at 2m2s). */
  mountRetryMs(): number;
  /** Containers to start now: the next init container, or all app containers. */
  nextContainers(): { id: string; input: ContainerInput }[];
  /** Names of spawned containers, for STOP. */
  spawned(): string[];
  /** Deletion requested: stop containers, or finish at once when none runs. */
  terminating(): void;
  /** The pod sandbox exists: the pod has its IP. */
  sandboxReady(): void;
}

/** Time to create the pod sandbox (pause container, CNI ADD). */
export const SANDBOX_MS = 1000;

export type PodEvent = { type: 'NEXT' } | { type: 'DELETE' } | { type: 'REMOUNT' };

export interface PodInput {
  host: PodHost;
  /** Skip the volume step (adopting a pod that is already running). */
  mounted?: boolean;
}

/**
 * One pod as its kubelet runs it: mount volumes (retrying with back-off),
 * then run init containers one by one and the app containers, each a child
 * actor (`containerMachine`); on deletion, stop them all.
 *
 * @see kubernetes/pkg/kubelet/pod_workers.go
 */
export const podMachine = setup({
  types: {} as { context: { host: PodHost; mounted: boolean }; input: PodInput; events: PodEvent },
  actors: { container: containerMachine },
  delays: {
    mountRetry: ({ context }) => context.host.mountRetryMs(),
    sandboxMs: SANDBOX_MS,
  },
  guards: {
    adopted: ({ context }) => context.mounted,
    mounted: ({ context }) => {
      if (context.mounted) return true;
      try {
        return context.host.volumesReady();
      } catch {
        return false;
      }
    },
  },
  actions: {
    spawnNext: enqueueActions(({ context, enqueue }) => {
      let next: { id: string; input: ContainerInput }[] = [];
      try {
        next = context.host.nextContainers();
      } catch {
        next = [];
      }
      for (const n of next) enqueue.spawnChild('container', { id: n.id, input: n.input });
    }),
    stopChildren: ({ context, self }) => {
      const children = self.getSnapshot().children as Record<
        string,
        { send(e: { type: 'STOP' }): void } | undefined
      >;
      for (const id of context.host.spawned()) {
        try {
          children[id]?.send({ type: 'STOP' });
        } catch {
          /* a stopped child */
        }
      }
    },
    sandboxReady: ({ context }) => {
      try {
        context.host.sandboxReady();
      } catch {
        /* never throw from an action */
      }
    },
    terminating: ({ context }) => {
      try {
        context.host.terminating();
      } catch {
        /* never throw from an action */
      }
    },
  },
}).createMachine({
  id: 'pod',
  context: ({ input }) => ({ host: input.host, mounted: !!input.mounted }),
  initial: 'mounting',
  on: { DELETE: '.terminating' },
  states: {
    mounting: {
      always: [
        { guard: 'adopted', target: 'active' },
        { guard: 'mounted', target: 'sandbox' },
      ],
      after: { mountRetry: { target: 'mounting', reenter: true } },
      on: { REMOUNT: { target: 'mounting', reenter: true } },
    },
    // RunPodSandbox: the pause container and the CNI plugin give the pod its IP.
    sandbox: {
      after: { sandboxMs: { target: 'active', actions: 'sandboxReady' } },
    },
    active: {
      entry: 'spawnNext',
      on: { NEXT: { actions: 'spawnNext' } },
    },
    terminating: {
      entry: ['stopChildren', 'terminating'],
      on: { DELETE: {}, NEXT: {} },
    },
  },
});

export type PodActor = ActorRefFrom<typeof podMachine>;
