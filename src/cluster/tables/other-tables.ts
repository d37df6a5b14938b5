import type { Event, PersistentVolume, PersistentVolumeClaim, ResourceQuota, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { RoleBinding } from 'kubernetes-types/rbac/v1.js';
import type { KubeObject } from '../api/meta.js';
import { cols, type TableHandler } from './types.js';
import { rfc3339Utc, timeOf, translateTimestampSince, humanDuration } from './format.js';

const age = (obj: KubeObject, now: number) => translateTimestampSince(obj.metadata.creationTimestamp, now);
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** @see printers.go printNamespace */
export const namespaceTable: TableHandler = {
  columns: cols('Name', 'Status', 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', String(rec(obj.status).phase ?? ''), age(obj, now)],
};

/** @see printers.go printConfigMap */
export const configMapTable: TableHandler = {
  columns: cols('Name', ['Data', 0], 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', Object.keys(rec(obj.data)).length + Object.keys(rec(obj.binaryData)).length, age(obj, now)],
};

/** @see printers.go printSecret */
export const secretTable: TableHandler = {
  columns: cols('Name', 'Type', 'Data', 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', String(obj.type ?? ''), Object.keys(rec(obj.data)).length, age(obj, now)],
};

/** @see printers.go printServiceAccount */
export const serviceAccountTable: TableHandler = {
  columns: cols('Name', 'Secrets', 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', ((obj as unknown as ServiceAccount).secrets ?? []).length, age(obj, now)],
};

/** @see printers.go printResourceQuota */
export const resourceQuotaTable: TableHandler = {
  columns: cols('Name', 'Request', 'Limit', 'Age'),
  row: (obj, now) => {
    const q = obj as unknown as ResourceQuota;
    const hard = (q.status?.hard ?? {}) as Record<string, string>;
    const used = (q.status?.used ?? {}) as Record<string, string>;
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const pieces = r.split('.');
      const text = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      if (pieces.length > 1 && pieces[0] === 'limits') lim.push(text);
      else req.push(text);
    }
    return [obj.metadata.name ?? '', req.join(', '), lim.join(', '), age(obj, now)];
  },
};

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** helper.GetAccessModesAsString: `RWO,ROX,RWX,RWOP` in that order, de-duplicated. */
export function accessModesString(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  return ACCESS_MODES.filter(([full]) => m.has(full))
    .map(([, short]) => short)
    .join(',');
}

/** @see printers.go printPersistentVolume */
export const persistentVolumeTable: TableHandler = {
  columns: cols('Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', ['VolumeMode', 1]),
  row: (obj, now) => {
    const pv = obj as unknown as PersistentVolume;
    const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : '';
    const storageClass = pv.spec?.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    return [
      obj.metadata.name ?? '',
      String((pv.spec?.capacity as Record<string, string> | undefined)?.storage ?? '0'),
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      obj.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      claim,
      storageClass,
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(obj, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** @see printers.go printPersistentVolumeClaim */
export const persistentVolumeClaimTable: TableHandler = {
  columns: cols('Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', ['VolumeMode', 1]),
  row: (obj, now) => {
    const pvc = obj as unknown as PersistentVolumeClaim;
    let capacity = '';
    let modes = '';
    if (pvc.spec?.volumeName) {
      modes = accessModesString(pvc.status?.accessModes);
      capacity = String((pvc.status?.capacity as Record<string, string> | undefined)?.storage ?? '0');
    }
    const storageClass = pvc.spec?.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    return [
      obj.metadata.name ?? '',
      obj.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      capacity,
      modes,
      storageClass,
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(obj, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** @see printers.go printStorageClass */
export const storageClassTable: TableHandler = {
  columns: cols('Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', ['AllowVolumeExpansion', 0, 'boolean'], 'Age'),
  row: (obj, now) => {
    const sc = obj as unknown as StorageClass;
    const ann = obj.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      (obj.metadata.name ?? '') + (isDefault ? ' (default)' : ''),
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      age(obj, now),
    ];
  },
};

/** @see printers.go printPriorityClass */
export const priorityClassTable: TableHandler = {
  columns: cols('Name', ['Value', 0, 'integer'], ['Global-Default', 0, 'boolean'], 'Age', ['PreemptionPolicy', 1]),
  row: (obj, now) => {
    const pc = obj as unknown as PriorityClass;
    return [obj.metadata.name ?? '', pc.value ?? 0, pc.globalDefault ?? false, age(obj, now), pc.preemptionPolicy ?? ''];
  },
};

/** @see printers.go printLease */
export const leaseTable: TableHandler = {
  columns: cols('Name', 'Holder', 'Age'),
  row: (obj, now) => [obj.metadata.name ?? '', (obj as unknown as Lease).spec?.holderIdentity ?? '', age(obj, now)],
};

/** rbac.SubjectsStrings: users, groups, `namespace/name` service accounts. */
function subjectsStrings(rb: RoleBinding): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of rb.subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

/** @see printers.go printRoleBinding / printClusterRoleBinding */
export const roleBindingTable: TableHandler = {
  columns: cols('Name', 'Role', 'Age', ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]),
  row: (obj, now) => {
    const rb = obj as unknown as RoleBinding;
    return [obj.metadata.name ?? '', `${rb.roleRef?.kind ?? ''}/${rb.roleRef?.name ?? ''}`, age(obj, now), ...subjectsStrings(rb)];
  },
};

/** @see printers.go printControllerRevision */
export const controllerRevisionTable: TableHandler = {
  columns: cols('Name', 'Controller', 'Revision', 'Age'),
  row: (obj, now) => {
    const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const slash = ref.apiVersion.indexOf('/');
      const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [obj.metadata.name ?? '', controller, Number(obj.revision ?? 0), age(obj, now)];
  },
};

/** formatEventSource: `component, host`, falling back to reportingController/Instance. */
export function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** LAST SEEN / FIRST SEEN / COUNT of a core/v1 Event (Series aware). */
export function eventTimes(ev: Event, now: number): { last: string; first: string; count: number } {
  let first = translateTimestampSince(ev.firstTimestamp, now);
  if (timeOf(ev.firstTimestamp) === undefined) first = translateTimestampSince(ev.eventTime, now);
  let last = translateTimestampSince(ev.lastTimestamp, now);
  if (timeOf(ev.lastTimestamp) === undefined) last = first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) count = 1;
  return { last, first, count };
}

/**
 * `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, wide
 * SUBOBJECT SOURCE (before MESSAGE) and FIRST SEEN COUNT NAME (after).
 *
 * @see printers.go printEvent
 */
export const eventTable: TableHandler = {
  columns: [
    ...cols('Last Seen', 'Type', 'Reason', 'Object', ['Subobject', 1], ['Source', 1], 'Message', ['First Seen', 1], ['Count', 1]),
    { name: 'Name', type: 'string', format: 'name', priority: 1 },
  ],
  row: (obj, now) => {
    const ev = obj as unknown as Event;
    const t = eventTimes(ev, now);
    const io = ev.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return [t.last, ev.type ?? '', ev.reason ?? '', target, io.fieldPath ?? '', formatEventSource(ev), (ev.message ?? '').trim(), t.first, t.count, obj.metadata.name ?? ''];
  },
};

/**
 * Kinds without a printer get the API server's default table: NAME and
 * CREATED AT (RFC 3339, UTC).
 *
 * @see k8s.io/apiserver/pkg/registry/rest/table.go defaultTableConvertor
 */
export const defaultTable: TableHandler = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', priority: 0 },
    { name: 'Created At', type: 'date', format: '', priority: 0 },
  ],
  row: (obj) => [obj.metadata.name ?? '', rfc3339Utc(obj.metadata.creationTimestamp)],
};

export { humanDuration };
