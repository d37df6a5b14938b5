/**
 * The VolumeBinding plugin, reduced to what the simulation models: a pod's
 * PersistentVolumeClaims must exist, not be terminating, and be bound unless
 * their StorageClass waits for the first consumer; a bound volume's node
 * affinity must match the node.
 *
 * @see k8s.io/kubernetes/pkg/scheduler/framework/plugins/volumebinding
 */
import type { KubeObject } from '../api/meta.js';
import type { ObjectStore } from '../store/object-store.js';
import { nodeSelectorTermMatches, type Verdict } from './plugins.js';

export const VOLUME_REASONS = {
  unboundImmediate: 'pod has unbound immediate PersistentVolumeClaims',
  nodeConflict: 'node(s) had volume node affinity conflict',
  noPV: "node(s) didn't find available persistent volumes to bind",
} as const;

export interface VolumeState {
  /** A PreFilter rejection (the whole pod), e.g. `pod has unbound immediate PersistentVolumeClaims`. */
  preFilterMsg?: string;
  /** Bound volumes whose node affinity must match. */
  boundPVs: KubeObject[];
  /** Claims waiting for this pod to choose a node (WaitForFirstConsumer). */
  delayed: KubeObject[];
}

function claimNames(pod: KubeObject): string[] {
  const vols = ((pod.spec as { volumes?: { persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown; name: string }[] }).volumes ?? []);
  const out: string[] = [];
  for (const v of vols) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

export function storageClassOf(store: ObjectStore, pvc: KubeObject): KubeObject | undefined {
  const name = (pvc.spec as { storageClassName?: string }).storageClassName;
  return name ? store.get('storageclasses.storage.k8s.io', '', name) : undefined;
}

export function volumePreFilter(pod: KubeObject, store: ObjectStore): VolumeState {
  const state: VolumeState = { boundPVs: [], delayed: [] };
  const ns = pod.metadata.namespace ?? 'default';
  for (const name of claimNames(pod)) {
    const pvc = store.get('persistentvolumeclaims', ns, name);
    if (!pvc) return { ...state, preFilterMsg: `persistentvolumeclaim "${name}" not found` };
    if (pvc.metadata.deletionTimestamp) return { ...state, preFilterMsg: `persistentvolumeclaim "${name}" is being deleted` };
    const volumeName = (pvc.spec as { volumeName?: string }).volumeName;
    const phase = (pvc.status as { phase?: string } | undefined)?.phase;
    if (volumeName && phase === 'Bound') {
      const pv = store.get('persistentvolumes', '', volumeName);
      if (pv) state.boundPVs.push(pv);
      continue;
    }
    const sc = storageClassOf(store, pvc);
    if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer') state.delayed.push(pvc);
    else return { ...state, preFilterMsg: VOLUME_REASONS.unboundImmediate };
  }
  return state;
}

export function volumeFilter(state: VolumeState, node: KubeObject): Verdict | undefined {
  for (const pv of state.boundPVs) {
    const terms = (pv.spec as { nodeAffinity?: { required?: { nodeSelectorTerms?: Parameters<typeof nodeSelectorTermMatches>[0][] } } }).nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && terms.length > 0 && !terms.some((t) => nodeSelectorTermMatches(t, node))) {
      return { plugin: 'VolumeBinding', reasons: [VOLUME_REASONS.nodeConflict], unresolvable: true };
    }
  }
  return undefined;
}
