import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { nonNegative, notSupported, required } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validateImmutableSelector, validateRollingUpdate, validateSelectorAndTemplate } from '../apiserver/validation/workload.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * DaemonSets (apps/v1).
 *
 * @see kubernetes/pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet
 * @see kubernetes/pkg/apis/apps/validation/validation.go ValidateDaemonSetSpec
 */
export function defaultDaemonSet(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  const us = isDict(spec.updateStrategy) ? spec.updateStrategy : (spec.updateStrategy = {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = isDict(us.rollingUpdate) ? us.rollingUpdate : (us.rollingUpdate = {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
}

export function validateDaemonSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...validateSelectorAndTemplate(spec, 'daemonset'));
  errs.push(...nonNegative(spec.minReadySeconds as number | undefined, 'spec.minReadySeconds'));
  const us = isDict(spec.updateStrategy) ? spec.updateStrategy : {};
  if (us.type === 'RollingUpdate') {
    if (!isDict(us.rollingUpdate)) errs.push(required('spec.updateStrategy.rollingUpdate'));
    else errs.push(...validateRollingUpdate(us.rollingUpdate, 'spec.updateStrategy.rollingUpdate'));
  } else if (us.type !== 'OnDelete') {
    errs.push(notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit as number | undefined, 'spec.revisionHistoryLimit'));
  if (old) errs.push(...validateImmutableSelector(spec.selector, isDict(old.spec) ? old.spec.selector : undefined));
  return errs;
}

extendKind('DaemonSet', { applyDefaults: defaultDaemonSet, validate: validateDaemonSet, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']) }, 'apps');
