import { kindOf } from '../../cluster/kinds/registry.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import type { Simulation } from '../../cluster/simulation.js';
import { badRequest, conflict, formatFieldError, type StatusError } from '../../cluster/apiserver/status-errors.js';
import { parseGoDuration } from '../parse/flags.js';
import { toJson } from '../printers/json.js';
import type { CommandDef, Invocation } from './types.js';
import { errorResult, flagList, flagString, usageError } from './types.js';
import { PRINT_FLAGS, checkOutput, printObjectsText } from './write-helpers.js';

/**
 * `kubectl create token SA`: a TokenRequest for the service account, printed
 * as the bare token. The token is JWT-shaped (header, claims, signature, all
 * base64url) and deterministic: its random parts come from a fork of the
 * simulation's rng, so cluster draws don't shift.
 *
 * @see k8s.io/kubectl/pkg/cmd/create/create_token.go
 * @see kubernetes/pkg/registry/core/serviceaccount/storage/token.go
 */

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The apiserver's default and minimum TokenRequest lifetimes, in seconds. */
const DEFAULT_EXPIRATION = 3600;
const MIN_EXPIRATION = 600;

/**
 * The kinds `--bound-object-kind` accepts and their API versions. v1.32
 * offers Node too: ServiceAccountTokenNodeBinding is beta and on by default.
 */
const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

const issued = new WeakMap<Simulation, number>();

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** What the token is bound to, as the `kubernetes.io` claim records it. */
export interface TokenBinding {
  pod?: { name: string; uid: string };
  secret?: { name: string; uid: string };
  node?: { name: string; uid: string };
}

export function serviceAccountToken(
  sim: Simulation,
  namespace: string,
  name: string,
  uid: string,
  audiences: string[],
  expirationSeconds: number,
  binding: TokenBinding = {},
): string {
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
    // The private claim is a Go struct: namespace, serviceaccount, then the bound objects.
    'kubernetes.io': { namespace, serviceaccount: { name, uid }, ...binding },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const signature = b64url(Buffer.from(rng.hex(512), 'hex'));
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;
}

/** kubectl's TokenOptions.Validate, in its order (before any request). */
function validate(inv: Invocation, durationMs: number): string | undefined {
  if (durationMs < 0) return '--duration must be greater than or equal to 0';
  if (durationMs % 1000 !== 0) return '--duration cannot be expressed in units less than seconds';
  if (flagList(inv, 'audience').some((a) => a === '')) return '--audience must not be an empty string';
  const kind = flagString(inv, 'bound-object-kind');
  if (kind === '') {
    if (flagString(inv, 'bound-object-name') !== '') return '--bound-object-name can only be set if --bound-object-kind is provided';
    if (flagString(inv, 'bound-object-uid') !== '') return '--bound-object-uid can only be set if --bound-object-kind is provided';
    return undefined;
  }
  if (!(kind in BOUND_KINDS)) return `supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}`;
  if (flagString(inv, 'bound-object-name') === '') return '--bound-object-name is required if --bound-object-kind is provided';
  return undefined;
}

