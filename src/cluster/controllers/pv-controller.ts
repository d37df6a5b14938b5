/**
 * The PersistentVolume binder: binds claims to matching volumes (class,
 * access modes, volume mode, size, selector), provisions volumes for
 * classes with a provisioner (immediately, or once the scheduler picked a
 * node for WaitForFirstConsumer), reports why a claim stays Pending with the
 * controller's events (re-checked every 15 s), and releases or deletes
 * volumes whose claim is gone.
 *
 * @see k8s.io/kubernetes/pkg/controller/volume/persistentvolume/pv_controller.go
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import { intValue } from '../api/quantity.js';
import { BETA_CLASS_ANNOTATION, defaultStorageClass } from '../apiserver/admission/default-storage-class.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { onStore, splitKey, WorkQueue } from './util.js';

export const PV_CONTROLLER = 'persistentvolume-controller';
const RESYNC_MS = 15_000;
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

interface PVCSpec {
  accessModes?: string[];
  resources?: { requests?: { storage?: string } };
  storageClassName?: string;
  volumeName?: string;
  volumeMode?: string;
  selector?: LabelSelector;
}

interface PVSpec {
  accessModes?: string[];
  capacity?: { storage?: string };
  storageClassName?: string;
  volumeMode?: string;
  claimRef?: { name: string; namespace: string; uid?: string };
  persistentVolumeReclaimPolicy?: string;
}

function pvcSpec(o: KubeObject): PVCSpec {
  return (o.spec ?? {}) as PVCSpec;
}
function pvSpec(o: KubeObject): PVSpec {
  return (o.spec ?? {}) as PVSpec;
}
function phaseOf(o: KubeObject): string | undefined {
  return (o.status as { phase?: string } | undefined)?.phase;
}

/** The smallest available volume that satisfies the claim (findBestMatchForClaim). */
export function findMatchingVolume(
  pvc: KubeObject,
  pvs: readonly KubeObject[],
): KubeObject | undefined {
  const spec = pvcSpec(pvc);
  const want = intValue(spec.resources?.requests?.storage ?? '0');
  const cls = spec.storageClassName ?? '';
  let best: KubeObject | undefined;
  for (const pv of pvs) {
    const s = pvSpec(pv);
    if (pv.metadata.deletionTimestamp) continue;
    if (
      s.claimRef &&
      !(
        s.claimRef.name === pvc.metadata.name &&
        s.claimRef.namespace === pvc.metadata.namespace &&
        (!s.claimRef.uid || s.claimRef.uid === pvc.metadata.uid)
      )
    )
      continue;
    if (!s.claimRef && phaseOf(pv) && phaseOf(pv) !== 'Available' && phaseOf(pv) !== 'Pending')
      continue;
    if ((s.storageClassName ?? '') !== cls) continue;
    if ((s.volumeMode ?? 'Filesystem') !== (spec.volumeMode ?? 'Filesystem')) continue;
    if (!(spec.accessModes ?? []).every((m) => (s.accessModes ?? []).includes(m))) continue;
    const size = intValue(s.capacity?.storage ?? '0');
    if (size < want) continue;
    if (spec.selector && !labelSelectorMatches(spec.selector, pv.metadata.labels)) continue;
    if (s.claimRef) return pv; // pre-bound
    if (!best || size < intValue(pvSpec(best).capacity?.storage ?? '0')) best = pv;
  }
  return best;
}

