/**
 * Label and field selectors in kubectl's string syntax, parsed and matched
 * as the API server does it, with apimachinery's exact error texts.
 *
 * Label selectors (`-l`, `--selector`): `app=web,tier!=db,env in (a,b),
 * env notin (c),!canary,canary,x==y,n>3` become the {@link Requirement}s of
 * api/labels.ts (sorted by key, set values sorted and de-duplicated), or a
 * `parse error` such as `unable to parse requirement: found 'b', expected:
 * in, notin, =, ==, !=, gt, lt`.
 *
 * Field selectors (`--field-selector`): `metadata.name=x,status.phase!=Running,
 * spec.nodeName=` with `\,` `\=` `\\` escapes; each kind supports a fixed
 * set of fields, others fail with `field label not supported: <field>`.
 *
 * @see k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, NewRequirement)
 * @see k8s.io/apimachinery/pkg/util/validation/validation.go (IsQualifiedName, IsValidLabelValue)
 * @see k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go ParseToLabelSelector
 * @see k8s.io/apimachinery/pkg/fields/selector.go (ParseSelector, UnescapeValue)
 * @see kubernetes/pkg/apis/core/v1/conversion.go (field label conversion funcs)
 */
import type { LabelSelector, LabelSelectorRequirement, Requirement } from '../api/labels.js';
import { matchesRequirements } from '../api/labels.js';

/** A selector string that does not parse; `message` is apimachinery's text. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

// ---------------------------------------------------------------------------
// Validation texts (k8s.io/apimachinery/pkg/util/validation)
// ---------------------------------------------------------------------------

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
const maxLenError = (n: number): string => `must be no more than ${n} characters`;

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** validation.IsDNS1123Subdomain */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** validation.IsQualifiedName (what a label key must be). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** validation.IsValidLabelValue */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Go's %q of a string, for field error values (ASCII-printable input is the common case). */
function quote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/** field.Invalid(path, value, detail).Error() */
const invalid = (path: string, value: string, detail: string): string => `${path}: Invalid value: ${quote(value)}: ${detail}`;

