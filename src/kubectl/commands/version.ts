import { KUBERNETES_VERSION } from '../../cluster/bootstrap.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString } from './types.js';
import { finish, plainErr } from './write-helpers.js';
import { toYaml } from '../printers/yaml.js';

/**
 * `kubectl version`: kubectl v1.32.4 with its embedded Kustomize, and the
 * simulated API server's version.
 *
 * @see k8s.io/kubectl/pkg/cmd/version/version.go
 */
export const CLIENT_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

function info(gitVersion: string, goVersion: string) {
  const [major, minor] = gitVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '59526cd4867447956156ae3a602fcbac5c1b1c8c',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:02:27Z',
    goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function runVersion(inv: Invocation) {
  const clientOnly = flagBool(inv, 'client');
  const o = flagString(inv, 'output');
  const server = KUBERNETES_VERSION;
  if (o !== '' && o !== 'json' && o !== 'yaml') return finish('', [plainErr(`--output must be 'yaml' or 'json'`)]);
  if (o !== '') {
    const doc: Record<string, unknown> = { clientVersion: info(CLIENT_VERSION, 'go1.23.8'), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly) doc.serverVersion = info(server, 'go1.23.8');
    // json.MarshalIndent of Go structs: field order, two-space indent (the
    // resource printers' key-sorted, four-space JSON does not apply here).
    // YAML goes through sigs.k8s.io/yaml, which sorts keys like any other.
    return finish(o === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc), []);
  }
  let out = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (!clientOnly) out += `Server Version: ${server}\n`;
  return finish(out, []);
}

export const versionCommand: CommandDef = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run: runVersion,
};
