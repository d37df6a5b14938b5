import type { Simulation } from '../../simulation.js';
import { resourceQuotaController } from '../../controllers/resourcequota-controller.js';
import { decodeAdmission } from './decode.js';
import { defaultStorageClassAdmission } from './default-storage-class.js';
import { defaultTolerationSecondsAdmission } from './default-toleration-seconds.js';
import { namespaceContentController } from './namespace-content.js';
import { namespaceLifecycleAdmission } from './namespace-lifecycle.js';
import { limitRangerMutating, limitRangerValidating } from './limit-ranger.js';
import { podSecurityAdmission } from './pod-security.js';
import { priorityAdmission } from './priority.js';
import { rbacAuthorizer } from './rbac-authorizer.js';
import { rbacBootstrapController } from './rbac-bootstrap.js';
import { resourceQuotaAdmission } from './resource-quota.js';
import { serviceAccountAdmission } from './service-account.js';
import { serviceAllocationAdmission } from './service-allocation.js';

/**
 * Installs the admission chain on the API server, in kube-apiserver's
 * order (mutating: LimitRanger, ServiceAccount, DefaultTolerationSeconds,
 * Priority, DefaultStorageClass; validating: NamespaceLifecycle, PodSecurity, LimitRanger,
 * ResourceQuota), the ClusterIP/NodePort
 * allocators, RBAC authorization with its bootstrap policy, and the
 * resource quota controller that keeps quota status current.
 *
 * NamespaceLifecycle refuses deleting the system namespaces; its create rule
 * (no creates in missing or terminating namespaces) lives in ApiServer.create.
 *
 * @see kubernetes/pkg/kubeapiserver/options/plugins.go AllOrderedPlugins
 */
export function installAdmission(sim: Simulation): void {
  sim.api.admission.push(
    decodeAdmission,
    limitRangerMutating,
    serviceAccountAdmission,
    defaultTolerationSecondsAdmission,
    priorityAdmission,
    defaultStorageClassAdmission,
    serviceAllocationAdmission,
    namespaceLifecycleAdmission,
    podSecurityAdmission,
    limitRangerValidating,
    resourceQuotaAdmission,
  );
  sim.api.authorizer = rbacAuthorizer(sim.store);
  sim.addController(rbacBootstrapController());
  sim.addController(resourceQuotaController());
  sim.addController(namespaceContentController());
}

export { userInfoFor, rbacAllows, forbiddenMessage } from './rbac-authorizer.js';