/** utilerrors.NewAggregate(...).Error(): one message, or `[a, b]` (duplicates dropped). */
function aggregate(msgs: string[]): string {
  const uniq = [...new Set(msgs)];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

// ---------------------------------------------------------------------------
// Label selector lexer and parser
// ---------------------------------------------------------------------------

type Tok =
  | 'error'
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecialSymbol = (c: string): boolean => '=!(),><'.includes(c) && c !== '';

interface Scanned {
  tok: Tok;
  lit: string;
}

function lex(s: string): Scanned[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '');
  const items: Scanned[] = [];
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    let item: Scanned;
    if (ch === '') {
      item = { tok: 'eos', lit: '' };
    } else if (isSpecialSymbol(ch)) {
      pos--;
      let buffer = '';
      let last: Scanned | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c)) {
          buffer += c;
          const t = LITERAL_TOKENS[buffer];
          if (t !== undefined) last = { tok: t, lit: buffer };
          else if (last !== undefined) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      item = last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` };
    } else {
      pos--;
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      item = { tok: LITERAL_TOKENS[buffer] ?? 'id', lit: buffer };
    }
    items.push(item);
    if (item.tok === 'eos') return items;
  }
}

type Operator = Requirement['operator'];

/** selection.Operator spellings, as error messages print them. */
const SELECTION_NAME: Record<Operator, string> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  '=': '=',
  '==': '==',
  '!=': '!=',
  Gt: 'gt',
  Lt: 'lt',
};

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * labels.NewRequirement: validates key, operator arity and values.
 * Returns the requirement or the aggregated error text.
 */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement | string {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalid('key', key, keyErrs.join('; ')));
  const goList = `[]string{${values.map(quote).join(', ')}}`;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(`values: Invalid value: ${goList}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(`values: Invalid value: ${goList}: exact-match compatibility requires one single value`);
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) errs.push(`values: Invalid value: ${goList}: values set must be empty for exists and does not exist`);
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(`values: Invalid value: ${goList}: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v) || BigInt(v) > 2n ** 63n - 1n || BigInt(v) < -(2n ** 63n)) {
          errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, ve.join('; ')));
  });
  return errs.length > 0 ? aggregate(errs) : { key, operator, values };
}

class LabelParser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  private lookahead(values: boolean): Scanned {
    const it = this.items[this.position];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private consume(values: boolean): Scanned {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      switch (tok) {
        case 'id':
        case '!': {
          const r = this.parseRequirement();
          if (typeof r === 'string') throw new SelectorParseError(`unable to parse requirement: ${r}`);
          reqs.push(r);
          const t = this.consume(true);
          if (t.tok === 'eos') return reqs;
          if (t.tok === ',') {
            const t2 = this.lookahead(true);
            if (t2.tok !== 'id' && t2.tok !== '!') {
              throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
            }
            break;
          }
          throw new SelectorParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
        case 'eos':
          return reqs;
        default:
          throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  /** Returns a requirement or an error text (the parser's or NewRequirement's). */
  private parseRequirement(): Requirement | string {
    let operator: Operator | undefined;
    let t = this.consume(true);
    if (t.tok === '!') {
      operator = 'DoesNotExist';
      t = this.consume(true);
    }
    if (t.tok !== 'id') return `found '${t.lit}', expected: identifier`;
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    // the parser validates the key with a nil field path, which prints as <nil>
    if (keyErrs.length > 0) return invalid('<nil>', key, keyErrs.join('; '));
    const next = this.lookahead(true).tok;
    if (next === 'eos' || next === ',') {
      if (operator !== 'DoesNotExist') operator = 'Exists';
    }
    if (operator === 'Exists' || operator === 'DoesNotExist') return newRequirement(key, operator, []);

    const op = this.consume(false);
    switch (op.tok) {
      case 'in':
        operator = 'In';
        break;
      case '=':
        operator = '=';
        break;
      case '==':
        operator = '==';
        break;
      case '>':
        operator = 'Gt';
        break;
      case '<':
        operator = 'Lt';
        break;
      case 'notin':
        operator = 'NotIn';
        break;
      case '!=':
        operator = '!=';
        break;
      default:
        return `found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`;
    }
    const values = operator === 'In' || operator === 'NotIn' ? this.parseValues() : this.parseExactValue();
    if (typeof values === 'string') return values;
    return newRequirement(key, operator, values);
  }

  private parseValues(): string[] | string {
    let t = this.consume(true);
    if (t.tok !== '(') return `found '${t.lit}' expected: '('`;
    t = this.lookahead(true);
    switch (t.tok) {
      case 'id':
      case ',': {
        const s = this.parseIdentifiersList();
        if (typeof s === 'string') return s;
        if (this.consume(true).tok !== ')') return `found '${t.lit}', expected: ')'`;
        return sortedSet(s);
      }
      case ')':
        this.consume(true);
        return [''];
      default:
        return `found '${t.lit}', expected: ',', ')' or identifier`;
    }
  }

  private parseIdentifiersList(): Set<string> | string {
    const s = new Set<string>();
    for (;;) {
      const t = this.consume(true);
      switch (t.tok) {
        case 'id': {
          s.add(t.lit);
          const t2 = this.lookahead(true);
          if (t2.tok === ',') continue;
          if (t2.tok === ')') return s;
          return `found '${t2.lit}', expected: ',' or ')'`;
        }
        case ',': {
          if (s.size === 0) s.add('');
          const t2 = this.lookahead(true);
          if (t2.tok === ')') {
            s.add('');
            return s;
          }
          if (t2.tok === ',') s.add('');
          continue;
        }
        default:
          return `found '${t.lit}', expected: ',', or identifier`;
      }
    }
  }

  private parseExactValue(): string[] | string {
    const t = this.lookahead(true);
    if (t.tok === 'eos' || t.tok === ',') return [''];
    const v = this.consume(true);
    if (v.tok === 'id') return [v.lit];
    return `found '${v.lit}', expected: identifier`;
  }
}

/**
 * labels.Parse: the requirements of a label selector string, sorted by key
 * (stable). The empty string selects everything (no requirements).
 * Throws {@link SelectorParseError}.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  const reqs = new LabelParser(lex(selector)).parse();
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map(({ r }) => r);
}

/** Whether labels satisfy a parsed label selector. */
export function labelsMatch(reqs: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  return matchesRequirements(labels, reqs);
}

/**
 * The canonical string form of requirements (labels.Selector.String()):
 * `a=b,c in (x,y),!d`.
 */
export function labelSelectorString(reqs: readonly Requirement[]): string {
  return reqs
    .map((r) => {
      const vals = r.values.length === 1 ? r.values[0] : sortedSet(r.values).join(',');
      switch (r.operator) {
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'In':
          return `${r.key} in (${vals})`;
        case 'NotIn':
          return `${r.key} notin (${vals})`;
        case 'Gt':
          return `${r.key}>${vals}`;
        case 'Lt':
          return `${r.key}<${vals}`;
        default:
          return `${r.key}${r.operator}${vals}`;
      }
    })
    .join(',');
}

/**
 * metav1.ParseToLabelSelector (used by `kubectl create pdb|deployment --selector`,
 * `expose`, `set selector`): equality requirements become matchLabels, the
 * rest matchExpressions. Throws {@link SelectorParseError} with kubectl's texts,
 * e.g. `couldn't parse the selector string "a b": unable to parse requirement: ...`
 * or `"!=" is not a valid label selector operator`.
 */
export function parseToLabelSelector(selector: string): LabelSelector & {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
} {
  let reqs: Requirement[];
  try {
    reqs = parseLabelSelector(selector);
  } catch (e) {
    if (e instanceof SelectorParseError) {
      throw new SelectorParseError(`couldn't parse the selector string "${selector}": ${e.message}`);
    }
    throw e;
  }
  const out = { matchLabels: {} as Record<string, string>, matchExpressions: [] as LabelSelectorRequirement[] };
  for (const r of reqs) {
    switch (r.operator) {
      case '=':
      case '==':
        out.matchLabels[r.key] = r.values[0];
        continue;
      case 'In':
      case 'NotIn':
        out.matchExpressions.push({ key: r.key, operator: r.operator, values: sortedSet(r.values) });
        continue;
      case 'Exists':
      case 'DoesNotExist':
        out.matchExpressions.push({ key: r.key, operator: r.operator });
        continue;
      case 'Gt':
      case 'Lt':
        throw new SelectorParseError(`"${SELECTION_NAME[r.operator]}" isn't supported in label selectors`);
      default:
        throw new SelectorParseError(`"${SELECTION_NAME[r.operator]}" is not a valid label selector operator`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Field selectors
// ---------------------------------------------------------------------------

/** One term of a field selector. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let slash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (slash) slash = false;
    else if (c === '\\') slash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** fields.UnescapeValue: `\\`, `\,`, `\=` escapes; bare `,` or `=` are errors. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let slash = false;
  for (const c of s) {
    if (slash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      slash = false;
      continue;
    }
    if (c === '\\') slash = true;
    else if (c === ',' || c === '=') throw new SelectorParseError(`invalid field selector: unescaped character in value: ${c}`);
    else out += c;
  }
  if (slash) throw new SelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector: the terms of a field selector, sorted (as apimachinery
 * sorts the raw terms). Throws {@link SelectorParseError}, e.g.
 * `invalid selector: 'foo'; can't understand 'foo'`.
 */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const parts = splitTerms(selector).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const m = /!=|==|=/.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const value = unescapeFieldValue(part.slice(m.index + m[0].length));
    out.push({ field: part.slice(0, m.index), operator: m[0] as FieldRequirement['operator'], value });
  }
  return out;
}

/** Field values of one object, by field label (what the registry's GetAttrs gives). */
export type FieldSet = Record<string, string>;

/** Whether an object's fields satisfy every term (a missing field reads as ""). */
export function fieldsMatch(reqs: readonly FieldRequirement[], fields: FieldSet): boolean {
  return reqs.every((r) => {
    const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

type Obj = Record<string, unknown>;
const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Obj)[k] : undefined), o);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** How one kind exposes fields to selectors. */
interface KindFields {
  /** Labels accepted by the field label conversion (beyond metadata.name and, unless noNamespace, metadata.namespace). */
  labels: readonly string[];
  /** Cluster-scoped kinds whose conversion func rejects metadata.namespace (Node, Namespace). */
  noNamespace?: boolean;
  /** Old names converted to current ones (e.g. pods' `spec.host`). */
  aliases?: Record<string, string>;
  /** Kind-specific field values. */
  fields(obj: Obj): FieldSet;
}

const KIND_FIELDS: Record<string, KindFields> = {
  Pod: {
    labels: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    aliases: { 'spec.host': 'spec.nodeName' },
    fields: (o) => ({
      'spec.nodeName': str(get(o, 'spec', 'nodeName')),
      'spec.restartPolicy': str(get(o, 'spec', 'restartPolicy')),
      'spec.schedulerName': str(get(o, 'spec', 'schedulerName')),
      'spec.serviceAccountName': str(get(o, 'spec', 'serviceAccountName')),
      'spec.hostNetwork': get(o, 'spec', 'hostNetwork') === true ? 'true' : 'false',
      'status.phase': str(get(o, 'status', 'phase')),
      'status.podIP': str(get(o, 'status', 'podIPs', '0', 'ip') ?? get(o, 'status', 'podIP')),
      'status.nominatedNodeName': str(get(o, 'status', 'nominatedNodeName')),
    }),
  },
  Node: { labels: ['spec.unschedulable'], noNamespace: true, fields: (o) => ({ 'spec.unschedulable': get(o, 'spec', 'unschedulable') === true ? 'true' : 'false' }) },
  Namespace: { labels: ['status.phase'], noNamespace: true, fields: (o) => ({ 'status.phase': str(get(o, 'status', 'phase')) }) },
  Secret: { labels: ['type'], fields: (o) => ({ type: str(get(o, 'type')) }) },
  Service: {
    labels: ['spec.clusterIP', 'spec.type'],
    fields: (o) => ({ 'spec.clusterIP': str(get(o, 'spec', 'clusterIP')), 'spec.type': str(get(o, 'spec', 'type')) }),
  },
  ReplicaSet: { labels: ['status.replicas'], fields: (o) => ({ 'status.replicas': str(get(o, 'status', 'replicas') ?? 0) }) },
  ReplicationController: { labels: ['status.replicas'], fields: (o) => ({ 'status.replicas': str(get(o, 'status', 'replicas') ?? 0) }) },
  Job: { labels: ['status.successful'], fields: (o) => ({ 'status.successful': str(get(o, 'status', 'succeeded') ?? 0) }) },
  Event: {
    labels: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
    fields: (o) => ({
      'involvedObject.kind': str(get(o, 'involvedObject', 'kind')),
      'involvedObject.namespace': str(get(o, 'involvedObject', 'namespace')),
      'involvedObject.name': str(get(o, 'involvedObject', 'name')),
      'involvedObject.uid': str(get(o, 'involvedObject', 'uid')),
      'involvedObject.apiVersion': str(get(o, 'involvedObject', 'apiVersion')),
      'involvedObject.resourceVersion': str(get(o, 'involvedObject', 'resourceVersion')),
      'involvedObject.fieldPath': str(get(o, 'involvedObject', 'fieldPath')),
      reason: str(get(o, 'reason')),
      reportingComponent: str(get(o, 'reportingComponent')),
      source: str(get(o, 'source', 'component')) || str(get(o, 'reportingComponent')),
      type: str(get(o, 'type')),
    }),
  },
};

/**
 * Checks and normalises a parsed field selector for a kind, as the API
 * server's field label conversion does. Returns the converted terms or the
 * error text: `field label not supported: <field>` for kinds with their own
 * conversion (Pod, Node, Namespace, Secret, Service, Event, ReplicaSet,
 * ReplicationController, Job), and for every other kind the default one,
 * `"<field>" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 *
 * @see k8s.io/apimachinery/pkg/runtime/conversion.go DefaultMetaV1FieldSelectorConversion
 */
export function convertFieldSelector(
  kind: string,
  reqs: readonly FieldRequirement[],
): { ok: true; reqs: FieldRequirement[] } | { ok: false; message: string } {
  const k = KIND_FIELDS[kind];
  const out: FieldRequirement[] = [];
  for (const r of reqs) {
    let field = r.field;
    if (k?.aliases?.[field] !== undefined) field = k.aliases[field];
    if (k === undefined) {
      if (field !== 'metadata.name' && field !== 'metadata.namespace') {
        return { ok: false, message: `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"` };
      }
    } else {
      const supported =
        field === 'metadata.name' || (field === 'metadata.namespace' && !k.noNamespace) || k.labels.includes(field);
      if (!supported) return { ok: false, message: `field label not supported: ${r.field}` };
    }
    out.push({ ...r, field });
  }
  return { ok: true, reqs: out };
}

/**
 * The field values an object exposes to selectors: `metadata.name`,
 * `metadata.namespace` (namespaced kinds) and the kind's own fields.
 */
export function selectableFields(kind: string, obj: Obj, namespaced = true): FieldSet {
  const set: FieldSet = { 'metadata.name': str(get(obj, 'metadata', 'name')) };
  if (namespaced) set['metadata.namespace'] = str(get(obj, 'metadata', 'namespace'));
  return { ...(KIND_FIELDS[kind]?.fields(obj) ?? {}), ...set };
}

/** The field labels a kind accepts in field selectors. */
export function supportedFieldLabels(kind: string): string[] {
  const k = KIND_FIELDS[kind];
  return ['metadata.name', ...(k?.noNamespace ? [] : ['metadata.namespace']), ...(k?.labels ?? [])];
}
