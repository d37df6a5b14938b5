import { describe, expect, it } from 'vitest';
import { createPod, kubeletSim, podEvents, sec } from './test-helpers.js';

describe('exec probes look their executable up as runc does', () => {
  it('an absolute path that is not where the image has the binary fails with stat; a bare name on PATH runs', () => {
    const s = kubeletSim({
      images: { 'edge/gateway:4.2': { entrypoint: ['/usr/local/bin/gateway'], preloaded: true } },
    });
    const probe = (command: string[]) => ({ exec: { command }, periodSeconds: 10, failureThreshold: 100 });
    createPod(s, 'abs', {
      containers: [{ name: 'gw', image: 'edge/gateway:4.2', readinessProbe: probe(['/usr/bin/gateway', '--check']) }],
    });
    createPod(s, 'bare', {
      containers: [{ name: 'gw', image: 'edge/gateway:4.2', readinessProbe: probe(['gateway', '--check']) }],
    });
    sec(s, 30);
    expect(podEvents(s, 'abs').some((e) =>
      e.startsWith(
        'Unhealthy: Readiness probe failed: OCI runtime exec failed: exec failed: unable to start container process: exec: "/usr/bin/gateway": stat /usr/bin/gateway: no such file or directory: unknown',
      ),
    )).toBe(true);
    // Found: the program runs (this app serves forever, so the probe times out instead).
    expect(podEvents(s, 'bare').filter((e) => e.includes('OCI runtime exec failed'))).toEqual([]);
  });
});