export function installPersistentVolumeController(sim: Simulation): void {
  const claims = new WorkQueue(sim, PV_CONTROLLER);
  const volumes = new Set<string>();
  onStore(
    sim,
    ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io'],
    (e) => {
      if (e.resource === 'persistentvolumeclaims') {
        if (e.type === 'DELETED') {
          const v = pvcSpec(e.object).volumeName;
          if (v) volumes.add(v);
        } else claims.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      } else if (e.resource === 'persistentvolumes') {
        if (e.type !== 'DELETED') volumes.add(e.object.metadata.name!);
        for (const c of sim.store.list('persistentvolumeclaims'))
          if (phaseOf(c) !== 'Bound') claims.add(`${c.metadata.namespace}/${c.metadata.name}`);
      } else {
        for (const c of sim.store.list('persistentvolumeclaims'))
          if (phaseOf(c) !== 'Bound') claims.add(`${c.metadata.namespace}/${c.metadata.name}`);
      }
      sim.requeue(PV_CONTROLLER);
    },
  );
  sim.addController({
    name: PV_CONTROLLER,
    watches: [],
    reconcile: () => {
      for (const name of [...volumes].sort()) {
        volumes.delete(name);
        syncVolume(sim, name);
      }
      claims.each((key) => {
        const requeue = syncClaim(sim, key);
        if (requeue) claims.addAfter(key, RESYNC_MS);
      });
    },
  });
}

/**
 * Retroactive default StorageClass assignment (GA in v1.28): an unbound claim
 * whose storageClassName is unset (nil, not "") and has no beta class
 * annotation gets the default class; the update re-queues the claim.
 *
 * @see kubernetes/pkg/controller/volume/persistentvolume/pv_controller.go assignDefaultStorageClass
 */
function assignDefaultStorageClass(sim: Simulation, ns: string, name: string): boolean {
  const pvc = sim.store.get('persistentvolumeclaims', ns, name);
  if (!pvc || pvcSpec(pvc).storageClassName !== undefined) return false;
  if (pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined) return false;
  const sc = defaultStorageClass(sim.store);
  if (!sc) return false;
  const r = sim.api.update({
    ...pvc,
    spec: { ...(pvc.spec as object), storageClassName: sc.metadata.name },
  });
  return r.ok;
}

