import { cloneJson, isDict, type KubeObject } from '../../api/meta.js';
import { badRequest, fail, ok, type ApiResult, type StatusError } from '../status-errors.js';
import { applyJsonPatch, JsonPatchError } from './json-patch.js';
import { applyMergePatch } from './json-merge.js';
import { rootTypeFor } from './patch-meta.js';
import { StrategicMergeError, strategicMerge } from './strategic-merge.js';

export type PatchType = 'strategic' | 'merge' | 'json';

/**
 * The outcome of applying a patch document. On failure, `message` is the
 * text kubectl prints after `error: ` for `kubectl patch --local`, and
 * `status` is what the API server answers for the same patch.
 */
export type PatchOutcome =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; status: StatusError };

/**
 * Applies a patch to a plain JSON object without any server-side clean-up:
 * the exact result `kubectl patch --local -o json` prints. `doc` is never
 * changed.
 *
 * @see k8s.io/kubectl/pkg/cmd/patch/patch.go getPatchedJSON
 */
export function patchDocument(doc: Record<string, unknown>, type: PatchType, patch: unknown): PatchOutcome {
  try {
    switch (type) {
      case 'json': {
        const out = applyJsonPatch(doc, patch);
        return isDict(out) ? { ok: true, value: out } : notAnObject(out);
      }
      case 'merge': {
        const out = applyMergePatch(doc, patch);
        return isDict(out) ? { ok: true, value: out } : notAnObject(out);
      }
      case 'strategic': {
        if (!isDict(patch)) {
          const t = Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch;
          const message = 'invalid JSON document';
          return { ok: false, message, status: badRequest(`json: cannot unmarshal ${t} into Go value of type map[string]interface {}`) };
        }
        const kind = typeof doc.kind === 'string' ? doc.kind : '';
        return { ok: true, value: strategicMerge(cloneJson(doc), cloneJson(patch), rootTypeFor(kind)) };
      }
    }
  } catch (e) {
    return fromError(e);
  }
}

/**
 * Applies a patch the way the API server does and returns the patched object
 * (not yet defaulted, validated or stored). The result is what the typed
 * decoding would keep: nulls and leftover patch directives are dropped.
 * `current` is never changed.
 *
 * @see k8s.io/apiserver/pkg/endpoints/handlers/patch.go applyJSPatch, strategicPatchObject
 */
export function applyPatch(current: KubeObject, type: PatchType, patch: unknown): ApiResult<KubeObject> {
  const shape = checkPatchShape(type, patch);
  if (shape) return fail(shape);
  const out = patchDocument(current as unknown as Record<string, unknown>, type, patch);
  if (!out.ok) return fail(out.status);
  const value = stripForTypedDecode(out.value) as KubeObject;
  if (!isDict(value.metadata)) value.metadata = {};
  return ok(value);
}

/**
 * The API server's answer to a patch body that is not JSON at all. The
 * handler decodes every body strictly first (kubectl sends no
 * fieldValidation, and the server's default is Warn): a strategic merge
 * patch returns the decoder's error as is, merge and JSON patches prefix it.
 *
 * @see k8s.io/apiserver/pkg/endpoints/handlers/patch.go strategicPatchObject, applyJSPatch
 */
export function malformedPatchBody(type: PatchType, syntaxError: string): StatusError {
  return badRequest(type === 'strategic' ? syntaxError : `error decoding patch: ${syntaxError}`);
}

/**
 * The strict decode of a well-formed body into what each patch type
 * expects: a list of operations (Go type `[]handlers.jsonPatchOp`) or an
 * object. Strategic patches are checked where they are applied.
 */
function checkPatchShape(type: PatchType, patch: unknown): StatusError | undefined {
  const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);
  if (type === 'json') {
    if (patch !== null && !Array.isArray(patch)) return badRequest(`error decoding patch: json: cannot unmarshal ${typeName(patch)} into Go value of type []handlers.jsonPatchOp`);
    const bad = (Array.isArray(patch) ? patch : []).find((op) => op !== null && !isDict(op));
    if (bad !== undefined) return badRequest(`error decoding patch: json: cannot unmarshal ${typeName(bad)} into Go value of type handlers.jsonPatchOp`);
  }
  if (type === 'merge' && patch !== null && !isDict(patch)) {
    return badRequest(`error decoding patch: json: cannot unmarshal ${typeName(patch)} into Go value of type map[string]interface {}`);
  }
  return undefined;
}

function notAnObject(v: unknown): PatchOutcome {
  const t = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  const message = `json: cannot unmarshal ${t} into Go value of type unstructured.detector`;
  return { ok: false, message, status: badRequest(message) };
}

function fromError(e: unknown): PatchOutcome {
  if (e instanceof JsonPatchError) {
    if (e.phase === 'decode') return { ok: false, message: e.message, status: badRequest(e.message) };
    return { ok: false, message: e.message, status: unprocessable() };
  }
  if (e instanceof StrategicMergeError) {
    if (e.kind === 'badRequest') return { ok: false, message: e.message, status: badRequest(e.message) };
    if (e.kind === 'unprocessable') return { ok: false, message: e.message, status: unprocessable() };
    return { ok: false, message: e.message, status: unknownError(e.message) };
  }
  throw e;
}

/** NewGenericServerResponse(422, …): the patch error text itself is not returned. */
function unprocessable(): StatusError {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: {},
    code: 422,
  };
}

/** A plain Go error surfaced by the API server: reason Unknown, code 500. */
function unknownError(message: string): StatusError {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: '', code: 500 };
}

function stripForTypedDecode(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(stripForTypedDecode);
  if (isDict(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) continue;
      out[k] = stripForTypedDecode(x);
    }
    return out;
  }
  return v;
}
