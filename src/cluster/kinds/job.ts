import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { FIELD_IMMUTABLE, goSyntax, invalid, nonNegative, notSupported, required, stableJson } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validateLabelSelector } from '../apiserver/validation/labels.js';
import { validateTemplateForSelector } from '../apiserver/validation/workload.js';
import type { LabelSelector } from '../api/labels.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * Jobs (batch/v1): defaults, the generated controller-uid selector and
 * labels, and validation.
 *
 * @see kubernetes/pkg/apis/batch/v1/defaults.go SetDefaults_Job
 * @see kubernetes/pkg/registry/batch/job/strategy.go generateSelector
 * @see kubernetes/pkg/apis/batch/validation/validation.go ValidateJobSpec, ValidateJobSpecUpdate
 */
export function defaultJobSpec(spec: Record<string, unknown>): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplate(spec.template);
}

export function defaultJob(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  defaultJobSpec(spec);
  if (spec.selector === undefined && spec.manualSelector !== true && obj.metadata.uid && isDict(spec.template)) {
    generateSelector(obj, spec);
  }
  const tmplLabels = isDict(spec.template) && isDict(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  if (isDict(tmplLabels) && Object.keys(obj.metadata.labels ?? {}).length === 0) {
    obj.metadata.labels = { ...(tmplLabels as Record<string, string>) };
  }
}

function generateSelector(obj: KubeObject, spec: Record<string, unknown>): void {
  const template = spec.template as Record<string, unknown>;
  const meta = isDict(template.metadata) ? template.metadata : (template.metadata = {});
  const labels = (isDict(meta.labels) ? meta.labels : (meta.labels = {})) as Record<string, string>;
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  labels['job-name'] ??= name;
  labels['batch.kubernetes.io/job-name'] ??= name;
  labels['controller-uid'] ??= uid;
  labels['batch.kubernetes.io/controller-uid'] ??= uid;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}

export function validateJobSpec(spec: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    errs.push(...nonNegative(spec[f] as number | undefined, `${path}.${f}`));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be greater than 0'));
  }
  if (!['NonIndexed', 'Indexed'].includes(String(spec.completionMode))) {
    errs.push(notSupported(`${path}.completionMode`, spec.completionMode ?? '', ['NonIndexed', 'Indexed']));
  }
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
    errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  if (spec.selector === undefined) errs.push(required(`${path}.selector`));
  else errs.push(...validateLabelSelector(spec.selector as LabelSelector, `${path}.selector`));
  errs.push(...validateTemplateForSelector(spec.template, isDict(spec.selector) ? (spec.selector as LabelSelector) : undefined, `${path}.template`, false));
  const tspec = isDict(spec.template) && isDict(spec.template.spec) ? spec.template.spec : {};
  if (tspec.restartPolicy !== 'OnFailure' && tspec.restartPolicy !== 'Never') {
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, tspec.restartPolicy ?? '', ['OnFailure', 'Never']));
  }
  return errs;
}

export function validateJob(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...validateJobSpec(spec, 'spec'));
  if (old) {
    const oldSpec = isDict(old.spec) ? old.spec : {};
    if (stableJson(spec.selector) !== stableJson(oldSpec.selector)) errs.push(invalid('spec.selector', goSyntax('&v1.LabelSelector{...}'), FIELD_IMMUTABLE));
    if (stableJson(spec.template) !== stableJson(oldSpec.template)) {
      errs.push(invalid('spec.template', goSyntax('core.PodTemplateSpec{...}'), FIELD_IMMUTABLE));
    }
    if (spec.completionMode !== oldSpec.completionMode) errs.push(invalid('spec.completionMode', spec.completionMode, FIELD_IMMUTABLE));
    if (spec.completions !== oldSpec.completions && !(spec.completionMode === 'Indexed' && spec.completions === spec.parallelism)) {
      errs.push(invalid('spec.completions', spec.completions, FIELD_IMMUTABLE));
    }
  }
  return errs;
}

extendKind('Job', { applyDefaults: defaultJob, validate: validateJob, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']) }, 'batch');
