import type { Node } from 'kubernetes-types/core/v1.js';
import { cols, type TableHandler } from './types.js';
import { translateTimestampSince } from './format.js';

/**
 * `kubectl get nodes`: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP
 * EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
 *
 * @see kubernetes/pkg/printers/internalversion/printers.go printNode
 */
export const nodeTable: TableHandler = {
  columns: cols('Name', 'Status', 'Roles', 'Age', 'Version', ['Internal-IP', 1], ['External-IP', 1], ['OS-Image', 1], ['Kernel-Version', 1], ['Container-Runtime', 1]),
  row: (obj, now) => {
    const node = obj as unknown as Node;
    return [
      obj.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(obj.metadata.labels).join(',') || '<none>',
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      node.status?.nodeInfo?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      node.status?.nodeInfo?.osImage || '<unknown>',
      node.status?.nodeInfo?.kernelVersion || '<unknown>',
      node.status?.nodeInfo?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role=<role>` labels, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}