/** The TokenRequest REST handler: the service account first, then validation, then the bound object. */
function requestToken(inv: Invocation, name: string, seconds: number): { ok: true; request: KubeObject } | { ok: false; error: StatusError } {
  const sim = inv.ctx.sim;
  const ns = inv.namespace;
  const def = kindOf('v1', 'ServiceAccount')!;
  const denied = inv.user && sim.api.authorizer ? sim.api.authorizer(inv.user, 'create', def, ns, name, 'token') : undefined;
  if (denied) return { ok: false, error: denied };
  const sa = sim.api.get(def, ns, name);
  if (!sa.ok) return { ok: false, error: sa.error };
  // Validation runs after the lookup and names no object: the request's own name is still empty then.
  const tooShort = seconds < MIN_EXPIRATION ? 'may not specify a duration less than 10 minutes' : seconds > 2 ** 32 ? 'may not specify a duration larger than 2^32 seconds' : '';
  if (tooShort) {
    const e = { type: 'Invalid' as const, field: 'spec.expirationSeconds', value: seconds, detail: tooShort };
    return {
      ok: false,
      error: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Invalid',
        code: 422,
        message: `TokenRequest.authentication.k8s.io "" is invalid: ${formatFieldError(e)}`,
        details: { name: '', group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [{ reason: 'FieldValueInvalid', message: formatFieldError(e).slice(e.field.length + 2), field: e.field }] },
      },
    };
  }
  const binding: TokenBinding = {};
  const boundKind = flagString(inv, 'bound-object-kind');
  let boundRef: Record<string, string> | null = null;
  if (boundKind !== '') {
    const boundName = flagString(inv, 'bound-object-name');
    const boundUid = flagString(inv, 'bound-object-uid');
    boundRef = { kind: boundKind, apiVersion: BOUND_KINDS[boundKind], name: boundName, ...(boundUid ? { uid: boundUid } : {}) };
    const bdef = kindOf('v1', boundKind)!;
    const got = sim.api.get(bdef, bdef.namespaced ? ns : '', boundName);
    if (!got.ok) return { ok: false, error: got.error };
    const obj = got.value;
    const ref = { name: boundName, uid: obj.metadata.uid ?? '' };
    if (boundKind === 'Pod') {
      const podSa = (obj.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? '';
      if (podSa !== name) return { ok: false, error: badRequest(`cannot bind token for serviceaccount ${JSON.stringify(name)} to pod running with different serviceaccount name.`) };
      binding.pod = ref;
      // A pod-bound token also names the pod's node (ServiceAccountTokenPodNodeInfo, on in v1.32).
      const nodeName = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName) binding.node = { name: nodeName, uid: sim.store.get('nodes', '', nodeName)?.metadata.uid ?? '' };
    } else if (boundKind === 'Secret') binding.secret = ref;
    else binding.node = ref;
    if (boundUid !== '' && boundUid !== ref.uid) {
      return {
        ok: false,
        error: conflict(
          { resource: boundKind, group: '' },
          boundName,
          `the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`,
        ),
      };
    }
  }
  const audiences = flagList(inv, 'audience');
  const aud = audiences.length > 0 ? audiences : [ISSUER];
  const saUid = sa.value.metadata.uid ?? '';
  const token = serviceAccountToken(sim, ns, name, saUid, aud, seconds, binding);
  const now = sim.now();
  const stamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  // Built in Go struct order (TokenRequest, TokenRequestSpec, TokenRequestStatus) for -o json;
  // the server fills in name and namespace from the service account (v1.32 leaves uid unset).
  const request = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: stamp(now) },
    spec: { audiences: aud, expirationSeconds: seconds, boundObjectRef: boundRef },
    status: { token, expirationTimestamp: stamp(now + seconds * 1000) },
  } as unknown as KubeObject;
  return { ok: true, request };
}

function runCreateToken(inv: Invocation) {
  if (inv.args.length !== 1) return usageError(inv, `exactly one NAME is required, got ${inv.args.length}`);
  const outErr = checkOutput(inv);
  if (outErr) return errorResult(outErr);
  const durationMs = parseGoDuration(flagString(inv, 'duration')) ?? 0;
  const invalid = validate(inv, durationMs);
  if (invalid) return errorResult(invalid);
  const name = inv.args[0];
  const seconds = durationMs === 0 ? DEFAULT_EXPIRATION : durationMs / 1000;
  const r = requestToken(inv, name, seconds);
  if (!r.ok) return errorResult(`failed to create token: ${r.error.message}`);
  const output = flagString(inv, 'output');
  if (output === 'json') return { stdout: toJson(r.request, { sortKeys: false }), stderr: '', exitCode: 0 };
  if (output === 'name') return { stdout: `tokenrequest.authentication.k8s.io/${name}\n`, stderr: '', exitCode: 0 };
  if (output !== '') return { stdout: printObjectsText(inv, [r.request]), stderr: '', exitCode: 0 };
  // kubectl adds the newline only when stdout is a terminal; the trainer's is one.
  return { stdout: `${(r.request.status as { token: string }).token}\n`, stderr: '', exitCode: 0 };
}

export const createToken: CommandDef = {
  name: 'token',
  short: 'Request a service account token',
  flags: [
    ...PRINT_FLAGS,
    { name: 'audience', type: 'stringArray', default: [] },
    { name: 'bound-object-kind', type: 'string', default: '' },
    { name: 'bound-object-name', type: 'string', default: '' },
    { name: 'bound-object-uid', type: 'string', default: '' },
    { name: 'duration', type: 'duration', default: '0s' },
  ],
  run: runCreateToken,
};
