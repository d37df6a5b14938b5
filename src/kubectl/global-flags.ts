import type { FlagSpec } from './parse/flags.js';

/**
 * kubectl's persistent flags, accepted by every command (and before the verb)
 * and listed by `kubectl options`. The simulation has one cluster and one
 * admin identity, so the connection and logging flags are accepted and have
 * no effect; --namespace, --as and --as-group do act.
 */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'as', type: 'string', default: '' },
  { name: 'as-group', type: 'stringArray', default: [] },
  { name: 'as-uid', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'cluster', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  { name: 'server', short: 's', type: 'string', default: '' },
  { name: 'token', type: 'string', default: '' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
  { name: 'certificate-authority', type: 'string', default: '' },
  { name: 'client-certificate', type: 'string', default: '' },
  { name: 'client-key', type: 'string', default: '' },
  { name: 'tls-server-name', type: 'string', default: '' },
  { name: 'cache-dir', type: 'string', default: '' },
  { name: 'match-server-version', type: 'bool', default: false },
  { name: 'warnings-as-errors', type: 'bool', default: false },
  { name: 'disable-compression', type: 'bool', default: false },
  { name: 'username', type: 'string', default: '' },
  { name: 'password', type: 'string', default: '' },
  { name: 'profile', type: 'string', default: 'none' },
  { name: 'profile-output', type: 'string', default: 'profile.pprof' },
  { name: 'log-flush-frequency', type: 'duration', default: '5s' },
  // klog's flags: a Level and a moduleSpec, whose defaults help prints unquoted.
  { name: 'v', short: 'v', type: 'string', default: '0', valueType: 'Level' },
  { name: 'vmodule', type: 'string', default: '', valueType: 'moduleSpec' },
];
