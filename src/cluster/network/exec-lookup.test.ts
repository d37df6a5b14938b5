import { describe, expect, it } from 'vitest';
import { standardWorld } from './test-world.js';

const PREFIX =
  /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: /;

describe('kubectl exec looks the executable up as runc does', () => {
  it('a path is stat-ed exactly; a bare name is searched along PATH', () => {
    const w = standardWorld();
    w.pod('default', 'gw', {
      ip: '10.244.1.40',
      node: 'node-1',
      container: 'gw',
      proc: {
        tools: ['gateway', 'sh'],
        paths: { gateway: '/usr/local/bin/gateway' },
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      },
    });
    const wrong = w.exec('default', 'gw', ['/usr/bin/gateway', '--version']);
    expect(wrong.startError).toMatch(PREFIX);
    expect(wrong.startError!.replace(PREFIX, '')).toBe(
      'exec: "/usr/bin/gateway": stat /usr/bin/gateway: no such file or directory: unknown',
    );
    expect(w.exec('default', 'gw', ['/usr/local/bin/gateway', '--version']).startError).toBeUndefined();
    expect(w.exec('default', 'gw', ['gateway', '--version']).startError).toBeUndefined();
    const offPath = w.exec('default', 'gw', ['sh', '-c', 'PATH=/bin; gateway --version']);
    // The shell searches its own PATH, which no longer has /usr/local/bin.
    expect(offPath).toEqual({ stdout: '', stderr: 'sh: 1: gateway: not found\n', exitCode: 127 });
  });
});