/** Returns true when the claim should be looked at again after the resync period. */
function syncClaim(sim: Simulation, key: string): boolean {
  const [ns, name] = splitKey(key);
  const pvc = sim.store.get('persistentvolumeclaims', ns, name);
  if (!pvc || pvc.metadata.deletionTimestamp) return false;
  const spec = pvcSpec(pvc);
  const rec = (
    type: 'Normal' | 'Warning',
    reason: string,
    msg: string,
    component = PV_CONTROLLER,
  ) => sim.events.record(pvc, type, reason, msg, { component });
  if (spec.volumeName) {
    const pv = sim.store.get('persistentvolumes', '', spec.volumeName);
    if (!pv) {
      if (phaseOf(pvc) !== 'Lost') {
        sim.api.updateStatus({ ...pvc, status: { phase: 'Lost' } });
        rec(
          'Warning',
          'ClaimLost',
          'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
        );
      }
      return false;
    }
    if (phaseOf(pvc) !== 'Bound') bind(sim, pvc, pv, false);
    return false;
  }
  if (phaseOf(pvc) !== 'Pending') sim.api.updateStatus({ ...pvc, status: { phase: 'Pending' } });
  const match = findMatchingVolume(pvc, sim.store.list('persistentvolumes'));
  const className = spec.storageClassName ?? '';
  const sc = className ? sim.store.get('storageclasses.storage.k8s.io', '', className) : undefined;
  const wffc =
    (sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode ===
    'WaitForFirstConsumer';
  const selectedNode = pvc.metadata.annotations?.[SELECTED_NODE];
  if (match && (!wffc || selectedNode)) {
    bind(sim, sim.store.get('persistentvolumeclaims', ns, name)!, match, true);
    return false;
  }
  if (!match && assignDefaultStorageClass(sim, ns, name)) return false;
  if (!className) {
    rec(
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
    );
    return true;
  }
  if (!sc) {
    rec('Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return true;
  }
  if (wffc && !selectedNode) {
    rec(
      'Normal',
      'WaitForFirstConsumer',
      'waiting for first consumer to be created before binding',
    );
    return true;
  }
  const provisioner = (sc as { provisioner?: string }).provisioner ?? '';
  if (!provisioner || provisioner === 'kubernetes.io/no-provisioner') {
    rec(
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
    );
    return true;
  }
  provision(
    sim,
    sim.store.get('persistentvolumeclaims', ns, name)!,
    sc!,
    provisioner,
    selectedNode,
  );
  return false;
}

function provision(
  sim: Simulation,
  pvc: KubeObject,
  sc: KubeObject,
  provisioner: string,
  node: string | undefined,
): void {
  const ns = pvc.metadata.namespace!;
  const name = pvc.metadata.name!;
  sim.events.record(
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    { component: PV_CONTROLLER },
  );
  const annotated = cloneJson(pvc);
  annotated.metadata.annotations = {
    ...(annotated.metadata.annotations ?? {}),
    'volume.beta.kubernetes.io/storage-provisioner': provisioner,
    'volume.kubernetes.io/storage-provisioner': provisioner,
  };
  const upd = sim.api.update(annotated);
  const cur = upd.ok ? upd.value : pvc;
  const source = { component: `${provisioner}_${provisioner.split('/').pop()}-provisioner` };
  sim.events.record(
    cur,
    'Normal',
    'Provisioning',
    `External provisioner is provisioning volume for claim "${ns}/${name}"`,
    source,
  );
  const spec = pvcSpec(cur);
  const pvName = `pvc-${cur.metadata.uid}`;
  const local = provisioner === 'rancher.io/local-path';
  const pv: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: {
        'pv.kubernetes.io/provisioned-by': provisioner,
        ...(local && node ? { 'local.path.provisioner/selected-node': node } : {}),
      },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name,
        namespace: ns,
        resourceVersion: cur.metadata.resourceVersion,
        uid: cur.metadata.uid,
      },
      ...(local
        ? {
            hostPath: {
              path: `/opt/local-path-provisioner/${pvName}_${ns}_${name}`,
              type: 'DirectoryOrCreate',
            },
          }
        : { csi: { driver: provisioner, volumeHandle: cur.metadata.uid } }),
      ...(node
        ? {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [
                      { key: 'kubernetes.io/hostname', operator: 'In', values: [node] },
                    ],
                  },
                ],
              },
            },
          }
        : {}),
      persistentVolumeReclaimPolicy: (sc as { reclaimPolicy?: string }).reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: spec.volumeMode ?? 'Filesystem',
    },
  };
  const res = sim.api.create(pv);
  if (!res.ok) {
    sim.events.record(
      cur,
      'Warning',
      'ProvisioningFailed',
      `failed to provision volume with StorageClass "${sc.metadata.name}": ${res.error.message}`,
      source,
    );
    return;
  }
  sim.events.record(
    cur,
    'Normal',
    'ProvisioningSucceeded',
    `Successfully provisioned volume ${pvName}`,
    source,
  );
  bind(sim, sim.store.get('persistentvolumeclaims', ns, name)!, res.value, true);
}

function bind(sim: Simulation, pvc: KubeObject, pv: KubeObject, byController: boolean): void {
  const now = rfc3339(sim.now());
  // The volume first: claimRef and phase Bound.
  const v = cloneJson(pv);
  const vs = pvSpec(v) as PVSpec & { claimRef?: Record<string, unknown> };
  if (!vs.claimRef || !vs.claimRef.uid) {
    vs.claimRef = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: pvc.metadata.name!,
      namespace: pvc.metadata.namespace!,
      resourceVersion: pvc.metadata.resourceVersion,
      uid: pvc.metadata.uid,
    } as PVSpec['claimRef'];
    if (byController)
      v.metadata.annotations = {
        ...(v.metadata.annotations ?? {}),
        'pv.kubernetes.io/bound-by-controller': 'yes',
      };
  }
  v.spec = vs;
  const pr = sim.api.update(v);
  const bound = pr.ok ? pr.value : pv;
  sim.api.updateStatus({ ...bound, status: { lastPhaseTransitionTime: now, phase: 'Bound' } });
  // Then the claim.
  const c = cloneJson(pvc);
  (c.spec as PVCSpec).volumeName = pv.metadata.name;
  c.metadata.annotations = {
    ...(c.metadata.annotations ?? {}),
    'pv.kubernetes.io/bind-completed': 'yes',
    ...(byController ? { 'pv.kubernetes.io/bound-by-controller': 'yes' } : {}),
  };
  const cr = sim.api.update(c);
  const claim = cr.ok ? cr.value : pvc;
  sim.api.updateStatus({
    ...claim,
    status: {
      accessModes: pvSpec(pv).accessModes ?? [],
      capacity: { storage: pvSpec(pv).capacity?.storage ?? '0' },
      phase: 'Bound',
    },
  });
}

