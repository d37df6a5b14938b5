import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { forbidden, nonNegative, notSupported, stableJson } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validateImmutableSelector, validateSelectorAndTemplate } from '../apiserver/validation/workload.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * StatefulSets (apps/v1).
 *
 * @see kubernetes/pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet
 * @see kubernetes/pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec, ValidateStatefulSetUpdate
 */
export function defaultStatefulSet(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.podManagementPolicy ??= 'OrderedReady';
  const us = isDict(spec.updateStrategy) ? spec.updateStrategy : (spec.updateStrategy = {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = isDict(us.rollingUpdate) ? us.rollingUpdate : (us.rollingUpdate = {});
    ru.partition ??= 0;
  }
  const retention = isDict(spec.persistentVolumeClaimRetentionPolicy) ? spec.persistentVolumeClaimRetentionPolicy : (spec.persistentVolumeClaimRetentionPolicy = {});
  retention.whenDeleted ??= 'Retain';
  retention.whenScaled ??= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  if (Array.isArray(spec.volumeClaimTemplates)) {
    for (const t of spec.volumeClaimTemplates) {
      if (!isDict(t)) continue;
      // An embedded ObjectMeta: its zero creationTimestamp is serialised as null, as in
      // pod templates. Without it a patch (which drops nulls, as a typed decode does)
      // would look like a change to the claim templates, which are immutable.
      const meta = isDict(t.metadata) ? t.metadata : (t.metadata = {});
      if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
      const s = isDict(t.spec) ? t.spec : (t.spec = {});
      s.volumeMode ??= 'Filesystem';
      t.status ??= { phase: 'Pending' };
    }
  }
}

const UPDATABLE = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

export function validateStatefulSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  if (!['OrderedReady', 'Parallel'].includes(String(spec.podManagementPolicy))) {
    errs.push(notSupported('spec.podManagementPolicy', spec.podManagementPolicy ?? '', ['OrderedReady', 'Parallel']));
  }
  errs.push(...nonNegative(spec.replicas as number | undefined, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'statefulset', 'spec', { podSpec: false }));
  if (old) {
    const strip = (s: unknown) => {
      if (!isDict(s)) return '{}';
      const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = s;
      return stableJson(rest);
    };
    if (strip(spec) !== strip(old.spec)) errs.push(forbidden('spec', UPDATABLE));
    errs.push(...validateImmutableSelector(spec.selector, isDict(old.spec) ? old.spec.selector : undefined));
  }
  return errs;
}

extendKind('StatefulSet', { applyDefaults: defaultStatefulSet, validate: validateStatefulSet, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']) }, 'apps');
