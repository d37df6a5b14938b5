import { describe, expect, it } from 'vitest';
import { ImageCatalog, type RunContext } from './index.js';

const ctx = (env: Record<string, string> = {}): RunContext => ({
  env,
  files: {},
  startedAt: Date.UTC(2026, 0, 15, 9, 0, 0),
  podIP: '10.244.1.5',
  hostname: 'gw-1',
  namespace: 'default',
  connect: () => 'ok',
});

const PREFIX =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

const cat = new ImageCatalog({
  'edge/gateway:4.2': { entrypoint: ['/usr/local/bin/gateway'] },
  'edge/srv:1.0': { entrypoint: ['/srv/api'] },
});

function startError(image: string, command?: string[], env: Record<string, string> = {}) {
  const r = cat.resolve(image, false);
  if (!r.ok) throw new Error(r.message);
  return cat.plan(r.image, command, undefined, ctx(env)).startError;
}

describe('executable lookup (runc: exec.LookPath)', () => {
  it('an absolute path is stat-ed exactly: the right binary at the wrong path does not start', () => {
    expect(startError('edge/gateway:4.2', ['/usr/bin/gateway'])).toBe(
      `${PREFIX}exec: "/usr/bin/gateway": stat /usr/bin/gateway: no such file or directory: unknown`,
    );
    expect(startError('edge/gateway:4.2', ['/usr/local/bin/gatway'])).toBe(
      `${PREFIX}exec: "/usr/local/bin/gatway": stat /usr/local/bin/gatway: no such file or directory: unknown`,
    );
    expect(startError('edge/gateway:4.2', ['/usr/local/bin/gateway'])).toBeUndefined();
    expect(startError('edge/gateway:4.2', ['/usr/local/bin/../bin/gateway'])).toBeUndefined();
  });

  it('a bare name is searched along PATH', () => {
    expect(startError('edge/gateway:4.2', ['gateway'])).toBeUndefined();
    expect(startError('edge/gateway:4.2', ['gateway-server'])).toBe(
      `${PREFIX}exec: "gateway-server": executable file not found in $PATH: unknown`,
    );
    // /srv is not on the default PATH.
    expect(startError('edge/srv:1.0', ['api'])).toBe(
      `${PREFIX}exec: "api": executable file not found in $PATH: unknown`,
    );
    expect(startError('edge/srv:1.0', ['api'], { PATH: '/srv:/bin' })).toBeUndefined();
    expect(startError('edge/srv:1.0')).toBeUndefined();
  });
});
