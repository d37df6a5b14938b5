import { describe, expect, it } from 'vitest';
import {
  ImageCatalog,
  changePoints,
  fileAt,
  httpAnswer,
  listening,
  logsUpTo,
  memoryAt,
  oomOffset,
  parseImageRef,
  defaultPullPolicy,
  type RunContext,
} from './index.js';

const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  env: {},
  files: {},
  startedAt: Date.UTC(2026, 0, 15, 9, 0, 0),
  podIP: '10.244.1.5',
  hostname: 'web-1',
  namespace: 'default',
  connect: () => 'ok',
  ...over,
});

function plan(
  cat: ImageCatalog,
  image: string,
  command?: string[],
  args?: string[],
  c: Partial<RunContext> = {},
) {
  const r = cat.resolve(image, false);
  if (!r.ok) throw new Error(r.message);
  return cat.plan(r.image, command, args, ctx(c));
}

describe('image references', () => {
  it('normalises like containerd', () => {
    const r = parseImageRef('nginx');
    expect(r.ok && r.ref.full).toBe('docker.io/library/nginx:latest');
    const r2 = parseImageRef('registry.k8s.io/e2e-test-images/agnhost:2.52');
    expect(r2.ok && [r2.ref.domain, r2.ref.path, r2.ref.tag]).toEqual([
      'registry.k8s.io',
      'e2e-test-images/agnhost',
      '2.52',
    ]);
    const r3 = parseImageRef('localhost:5000/app:dev');
    expect(r3.ok && r3.ref.domain).toBe('localhost:5000');
  });

  it('rejects invalid references with the kubelet InspectFailed text', () => {
    expect(parseImageRef('busyBOX')).toEqual({
      ok: false,
      message:
        'Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    });
    expect(parseImageRef('nginx:').ok).toBe(false);
  });

  it('defaults imagePullPolicy like the API server', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
  });
});

describe('registry answers', () => {
  const cat = new ImageCatalog({ 'acme/private:1.0': { private: true } });
  it('unknown tag → NotFound; unknown Docker Hub repository or private → access denied; unknown host → DNS', () => {
    const tag = cat.resolve('nginx:latests', false);
    expect(!tag.ok && tag.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latests": failed to resolve reference "docker.io/library/nginx:latests": docker.io/library/nginx:latests: not found',
    );
    const repo = cat.resolve('nginxx:1.0', false);
    expect(!repo.ok && repo.message).toContain(
      'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(cat.resolve('acme/private:1.0', false).ok).toBe(false);
    expect(cat.resolve('acme/private:1.0', true).ok).toBe(true);
    const host = cat.resolve('myregistry.local/app:1', false);
    expect(!host.ok && host.message).toContain('dial tcp: lookup myregistry.local: no such host');
  });

  it('gives deterministic digests', () => {
    const a = cat.resolve('nginx:1.27', false);
    const b = new ImageCatalog({}).resolve('docker.io/library/nginx:1.27', false);
    expect(a.ok && b.ok && a.image.imageID === b.image.imageID).toBe(true);
    expect(a.ok && a.image.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});

describe('built-in images', () => {
  const cat = new ImageCatalog({});
  it('nginx logs its entrypoint lines, listens on 80, serves / and 404s the rest', () => {
    const p = plan(cat, 'nginx:1.27');
    expect(p.logs[0].text).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    );
    expect(
      p.logs.some((l) => l.text === '2026/01/15 09:00:00 [notice] 1#1: start worker processes'),
    ).toBe(true);
    expect(listening(p, 80, 1000)).toBe(true);
    expect(httpAnswer(p, 80, '/', 1000)?.status).toBe(200);
    expect(httpAnswer(p, 80, '/healthz', 1000)?.status).toBe(404);
    expect(p.exit).toBeUndefined();
    expect(p.tools.has('curl')).toBe(true);
    expect(p.tools.has('wget')).toBe(false);
  });

  it('busybox: sh with no command exits at once; sleep; scripts with loops and files', () => {
    expect(plan(cat, 'busybox').exit).toEqual({ at: 10, code: 0 });
    expect(plan(cat, 'busybox', ['sleep', '3600']).exit?.at).toBe(3_600_000);
    expect(plan(cat, 'busybox', ['sleep', 'infinity']).exit).toBeUndefined();
    const loop = plan(
      cat,
      'busybox',
      ['sh', '-c', 'while true; do echo hello $HOSTNAME; sleep 5; done'],
      undefined,
      { env: { HOSTNAME: 'web-1' } },
    );
    expect(loop.exit).toBeUndefined();
    expect(logsUpTo(loop, 12_000).map((l) => `${l.at} ${l.text}`)).toEqual([
      '0 hello web-1',
      '5000 hello web-1',
      '10000 hello web-1',
    ]);
    const liv = plan(cat, 'busybox', [
      '/bin/sh',
      '-c',
      'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    ]);
    expect(fileAt(liv, '/tmp/healthy', 29_999)).toBe('');
    expect(fileAt(liv, '/tmp/healthy', 30_000)).toBeUndefined();
    expect(changePoints(liv)).toEqual([30_000]);
    expect(liv.exit).toEqual({ at: 630_000, code: 0 });
    const fail = plan(cat, 'busybox', [
      'sh',
      '-c',
      'echo starting; sleep 2; echo boom >&2; exit 3',
    ]);
    expect(fail.exit).toEqual({ at: 2000, code: 3 });
    expect(fail.logs.map((l) => l.text)).toEqual(['starting', 'boom']);
  });

  it('the docs counter pod: loop lines count up and print the date of each iteration', () => {
    const p = plan(cat, 'busybox:1.28', [
      '/bin/sh',
      '-c',
      'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done',
    ]);
    expect(logsUpTo(p, 2500).map((l) => l.text)).toEqual([
      '0: Thu Jan 15 09:00:00 UTC 2026',
      '1: Thu Jan 15 09:00:01 UTC 2026',
      '2: Thu Jan 15 09:00:02 UTC 2026',
    ]);
    const q = plan(
      cat,
      'busybox',
      ['sh', '-c', 'echo \'$HOME\' "$((2*3+1))" ${X}; for n in 1 2; do echo n=$n; done'],
      undefined,
      { env: { X: 'x' } },
    );
    expect(q.logs.map((l) => l.text)).toEqual(['$HOME 7 x', 'n=1', 'n=2']);
  });

  it('an init container waiting for a Service polls the network', () => {
    let up = false;
    const p = plan(
      cat,
      'busybox:1.28',
      [
        'sh',
        '-c',
        'until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done',
      ],
      undefined,
      {
        connect: () => (up ? 'ok' : 'nxdomain'),
      },
    );
    expect(p.exit).toBeUndefined();
    expect(p.waitFor?.every).toBeGreaterThanOrEqual(2000);
    expect(p.waitFor?.check()).toBe(false);
    up = true;
    expect(p.waitFor?.check()).toBe(true);
  });

  it('postgres refuses to start without a password, with its real message', () => {
    const p = plan(cat, 'postgres:16');
    expect(p.exit?.code).toBe(1);
    expect(p.logs[0].text).toBe(
      'Error: Database is uninitialized and superuser password is not specified.',
    );
    const ok = plan(cat, 'postgres:16', undefined, undefined, { env: { POSTGRES_PASSWORD: 'x' } });
    expect(ok.exit).toBeUndefined();
    expect(listening(ok, 5432, 10_000)).toBe(true);
  });

  it('stress allocates what it is told; an unknown executable cannot start', () => {
    const p = plan(
      cat,
      'polinux/stress',
      ['stress'],
      ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
    );
    expect(memoryAt(p, 1000)).toBe(251 * 1024 * 1024);
    expect(oomOffset(p, 100 * 1024 * 1024)).toBeLessThan(100);
    const bad = plan(cat, 'nginx:1.27', ['nginxzz']);
    expect(bad.startError).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nginxzz": executable file not found in $PATH: unknown',
    );
  });
});

describe('scenario tags of public images', () => {
  it('adds the tag and keeps the public ones', () => {
    const cat = new ImageCatalog({
      'nginx:1.99-broken': {
        exit: { code: 1, afterSeconds: 1, log: 'nginx: [emerg] unknown directive "serverr"' },
      },
      'nginx:2.0-custom': { ports: [8080] },
      'shop/a:1': { memory: '1Mi' },
      'shop/a:2': { memory: '2Mi' },
    });
    expect(listening(plan(cat, 'nginx:2.0-custom'), 8080, 1)).toBe(true);
    expect(plan(cat, 'nginx:1.99-broken').exit).toEqual({ at: 1000, code: 1 });
    expect(plan(cat, 'nginx:1.27').exit).toBeUndefined();
    expect(cat.resolve('nginx:1.27', false).ok).toBe(true);
    expect(memoryAt(plan(cat, 'shop/a:1'), 0)).toBe(1024 * 1024);
    expect(memoryAt(plan(cat, 'shop/a:2'), 0)).toBe(2 * 1024 * 1024);
    expect(cat.resolve('shop/a:3', false).ok).toBe(false);
  });
});

describe('scenario images (ImageSpec)', () => {
  const cat = new ImageCatalog({
    'shop/checkout:2.1': {
      memory: { start: '80Mi', perSecond: '2Mi', max: '600Mi' },
      ports: [8080, { port: 9090, localhostOnly: true }],
      startupSeconds: 5,
      http: {
        '/healthz': 200,
        '/flaky': [
          { status: 200, untilSeconds: 60 },
          { status: 500, fromSeconds: 60 },
        ],
      },
      requiredEnv: [
        { name: 'DB_HOST', log: 'FATAL: DB_HOST is not set', exitCode: 1, afterSeconds: 2 },
      ],
      connects: [{ host: 'postgres', port: 5432 }],
      logs: ['starting checkout 2.1', { at: 5, text: 'listening on :8080' }],
    },
  });

  it('missing env: logs and exits after the delay', () => {
    const p = plan(cat, 'shop/checkout:2.1');
    expect(p.exit).toEqual({ at: 2000, code: 1 });
    expect(logsUpTo(p, 2000).map((l) => l.text)).toContain('FATAL: DB_HOST is not set');
  });

  it('unreachable dependency: the Go dial error and exit 1', () => {
    const p = plan(cat, 'shop/checkout:2.1', undefined, undefined, {
      env: { DB_HOST: 'postgres' },
      connect: () => 'nxdomain',
    });
    expect(p.exit?.code).toBe(1);
    expect(p.logs.at(-1)?.text).toBe('dial tcp: lookup postgres on 10.96.0.10:53: no such host');
  });

  it('healthy: listens after start-up, routes change over time, memory grows to OOM under a limit', () => {
    const p = plan(cat, 'shop/checkout:2.1', undefined, undefined, {
      env: { DB_HOST: 'postgres' },
    });
    expect(p.exit).toBeUndefined();
    expect(listening(p, 8080, 4999)).toBe(false);
    expect(listening(p, 8080, 5000)).toBe(true);
    expect(listening(p, 9090, 6000)).toBe(false);
    expect(listening(p, 9090, 6000, 'TCP', false)).toBe(true);
    expect(httpAnswer(p, 8080, '/flaky', 59_000)?.status).toBe(200);
    expect(httpAnswer(p, 8080, '/flaky', 60_000)?.status).toBe(500);
    expect(httpAnswer(p, 8080, '/nope', 6000)?.status).toBe(404);
    // 80Mi + 2Mi/s passes 512Mi after 216 s.
    expect(oomOffset(p, 512 * 1024 * 1024)).toBe(216_000);
    expect(oomOffset(p, 700 * 1024 * 1024)).toBeUndefined();
    expect(changePoints(p)).toEqual([5000, 60_000]);
  });
});
