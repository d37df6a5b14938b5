import { describe, expect, it } from 'vitest';
import { createPod, cstatus, kubeletSim, pod, podEvents, sec } from './test-helpers.js';

describe('runAsNonRoot (verifyRunAsNonRoot)', () => {
  it('an image that runs as root, with no runAsUser, is CreateContainerConfigError', () => {
    const s = kubeletSim();
    createPod(s, 'web', {
      containers: [{ name: 'nginx', image: 'nginx:1.27', securityContext: { runAsNonRoot: true } }],
    });
    sec(s, 30);
    const uid = pod(s, 'web')!.metadata.uid!;
    const msg = `container has runAsNonRoot and image will run as root (pod: "web_default(${uid})", container: nginx)`;
    expect(cstatus(s, 'web').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: msg });
    expect(podEvents(s, 'web').some((e) => e.startsWith(`Failed: Error: ${msg}`))).toBe(true);
  });

  it('the pod-level setting applies; runAsUser decides before the image; 0 breaks the policy', () => {
    const s = kubeletSim();
    createPod(s, 'ok', {
      securityContext: { runAsNonRoot: true, runAsUser: 1000 },
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    });
    createPod(s, 'zero', {
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], securityContext: { runAsUser: 0 } }],
    });
    createPod(s, 'pause', {
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }],
    });
    sec(s, 30);
    expect(cstatus(s, 'ok').state.running).toBeDefined();
    expect(cstatus(s, 'pause').state.running).toBeDefined();
    const uid = pod(s, 'zero')!.metadata.uid!;
    expect(cstatus(s, 'zero').state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container's runAsUser breaks non-root policy (pod: "zero_default(${uid})", container: c)`,
    });
  });

  it('a scenario image declares its USER; a name cannot be verified', () => {
    const s = kubeletSim({ images: { 'shop/app:1.0': { user: 'app', preloaded: true }, 'shop/ok:1.0': { user: '1000:1000', preloaded: true } } });
    createPod(s, 'named', { containers: [{ name: 'c', image: 'shop/app:1.0', securityContext: { runAsNonRoot: true } }] });
    createPod(s, 'numeric', { containers: [{ name: 'c', image: 'shop/ok:1.0', securityContext: { runAsNonRoot: true } }] });
    sec(s, 10);
    const uid = pod(s, 'named')!.metadata.uid!;
    expect(cstatus(s, 'named').state.waiting.message).toBe(
      `container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root (pod: "named_default(${uid})", container: c)`,
    );
    expect(cstatus(s, 'numeric').state.running).toBeDefined();
  });

  it('a numeric USER beyond MaxInt32 is an invalid user id', () => {
    const s = kubeletSim({ images: { 'shop/big:1.0': { user: '4294967296', preloaded: true } } });
    createPod(s, 'big', { containers: [{ name: 'c', image: 'shop/big:1.0', securityContext: { runAsNonRoot: true } }] });
    sec(s, 10);
    const uid = pod(s, 'big')!.metadata.uid!;
    expect(cstatus(s, 'big').state.waiting.message).toBe(
      `container has runAsNonRoot and image has an invalid user id (4294967296). (Must be 1-(2147483647)): must be between 0 and 2147483647, inclusive (pod: "big_default(${uid})", container: c)`,
    );
  });
});
