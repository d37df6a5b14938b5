import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { forbidden, notSupported, required, stableJson } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { canonicalizeResourceList } from './pod-defaults.js';
import { extendKind } from './registry.js';

/**
 * PersistentVolumeClaims, PersistentVolumes and StorageClasses.
 *
 * @see kubernetes/pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaim, SetDefaults_PersistentVolume
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate
 */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: unknown, path: string): FieldError[] {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  list.forEach((m) => {
    if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported(path, m, ACCESS_MODES));
  });
  return errs;
}

export function validatePVC(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const requests = isDict(spec.resources) && isDict(spec.resources.requests) ? spec.resources.requests : {};
  if (requests.storage === undefined && !isDict(spec.dataSourceRef)) errs.push(required('spec.resources[storage]'));
  if (!['Filesystem', 'Block'].includes(String(spec.volumeMode))) errs.push(notSupported('spec.volumeMode', spec.volumeMode ?? '', ['Block', 'Filesystem']));
  if (old) {
    const strip = (s: unknown) => {
      if (!isDict(s)) return '{}';
      const { resources: _r, volumeAttributesClassName: _v, volumeName, ...rest } = s;
      return stableJson({ ...rest, volumeName: volumeName ?? '' });
    };
    const oldSpec = isDict(old.spec) ? old.spec : {};
    const volumeNameSetOnce = !oldSpec.volumeName && typeof spec.volumeName === 'string';
    // A class may be set on a claim that had none (nil, not ""), for the retroactive default
    // StorageClass assignment; a beta class annotation, if any, must agree.
    // @see kubernetes/pkg/apis/core/validation/validation.go validateStorageClassUpgradeFromNil
    const oldBeta = old.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
    const classFromNil =
      oldSpec.storageClassName === undefined &&
      typeof spec.storageClassName === 'string' &&
      (oldBeta === undefined || oldBeta === spec.storageClassName);
    const next: Dict = { ...spec, volumeName: volumeNameSetOnce ? '' : spec.volumeName };
    if (classFromNil) delete next.storageClassName;
    const sameExceptName = strip(next) === strip(oldSpec);
    if (!sameExceptName) {
      errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    }
  }
  return errs;
}

export function validatePV(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const cap = isDict(spec.capacity) ? spec.capacity : {};
  if (cap.storage === undefined) errs.push(required('spec.capacity'));
  const policy = String(spec.persistentVolumeReclaimPolicy ?? '');
  if (!['Delete', 'Recycle', 'Retain'].includes(policy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  return errs;
}

extendKind(
  'PersistentVolumeClaim',
  {
    applyDefaults(obj) {
      const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
      spec.volumeMode ??= 'Filesystem';
      if (isDict(spec.resources)) {
        canonicalizeResourceList(spec.resources.requests);
        canonicalizeResourceList(spec.resources.limits);
      }
      if (!isDict(obj.status)) obj.status = { phase: 'Pending' };
      else obj.status.phase ??= 'Pending';
    },
    validate: validatePVC,
  },
  '',
);

extendKind(
  'PersistentVolume',
  {
    applyDefaults(obj) {
      const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      canonicalizeResourceList(spec.capacity);
      spec.volumeMode ??= 'Filesystem';
      if (!isDict(obj.status)) obj.status = { phase: 'Pending' };
      else obj.status.phase ??= 'Pending';
    },
    validate: validatePV,
  },
  '',
);

extendKind(
  'StorageClass',
  {
    applyDefaults(obj) {
      obj.reclaimPolicy ??= 'Delete';
      obj.volumeBindingMode ??= 'Immediate';
    },
    validate: (obj, old) => {
      const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
      errs.push(...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain));
      if (!obj.provisioner) errs.push(required('provisioner'));
      return errs;
    },
  },
  'storage.k8s.io',
);
