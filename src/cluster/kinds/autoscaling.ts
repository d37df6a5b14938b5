import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { goSyntax, invalid, required } from '../apiserver/validation/field.js';
import { validateLabelSelector } from '../apiserver/validation/labels.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../apiserver/validation/workload.js';
import type { LabelSelector } from '../api/labels.js';
import { extendKind } from './registry.js';

/**
 * HorizontalPodAutoscalers (autoscaling/v2) and PodDisruptionBudgets (policy/v1).
 *
 * @see kubernetes/pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscaler
 * @see kubernetes/pkg/apis/autoscaling/validation/validation.go ValidateHorizontalPodAutoscalerSpec
 * @see kubernetes/pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec
 */
export function defaultHPA(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = isDict(spec.behavior) ? spec.behavior : (spec.behavior = {});
  const up = isDict(behavior.scaleUp) ? behavior.scaleUp : (behavior.scaleUp = {});
  up.stabilizationWindowSeconds ??= 0;
  up.selectPolicy ??= 'Max';
  up.policies ??= [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ];
  const down = isDict(behavior.scaleDown) ? behavior.scaleDown : (behavior.scaleDown = {});
  down.selectPolicy ??= 'Max';
  down.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
}

export function validateHPA(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to 1'));
  if (max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = isDict(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind'));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name'));
  return errs;
}

export function validatePDB(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid('spec', goSyntax('policy.PodDisruptionBudgetSpec{...}'), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (spec[f] === undefined) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`));
    errs.push(...isNotMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector as LabelSelector, 'spec.selector'));
  return errs;
}

extendKind('HorizontalPodAutoscaler', { applyDefaults: defaultHPA, validate: validateHPA }, 'autoscaling');
extendKind(
  'PodDisruptionBudget',
  { validate: validatePDB },
  'policy',
);
