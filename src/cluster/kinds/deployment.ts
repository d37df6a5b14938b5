import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { forbidden, goSyntax, invalid, nonNegative, notSupported, required } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validateImmutableSelector, validateRollingUpdate, validateSelectorAndTemplate } from '../apiserver/validation/workload.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * Deployments (apps/v1).
 *
 * @see kubernetes/pkg/apis/apps/v1/defaults.go SetDefaults_Deployment
 * @see kubernetes/pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, ValidateDeploymentStrategy
 */
export function defaultDeployment(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.replicas ??= 1;
  const strategy = isDict(spec.strategy) ? spec.strategy : (spec.strategy = {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = isDict(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}

export function validateDeployment(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...nonNegative(spec.replicas as number | undefined, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'deployment'));
  const strategy = isDict(spec.strategy) ? spec.strategy : {};
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined) {
      errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (strategy.type === 'RollingUpdate') {
    if (!isDict(strategy.rollingUpdate)) errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else errs.push(...validateRollingUpdate(strategy.rollingUpdate, 'spec.strategy.rollingUpdate'));
  } else {
    errs.push(
      notSupported('spec.strategy', goSyntax(`apps.DeploymentStrategy{Type:${JSON.stringify(String(strategy.type ?? ''))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`), ['Recreate', 'RollingUpdate']),
    );
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  errs.push(...nonNegative(minReady, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit as number | undefined, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= minReady) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  if (old) errs.push(...validateImmutableSelector(spec.selector, isDict(old.spec) ? old.spec.selector : undefined));
  return errs;
}

extendKind('Deployment', { applyDefaults: defaultDeployment, validate: validateDeployment, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']) }, 'apps');