function syncVolume(sim: Simulation, name: string): void {
  const pv = sim.store.get('persistentvolumes', '', name);
  if (!pv || pv.metadata.deletionTimestamp) return;
  const now = rfc3339(sim.now());
  const ref = pvSpec(pv).claimRef;
  const phase = phaseOf(pv);
  if (!ref) {
    if (phase !== 'Available')
      sim.api.updateStatus({ ...pv, status: { lastPhaseTransitionTime: now, phase: 'Available' } });
    return;
  }
  const claim = sim.store.get('persistentvolumeclaims', ref.namespace, ref.name);
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return;
  if (!ref.uid) return; // pre-bound to a claim that does not exist yet
  // The claim is gone.
  if (phase === 'Released' || phase === 'Failed') return;
  if ((pvSpec(pv).persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
    sim.api.delete(kindByResourceKey('persistentvolumes')!, '', name);
    const cur = sim.store.get('persistentvolumes', '', name);
    if (cur?.metadata.finalizers?.includes('kubernetes.io/pv-protection'))
      sim.api.finalize(kindByResourceKey('persistentvolumes')!, '', name);
    return;
  }
  sim.api.updateStatus({ ...pv, status: { lastPhaseTransitionTime: now, phase: 'Released' } });
}

export const EPHEMERAL_VOLUME_CONTROLLER = 'ephemeral-volume-controller';

/**
 * Generic ephemeral volumes: a claim `<pod>-<volume>` from each
 * `ephemeral.volumeClaimTemplate`, owned by the pod (so it goes with it).
 *
 * @see k8s.io/kubernetes/pkg/controller/volume/ephemeral/controller.go
 */
export function installEphemeralVolumeController(sim: Simulation): void {
  const queue = new WorkQueue(sim, EPHEMERAL_VOLUME_CONTROLLER);
  onStore(sim, ['pods'], (e) => {
    if (e.type !== 'ADDED') return;
    const vols = (e.object.spec as { volumes?: { ephemeral?: unknown }[] }).volumes ?? [];
    if (vols.some((v) => v.ephemeral))
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
  });
  sim.addController({
    name: EPHEMERAL_VOLUME_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        const [ns, name] = splitKey(key);
        const pod = sim.store.get('pods', ns, name);
        if (!pod || pod.metadata.deletionTimestamp) return;
        const vols =
          (
            pod.spec as {
              volumes?: {
                name: string;
                ephemeral?: {
                  volumeClaimTemplate?: {
                    metadata?: {
                      labels?: Record<string, string>;
                      annotations?: Record<string, string>;
                    };
                    spec?: unknown;
                  };
                };
              }[];
            }
          ).volumes ?? [];
        for (const v of vols) {
          const tmpl = v.ephemeral?.volumeClaimTemplate;
          if (!tmpl) continue;
          const claimName = `${name}-${v.name}`;
          if (sim.store.get('persistentvolumeclaims', ns, claimName)) continue;
          const res = sim.api.create({
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: {
              name: claimName,
              namespace: ns,
              ...(tmpl.metadata?.labels ? { labels: cloneJson(tmpl.metadata.labels) } : {}),
              ...(tmpl.metadata?.annotations
                ? { annotations: cloneJson(tmpl.metadata.annotations) }
                : {}),
              ownerReferences: [
                {
                  apiVersion: 'v1',
                  kind: 'Pod',
                  name,
                  uid: pod.metadata.uid!,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: cloneJson(tmpl.spec ?? {}),
          });
          if (!res.ok)
            sim.events.record(
              pod,
              'Warning',
              'FailedCreate',
              `error creating PVC ${claimName}: ${res.error.message}`,
              { component: EPHEMERAL_VOLUME_CONTROLLER },
            );
        }
      });
    },
  });
}
