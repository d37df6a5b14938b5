import { describe, expect, it } from 'vitest';
import { ImageCatalog, type RunContext } from './index.js';
import { operands } from './programs.js';

const cat = new ImageCatalog({});

function run(command: string[], verdict: ReturnType<RunContext['connect']> = 'ok') {
  const calls: string[] = [];
  const r = cat.resolve('busybox:1.36', false);
  if (!r.ok) throw new Error(r.message);
  const plan = cat.plan(r.image, command, undefined, {
    env: {},
    files: {},
    startedAt: Date.UTC(2026, 0, 15, 9, 0, 0),
    podIP: '10.244.1.5',
    hostname: 'probe',
    namespace: 'default',
    connect: (host, port) => {
      calls.push(`${host}:${port}`);
      return verdict;
    },
  });
  return { calls, plan };
}

describe("a container's own nc and wget skip option values", () => {
  it('nc -z -w 2 host port connects to host:port and waits at most 2 s', () => {
    expect(run(['nc', '-z', '-w', '2', 'db', '5432']).calls).toEqual(['db:5432']);
    expect(run(['nc', '-zw2', 'db', '5432']).calls).toEqual(['db:5432']);
    expect(run(['nc', '-zv', '-w', '2', 'db', '5432']).calls).toEqual(['db:5432']);
    const t = run(['nc', '-z', '-w', '2', 'db', '5432'], 'timeout').plan;
    expect(t.exit?.code).toBe(1);
    expect(t.exit?.at).toBe(2000);
  });

  it('wget -T 2 URL fetches the URL; -O - is not a host either', () => {
    expect(run(['wget', '-T', '2', 'http://api:8080/healthz']).calls).toEqual(['api:8080']);
    expect(run(['wget', '-q', '-O', '-', '-T', '2', 'http://api/']).calls).toEqual(['api:80']);
    expect(run(['wget', '--timeout=2', '-qO-', 'http://api:8080/']).calls).toEqual(['api:8080']);
    expect(run(['sh', '-c', 'wget -T 2 -q -O- http://api:8080/ || exit 1']).calls).toEqual(['api:8080']);
  });

  it('operands: getopt-style splitting', () => {
    expect(operands(['-z', '-w', '2', 'db', '5432'], ['-w'])).toEqual({ args: ['db', '5432'], values: { '-w': '2' } });
    expect(operands(['--', '-x'], [])).toEqual({ args: ['-x'], values: {} });
  });
});
