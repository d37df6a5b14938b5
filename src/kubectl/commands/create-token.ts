import { kindOf } from '../../cluster/kinds/registry.js';
import type { Simulation } from '../../cluster/simulation.js';
import { parseGoDuration } from '../parse/flags.js';
import type { CommandDef, Invocation } from './types.js';
import { errorResult, flagList, flagString, usageError } from './types.js';

/**
 * `kubectl create token SA`: a TokenRequest for the service account, printed
 * as the bare token. The token is JWT-shaped (header, claims, signature, all
 * base64url) and deterministic: its random parts come from a fork of the
 * simulation's rng, so cluster draws don't shift.
 *
 * @see k8s.io/kubectl/pkg/cmd/create/create_token.go
 */

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The apiserver's default and minimum TokenRequest lifetimes, in seconds. */
const DEFAULT_EXPIRATION = 3600;
const MIN_EXPIRATION = 600;

const issued = new WeakMap<Simulation, number>();

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function serviceAccountToken(sim: Simulation, namespace: string, name: string, uid: string, audiences: string[], expirationSeconds: number): string {
  const n = (issued.get(sim) ?? 0) + 1;
  issued.set(sim, n);
  const iat = Math.floor(sim.now() / 1000);
  // The key id is stable for the cluster; the jti and signature differ per token.
  const kid = b64url(Buffer.from(sim.rng.fork('serviceaccount-signing-key').hex(64), 'hex'));
  const rng = sim.rng.fork(`token/${namespace}/${name}/${iat}/${n}`);
  const header = { alg: 'RS256', kid };
  const claims = {
    aud: audiences,
    exp: iat + expirationSeconds,
    iat,
    iss: ISSUER,
    jti: rng.uid(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid } },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const signature = b64url(Buffer.from(rng.hex(512), 'hex'));
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;
}

function runCreateToken(inv: Invocation) {
  if (inv.args.length !== 1) return usageError(inv, `exactly one NAME is required, got ${inv.args.length}`);
  const durationMs = parseGoDuration(flagString(inv, 'duration')) ?? 0;
  if (durationMs < 0) return errorResult('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0) return errorResult('--duration cannot be expressed in units less than seconds');
  const name = inv.args[0];
  const sim = inv.ctx.sim;
  const def = kindOf('v1', 'ServiceAccount')!;
  const denied = inv.user && sim.api.authorizer ? sim.api.authorizer(inv.user, 'create', def, inv.namespace, name, 'token') : undefined;
  if (denied) return errorResult(`failed to create token: ${denied.message}`);
  const seconds = durationMs === 0 ? DEFAULT_EXPIRATION : durationMs / 1000;
  if (seconds < MIN_EXPIRATION) {
    return errorResult(`failed to create token: TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
  }
  if (seconds > 2 ** 32) {
    return errorResult(`failed to create token: TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`);
  }
  const sa = sim.api.get(def, inv.namespace, name);
  if (!sa.ok) return errorResult(`failed to create token: ${sa.error.message}`);
  const audiences = flagList(inv, 'audience');
  const token = serviceAccountToken(sim, inv.namespace, name, sa.value.metadata.uid ?? '', audiences.length > 0 ? audiences : [ISSUER], seconds);
  return { stdout: `${token}\n`, stderr: '', exitCode: 0 };
}

export const createToken: CommandDef = {
  name: 'token',
  short: 'Request a service account token',
  flags: [
    { name: 'audience', type: 'stringArray', default: [] },
    { name: 'bound-object-kind', type: 'string', default: '' },
    { name: 'bound-object-name', type: 'string', default: '' },
    { name: 'bound-object-uid', type: 'string', default: '' },
    { name: 'duration', type: 'duration', default: '0s' },
  ],
  run: runCreateToken,
};
