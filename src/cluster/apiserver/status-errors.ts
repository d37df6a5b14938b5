import type { FieldError } from './field-errors.js';

/**
 * API errors as the API server returns them (metav1.Status). The interpreter
 * turns these into kubectl's exact text; keep messages identical to
 * k8s.io/apimachinery/pkg/api/errors.
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'Conflict'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Timeout'
  | 'Unauthorized'
  /** StatusReasonUnknown: a plain error the server did not classify. */
  | '';

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusError {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export type ApiResult<T> = { ok: true; value: T; warnings?: string[] } | { ok: false; error: StatusError };

export function ok<T>(value: T, warnings?: string[]): ApiResult<T> {
  return warnings && warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

export function fail<T>(error: StatusError): ApiResult<T> {
  return { ok: false, error };
}

function status(reason: StatusReason, code: number, message: string, details?: StatusError['details']): StatusError {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

/** `pods`, or `deployments.apps` for grouped resources. */
export interface GroupResource {
  resource: string;
  group: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return status('NotFound', 404, `${qualified(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return status('AlreadyExists', 409, `${qualified(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
}

export function conflict(gr: GroupResource, name: string, why: string): StatusError {
  return status('Conflict', 409, `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export const MODIFIED_CONFLICT = 'the object has been modified; please apply your changes to the latest version and try again';

export function forbidden(gr: GroupResource, name: string, why: string): StatusError {
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  return status('Forbidden', 403, `${subject} is forbidden: ${why}`, { name, group: gr.group, kind: gr.resource });
}

export function badRequest(message: string): StatusError {
  return status('BadRequest', 400, message);
}

export function internalError(message: string): StatusError {
  return status('InternalError', 500, `Internal error occurred: ${message}`);
}

export function methodNotAllowed(message: string): StatusError {
  return status('MethodNotAllowed', 405, message);
}

const typeText: Record<FieldError['type'], string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Unsupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  Duplicate: 'Duplicate value',
  NotFound: 'Not found',
  TooLong: 'Too long',
  TooMany: 'Too many',
};

/** Go's rendering of a bad value inside a field error (`%q` for strings, `%v` for numbers). */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && 'goSyntax' in v) return String((v as { goSyntax: string }).goSyntax);
  return JSON.stringify(v);
}

/** Go's %q for strings that are plain UTF-8. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** The part of a field error after the path (field.Error.ErrorBody). */
export function fieldErrorBody(e: FieldError): string {
  let s = typeText[e.type];
  const omitValue = e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || !('value' in e);
  if (!omitValue) s += `: ${formatBadValue(e.value)}`;
  let detail = e.detail ?? '';
  if (e.type === 'Unsupported' && e.supported) {
    detail = `supported values: ${e.supported.map((x) => goQuote(x)).join(', ')}`;
  }
  if (detail) s += `: ${detail}`;
  return s;
}

export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** metav1.CauseType of each field error type. */
const CAUSE_TYPE: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  Unsupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
  NotFound: 'FieldValueNotFound',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
};

/**
 * The Invalid status for a kind's object: message `Kind.group "name" is
 * invalid: [a, b]` and one cause per field error.
 */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  // ErrorList.ToAggregate drops repeated messages; the causes keep them all.
  const texts = [...new Set(errors.map(formatFieldError))];
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return status('Invalid', 422, `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes: errors.map((e) => ({ reason: CAUSE_TYPE[e.type], message: fieldErrorBody(e), field: e.field })),
  });
}

/**
 * What kubectl prints for an API error (to stderr, exit code 1), following
 * cmdutil.CheckErr: Invalid statuses list their causes (`The Deployment
 * "web" is invalid: spec.x: …`, or one `* cause` per line when there are
 * several); everything else is `Error from server (Reason): message`, or
 * `Error from server: message` when the server gave no reason. The text
 * always ends with a newline.
 *
 * Commands that add context (`error when creating "x.yaml": …`) wrap the
 * status message themselves.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr, StandardErrorMessage, MultilineError
 */
export function kubectlErrorText(err: StatusError): string {
  if (err.reason === 'Invalid') {
    const details = err.details;
    let s = 'The request is invalid';
    if (!details) return `${s}${err.message ? `: ${err.message}` : ''}\n`;
    const causes = details.causes ?? [];
    if (details.kind || details.name) s = `The ${details.kind ?? ''} ${goQuote(details.name ?? '')} is invalid`;
    else if (err.message && causes.length === 0) s += `: ${err.message}`;
    if (causes.length === 0) return `${s}\n`;
    const lines = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
    if (lines.length === 1) return `${s}: ${lines[0]}\n`;
    return `${s}: \n${lines.map((l) => `* ${l}\n`).join('')}`;
  }
  return `${standardErrorMessage(err)}\n`;
}

/** StandardErrorMessage for a status error (no trailing newline). */
export function standardErrorMessage(err: StatusError): string {
  if (err.reason === 'Unauthorized') return `error: You must be logged in to the server (${err.message})`;
  if (err.reason) return `Error from server (${err.reason}): ${err.message}`;
  return `Error from server: ${err.message}`;
}
