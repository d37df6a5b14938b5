import { isDict, type Dict } from '../../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../../api/labels.js';
import type { FieldError } from '../field-errors.js';
import { FIELD_IMMUTABLE, forbidden, goStringMap, goSyntax, invalid, nonNegative, notSupported, required } from './field.js';
import { isEmptySelector, validateLabelSelector, validateLabels } from './labels.js';
import { regexError } from './names.js';
import { validatePodTemplateSpec } from './pod-spec.js';

/**
 * Checks shared by the apps workloads: selectors against template labels,
 * int-or-percent fields, immutable selectors.
 *
 * @see kubernetes/pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForReplicaSet, ValidateRollingUpdateDeployment
 */

/** Go's %#v of a metav1.LabelSelector, as field errors print it. */
export function goLabelSelector(sel: unknown): { goSyntax: string } {
  if (!isDict(sel)) return goSyntax('null');
  const ml = isDict(sel.matchLabels) ? goStringMap(sel.matchLabels as Record<string, string>).goSyntax : 'map[string]string(nil)';
  const exprs = Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e: Dict) => {
          const values = Array.isArray(e.values) ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goSyntax(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exprs}}`);
}

/** Selector required, not empty, valid; template labels matched; restartPolicy Always. */
/**
 * `podSpec: false` is the StatefulSet rule: its pod template's spec is not
 * validated, since its volume mounts may name volumeClaimTemplates that are
 * not volumes of the template (ValidatePodTemplateSpecForStatefulSet).
 */
export function validateSelectorAndTemplate(spec: Dict, kindWord: string, path = 'spec', opts: { podSpec?: boolean } = {}): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (sel === undefined || sel === null) errs.push(required(`${path}.selector`));
  else {
    errs.push(...validateLabelSelector(sel as LabelSelector, `${path}.selector`));
    if (isEmptySelector(sel as LabelSelector)) errs.push(invalid(`${path}.selector`, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  }
  errs.push(...validateTemplateForSelector(spec.template, isDict(sel) ? (sel as LabelSelector) : undefined, `${path}.template`, true, opts.podSpec ?? true));
  return errs;
}

export function validateTemplateForSelector(template: unknown, sel: LabelSelector | undefined, path: string, restartAlways = true, podSpec = true): FieldError[] {
  if (!isDict(template)) return [required(path)];
  const errs: FieldError[] = [];
  const labels = isDict(template.metadata) && isDict(template.metadata.labels) ? (template.metadata.labels as Record<string, string>) : undefined;
  const selectsAll = sel !== undefined && isEmptySelector(sel);
  if (!selectsAll && !labelSelectorMatches(sel ?? null, labels)) {
    errs.push(invalid(`${path}.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (podSpec) errs.push(...validatePodTemplateSpec(template, path));
  else errs.push(...validateLabels(isDict(template.metadata) ? template.metadata.labels : undefined, `${path}.labels`));
  const spec = isDict(template.spec) ? template.spec : {};
  if (restartAlways && spec.restartPolicy !== 'Always') {
    errs.push(notSupported(`${path}.spec.restartPolicy`, spec.restartPolicy ?? '', ['Always']));
  }
  if (restartAlways && spec.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** An IntOrString as a Stringer prints it (`0`, `25%`). */
const intOrString = (v: unknown): { goSyntax: string } => goSyntax(String(v ?? 0));

export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    return /^[0-9]+%$/.test(v) ? [] : [invalid(path, intOrString(v), regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
  }
  if (typeof v === 'number') return nonNegative(v, path);
  return [];
}

export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number.parseInt(v, 10);
  return -1;
}

export function isNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || !/^[0-9]+%$/.test(v)) return [];
  return Number.parseInt(v, 10) > 100 ? [invalid(path, intOrString(v), 'must not be greater than 100%')] : [];
}

/** Both maxSurge and maxUnavailable zero cannot make progress. */
export function validateRollingUpdate(ru: Dict, path: string, surgeField = 'maxSurge'): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`));
  errs.push(...validatePositiveIntOrPercent(ru[surgeField], `${path}.${surgeField}`));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru[surgeField]) === 0) {
    errs.push(invalid(`${path}.maxUnavailable`, intOrString(ru.maxUnavailable), `may not be 0 when \`${surgeField}\` is 0`));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}

/** spec.selector never changes in apps/v1. */
export function validateImmutableSelector(next: unknown, old: unknown, path = 'spec.selector'): FieldError[] {
  const norm = (s: unknown) => JSON.stringify(isDict(s) ? { l: s.matchLabels ?? {}, e: s.matchExpressions ?? [] } : null);
  return norm(next) === norm(old) ? [] : [invalid(path, goLabelSelector(next), FIELD_IMMUTABLE)];
}
