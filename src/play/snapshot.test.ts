import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playCommand } from '../cli/play-command.js';
import { newestTimestamp, parseSnapshot, readSnapshot } from './snapshot.js';

const pod = (name: string, ns: string, created: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, creationTimestamp: created }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

function play(args: string[], script: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = playCommand([...args, '--script', '-'], { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => script, stdinIsTTY: false, env: { HOME: '/root' } });
  return { code, out, err };
}

describe('snapshots', () => {
  it('reads a List (typed lists give their items kind and apiVersion), several documents, and concatenated JSON with log text between', () => {
    const list = parseSnapshot(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: [{ metadata: { name: 'a', namespace: 'x' } }] }), 'l.json');
    expect(list).toMatchObject({ ok: true, objects: [{ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a' } }] });
    const docs = parseSnapshot('apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n', 'd.yaml');
    expect(docs.ok && docs.objects.map((o) => o.kind)).toEqual(['Namespace', 'Pod']);
    const dump = `${JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', items: [] })}\n==== START logs for container c of pod x/a ====\nhello {not json\n==== END logs for container c of pod x/a ====\n${JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [pod('a', 'x', '2026-01-15T09:00:00Z')] })}`;
    const parsed = parseSnapshot(dump, 'dump.txt');
    expect(parsed.ok && parsed.objects.map((o) => o.metadata.name)).toEqual(['a']);
    expect(newestTimestamp(parsed.ok ? parsed.objects : [])).toBe(Date.parse('2026-01-15T09:00:00Z'));
    expect(parseSnapshot('kind: [oops', 'bad.yaml')).toMatchObject({ ok: false, error: expect.stringMatching(/^bad\.yaml:1:/) });
  });

  it('reads every .yaml/.yml/.json file under a directory, as kubectl cluster-info dump --output-directory lays it out, skipping logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-dump-'));
    writeFileSync(join(dir, 'nodes.json'), JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'n1', creationTimestamp: '2026-01-15T08:00:00Z' } }] }));
    mkdirSync(join(dir, 'shop', 'web'), { recursive: true });
    writeFileSync(join(dir, 'shop', 'pods.json'), JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: [pod('web', 'shop', '2026-01-15T09:00:00Z')] }));
    writeFileSync(join(dir, 'shop', 'web', 'logs.txt'), 'GET / 200\n');
    const r = readSnapshot(dir);
    expect(r?.ok && r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Node/n1', 'Pod/web']);
    expect(readSnapshot(join(dir, 'nope'))).toBeUndefined();
  });

  it('play --snapshot DIR serves the files as one frozen cluster, at the newest timestamp unless --now says otherwise', () => {
    const kind = resolve('test/fixtures/snapshots/kind');
    const r = play(['--snapshot', kind], 'kubectl -n shop get pods -o wide\n');
    expect(r.code).toBe(0);
    // Recorded with kubectl v1.32.5 from the same objects (src/kubectl/testdata/read/kind-snapshot).
    const golden = readFileSync(resolve('src/kubectl/testdata/read/kind-snapshot/pods-wide.stdout'), 'utf8');
    expect(r.out).toBe(`$ kubectl -n shop get pods -o wide\n${golden}`);
    const later = play(['--snapshot', kind, '--now', '2026-12-20T10:00:00Z'], 'kubectl -n shop get deploy api --no-headers\n');
    expect(later.out).toMatch(/^api +2\/3 +1 +2 +46d$/m);
    expect(play(['--snapshot', '/nonexistent'], '').err).toBe('kubedojo play: cannot read snapshot /nonexistent\n');
  });
});
