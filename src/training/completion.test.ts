import { beforeAll, describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../kubectl/node-fs.js';
import { loadScenario } from '../scenarios/load.js';
import { complete } from './completion.js';
import { Session } from './session.js';

let session: Session;
beforeAll(() => {
  const l = loadScenario('oom-checkout');
  if (!l.ok) throw new Error(l.errors.join('\n'));
  const s = Session.start({ scenario: l.scenario, fs: memoryFileSystem({}) });
  if (!s.ok) throw new Error(s.error);
  session = s.session;
});

const at = (line: string) => {
  const c = complete(line, line.length, session.sim);
  return c && { line: line.slice(0, c.from) + c.replacement, candidates: c.candidates };
};

describe('Tab completion', () => {
  it.each([
    ['kub', 'kubectl '],
    ['kubectl g', 'get '],
    ['kubectl -n sh', 'kubectl -n shop '],
    ['kubectl -n shop set res', 'kubectl -n shop set resources '],
    ['kubectl -n shop rollout sta', 'kubectl -n shop rollout status '],
    ['kubectl get deploy -n shop ch', 'kubectl get deploy -n shop checkout '],
    ['kubectl -n shop get deploy/c', 'kubectl -n shop get deploy/checkout '],
    ['kubectl get po -o ya', 'kubectl get po -o yaml '],
    ['kubectl get --all-n', 'kubectl get --all-namespaces '],
    ['kubectl get pods | gr', 'kubectl get pods | grep '],
  ])('%s → %s', (line, want) => {
    expect(at(line)?.line.endsWith(want)).toBe(true);
  });

  it('completes names of objects that exist, with the common prefix and the candidates', () => {
    const r = at('kubectl -n shop logs ch');
    expect(r?.line).toMatch(/^kubectl -n shop logs checkout-[a-z0-9]+-$/);
    expect(r?.candidates).toHaveLength(3);
  });

  it('offers the verbs the interpreter runs, read from its command definitions', () => {
    const verbs = at('kubectl ')?.candidates ?? [];
    expect(verbs).toEqual(expect.arrayContaining(['api-versions', 'options', 'help', 'get', 'autoscale']));
    expect(verbs).not.toContain('port-forward');
    expect(at('kubectl api-v')?.line).toBe('kubectl api-versions ');
  });

  it('walks subcommands from the definitions, and offers the flags of the command named', () => {
    expect(at('kubectl create secret ')?.candidates).toEqual(['docker-registry', 'generic', 'tls']);
    expect(at('kubectl config uns')?.line).toBe('kubectl config unset ');
    expect(at('kubectl rollout status --time')?.line).toBe('kubectl rollout status --timeout ');
    expect(at('kubectl -n shop rollout status deploy/c')?.line).toBe('kubectl -n shop rollout status deploy/checkout ');
  });

  it('offers nothing for arguments it cannot know', () => {
    expect(at('kubectl create deployment x --image=ng')).toBeUndefined();
    expect(at('echo hel')).toBeUndefined();
  });
});
