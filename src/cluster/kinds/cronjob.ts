import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { invalid, notSupported, required } from '../apiserver/validation/field.js';
import { maxLenError, nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validatePodTemplateSpec } from '../apiserver/validation/pod-spec.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * CronJobs (batch/v1).
 *
 * @see kubernetes/pkg/apis/batch/v1/defaults.go SetDefaults_CronJob
 * @see kubernetes/pkg/apis/batch/validation/validation.go ValidateCronJobCreate, validateScheduleFormat
 */
export function defaultCronJob(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jt = isDict(spec.jobTemplate) ? spec.jobTemplate : undefined;
  if (jt) {
    const meta = isDict(jt.metadata) ? jt.metadata : (jt.metadata = {});
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
    if (isDict(jt.spec)) defaultPodTemplate(jt.spec.template);
  }
}

const FIELDS: [string, number, number, Record<string, number>?][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['dom', 1, 31],
  ['month', 1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  ['dow', 0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

/** robfig/cron's standard parser messages for a schedule. */
export function cronError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.startsWith('@')) {
    return ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s) || s.startsWith('@every ')
      ? undefined
      : `unrecognized descriptor: ${s}`;
  }
  const parts = s.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: ${s}`;
  for (let i = 0; i < 5; i++) {
    const [, lo, hi, names] = FIELDS[i];
    for (const expr of parts[i].split(',')) {
      const [rangeAndStep, step, ...extra] = expr.split('/');
      if (extra.length > 0) return `too many slashes: ${expr}`;
      const bounds = rangeAndStep === '*' || rangeAndStep === '?' ? [String(lo), String(hi)] : rangeAndStep.split('-');
      if (bounds.length > 2) return `too many hyphens: ${rangeAndStep}`;
      const nums: number[] = [];
      for (const b of bounds) {
        const n = names?.[b.toLowerCase()] ?? (/^\d+$/.test(b) ? Number(b) : NaN);
        if (Number.isNaN(n)) return `failed to parse int from ${b}: strconv.Atoi: parsing ${JSON.stringify(b)}: invalid syntax`;
        nums.push(n);
      }
      const start = nums[0];
      const end = nums[nums.length - 1];
      if (start < lo) return `beginning of range (${start}) below minimum (${lo}): ${expr}`;
      if (end > hi) return `end of range (${end}) above maximum (${hi}): ${expr}`;
      if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
      if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}: strconv.Atoi: parsing ${JSON.stringify(step)}: invalid syntax`;
      if (step === '0') return `step of range should be a positive number: ${expr}`;
    }
  }
  return undefined;
}

export function validateCronJob(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const name = obj.metadata.name ?? '';
  if (name.length > 52) errs.push(invalid('metadata.name', name, maxLenError(52)));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  if (!schedule) errs.push(required('spec.schedule'));
  else {
    const e = cronError(schedule);
    if (e) errs.push(invalid('spec.schedule', schedule, e));
  }
  if (!['Allow', 'Forbid', 'Replace'].includes(String(spec.concurrencyPolicy))) {
    errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy ?? '', ['Allow', 'Forbid', 'Replace']));
  }
  const jt = isDict(spec.jobTemplate) ? spec.jobTemplate : {};
  const jspec = isDict(jt.spec) ? jt.spec : {};
  errs.push(...validatePodTemplateSpec(jspec.template, 'spec.jobTemplate.spec.template'));
  const tspec = isDict(jspec.template) && isDict(jspec.template.spec) ? jspec.template.spec : {};
  if (tspec.restartPolicy !== 'OnFailure' && tspec.restartPolicy !== 'Never') {
    errs.push(notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', tspec.restartPolicy ?? '', ['OnFailure', 'Never']));
  }
  return errs;
}

extendKind('CronJob', { applyDefaults: defaultCronJob, validate: validateCronJob, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'jobTemplate', 'spec', 'template']) }, 'batch');
