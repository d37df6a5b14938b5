import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

/**
 * `kubectl version --client -o json` recorded from the kubectl installed here
 * (`kubectl version --client -o json`, a Cloud SDK build of v1.32.4). Only the
 * build's own fields differ from upstream v1.32.4, which the trainer reports:
 * gitVersion `v1.32.4-dispatcher`, minor `32+`, its commit and build date.
 */
const RECORDED = `{
  "clientVersion": {
    "major": "1",
    "minor": "32+",
    "gitVersion": "v1.32.4-dispatcher",
    "gitCommit": "4cb5f0764b8d5f425645c6f433394fede34a8a26",
    "gitTreeState": "clean",
    "buildDate": "2025-05-15T20:09:34Z",
    "goVersion": "go1.23.8",
    "compiler": "gc",
    "platform": "linux/amd64"
  },
  "kustomizeVersion": "v5.5.0"
}
`;

const UPSTREAM = RECORDED.replace('"32+"', '"32"')
  .replace('v1.32.4-dispatcher', 'v1.32.4')
  .replace('4cb5f0764b8d5f425645c6f433394fede34a8a26', '59526cd4867447956156ae3a602fcbac5c1b1c8c')
  .replace('2025-05-15T20:09:34Z', '2025-04-22T16:02:27Z');

describe('kubectl version', () => {
  it('prints -o json as kubectl does: Go field order and a two-space indent', () => {
    const r = testEnv().run('version --client -o json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(UPSTREAM);
  });

  it('prints -o yaml with sorted keys and the server version last', () => {
    const r = testEnv().run('version -o yaml');
    expect(r.stdout).toMatch(/^clientVersion:\n {2}buildDate: "2025-04-22T16:02:27Z"\n {2}compiler: gc\n/);
    expect(r.stdout).toContain('kustomizeVersion: v5.5.0\nserverVersion:\n');
  });

  it('rejects an output format other than yaml or json', () => {
    const r = testEnv().run('version -o wide');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("error: --output must be 'yaml' or 'json'\n");
  });
});
