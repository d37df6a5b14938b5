import { describe, expect, it } from 'vitest';
import { createPod, cstatus, kubeletSim, pod, sec } from './test-helpers.js';

describe('a shell kept open by stdin, and ended by its attached client', () => {
  it('sh with stdin: true waits for commands; without stdin it reads EOF and exits at once', () => {
    const s = kubeletSim();
    createPod(s, 'open', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', args: ['sh'], stdin: true, stdinOnce: true, tty: true }] });
    createPod(s, 'closed', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', args: ['sh'] }] });
    sec(s, 60);
    expect(cstatus(s, 'open').state.running).toBeDefined();
    expect(cstatus(s, 'closed').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('exitProcess ends the main process now with that code: Never fails the pod, Always restarts it', () => {
    const s = kubeletSim();
    createPod(s, 'never', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', stdin: true }] });
    createPod(s, 'always', { containers: [{ name: 'c', image: 'busybox:1.36', stdin: true }] });
    sec(s, 30);
    expect(s.kubelet.exitProcess('default', 'never', 'c', 3)).toBe(true);
    expect(s.kubelet.exitProcess('default', 'always', 'c', 0)).toBe(true);
    sec(s, 5);
    expect(cstatus(s, 'never').state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect((pod(s, 'never')!.status as { phase: string }).phase).toBe('Failed');
    // Restarted at once (no back-off before the first restart), its shell waiting again.
    expect(cstatus(s, 'always').restartCount).toBe(1);
    expect(cstatus(s, 'always').state.running).toBeDefined();
    expect(s.kubelet.exitProcess('default', 'never', 'c', 1)).toBe(false);
    expect(s.kubelet.exitProcess('default', 'nosuch', 'c', 1)).toBe(false);
  });
});
