import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_YAML, testEnv } from './testkit.js';

/**
 * `kubectl patch` against the cluster with a body that is not what the
 * patch type needs. kubectl sends text that starts with `{` as is; the API
 * server's strict decode answers (handlers/patch.go), and kubectl prints
 * `Error from server (BadRequest): …`.
 */
describe('kubectl patch: bodies the API server rejects', () => {
  const env = () => {
    const e = testEnv({ 'web.yaml': DEPLOYMENT_YAML });
    e.run('apply -f web.yaml');
    return e;
  };
  const syntax = "invalid character 'b' looking for beginning of object key string";

  it.each([
    ['strategic', [], `Error from server (BadRequest): ${syntax}\n`],
    ['merge', ['--type', 'merge'], `Error from server (BadRequest): error decoding patch: ${syntax}\n`],
    ['json', ['--type', 'json'], `Error from server (BadRequest): error decoding patch: ${syntax}\n`],
  ])('%s patch, malformed JSON', (_t, extra, stderr) => {
    const r = env().runArgs(['patch', 'deploy', 'web', '-p', '{bad', ...extra]);
    expect(r).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('a merge patch that is a list, and a JSON patch that is an object', () => {
    const e = env();
    expect(e.runArgs(['patch', 'deploy', 'web', '--type', 'merge', '-p', '[1]']).stderr).toBe(
      'Error from server (BadRequest): error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}\n',
    );
    expect(e.runArgs(['patch', 'deploy', 'web', '--type', 'json', '-p', '{"op":"remove"}']).stderr).toBe(
      'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n',
    );
  });
});
