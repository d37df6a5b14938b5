import { isDict, type KubeObject } from '../../api/meta.js';
import type { ObjectStore } from '../../store/object-store.js';
import type { AdmissionPlugin } from '../api-server.js';

const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];
export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/**
 * The default StorageClass: annotated `storageclass.kubernetes.io/is-default-class`
 * (or the beta annotation) `"true"`; with several, the newest, then by name.
 *
 * @see kubernetes/pkg/volume/util/storageclass.go GetDefaultClass
 */
export function defaultStorageClass(store: Pick<ObjectStore, 'list'>): KubeObject | undefined {
  const defaults = store
    .list('storageclasses.storage.k8s.io')
    .filter((sc) => DEFAULT_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true'));
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? 1 : -1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
  return defaults[0];
}

/**
 * DefaultStorageClass: a claim created with no class (storageClassName unset,
 * not "", and no beta class annotation) gets the default class, if there is one.
 *
 * @see kubernetes/plugin/pkg/admission/storage/storageclass/setdefault/admission.go
 */
export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  phase: 'mutating',
  admit(req) {
    if (req.operation !== 'CREATE' || req.def.kind !== 'PersistentVolumeClaim' || req.def.group !== '') return undefined;
    const pvc = req.object;
    if (pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined) return undefined;
    const spec = isDict(pvc.spec) ? pvc.spec : undefined;
    if (!spec || (spec.storageClassName !== undefined && spec.storageClassName !== null)) return undefined;
    const sc = defaultStorageClass(req.api.store);
    if (sc?.metadata.name) spec.storageClassName = sc.metadata.name;
    return undefined;
  },
};
