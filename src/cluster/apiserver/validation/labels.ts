import type { FieldError } from '../field-errors.js';
import { invalid, required, idx, child } from './field.js';
import { emptyError, isDNS1123Subdomain, maxLenError, regexError } from './names.js';

/**
 * Label keys and values, annotations and label selectors.
 *
 * @see k8s.io/apimachinery/pkg/api/validate/content (IsLabelKey, IsLabelValue)
 * @see k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabels, ValidateLabelSelector
 */
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedName = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedName.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValue.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** ValidateLabels: errors name the map's path, not the key. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!labels || typeof labels !== 'object') return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels).sort()) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    const v = String((labels as Record<string, unknown>)[k] ?? '');
    for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (lower-cased); 256 KiB in total. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!annotations || typeof annotations !== 'object') return [];
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(annotations).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += k.length + String((annotations as Record<string, unknown>)[k] ?? '').length;
  }
  if (total > 256 * 1024) errs.push({ type: 'TooLong', field: path, detail: `may not be more than ${256 * 1024} bytes` });
  return errs;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
}

/** ValidateLabelSelector (metav1.LabelSelector). */
export function validateLabelSelector(sel: SelectorLike | undefined | null, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = idx(child(path, 'matchExpressions'), i);
    const op = r.operator ?? '';
    const values = r.values ?? [];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push({ type: 'Forbidden', field: child(p, 'values'), detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
    } else {
      errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(r.key ?? '')) errs.push(invalid(child(p, 'key'), r.key ?? '', m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(idx(child(p, 'values'), j), v, m));
    });
  });
  errs.push(...validateLabels(sel.matchLabels, child(path, 'matchLabels')));
  return errs;
}

/** Whether a metav1.LabelSelector selects nothing-but-everything (`{}`). */
export function isEmptySelector(sel: SelectorLike | undefined | null): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

