import type { AdmissionPlugin } from '../api-server.js';
import { forbidden } from '../status-errors.js';

/**
 * NamespaceLifecycle's delete rule: the system namespaces cannot be deleted.
 * (Creates in missing or terminating namespaces are refused in
 * ApiServer.create.)
 *
 * @see k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go
 */
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycleAdmission: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  phase: 'validating',
  admit(req) {
    if (req.operation !== 'DELETE' || req.def.kind !== 'Namespace' || req.def.group !== '') return undefined;
    const name = req.object.metadata.name ?? '';
    if (!IMMORTAL.has(name)) return undefined;
    return forbidden({ resource: 'namespaces', group: '' }, name, 'this namespace may not be deleted');
  },
};
