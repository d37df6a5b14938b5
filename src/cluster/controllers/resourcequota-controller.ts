import { cloneJson, isDict } from '../api/meta.js';
import { formatAmount, namespaceUsage } from '../apiserver/admission/quota-usage.js';
import { stableJson } from '../apiserver/validation/field.js';
import type { Controller, Simulation } from '../simulation.js';

/**
 * The resource quota controller: keeps each ResourceQuota's status
 * (`hard` mirrors the spec, `used` the namespace's usage) current.
 *
 * @see kubernetes/pkg/controller/resourcequota/resource_quota_controller.go syncResourceQuota
 */
export const RESOURCE_QUOTA_CONTROLLER = 'resourcequota-controller';

export function resourceQuotaController(): Controller {
  return {
    name: RESOURCE_QUOTA_CONTROLLER,
    // Anything a quota can count may change usage.
    watches: [
      'resourcequotas',
      'pods',
      'services',
      'configmaps',
      'secrets',
      'persistentvolumeclaims',
      'replicationcontrollers',
      'deployments.apps',
      'replicasets.apps',
      'statefulsets.apps',
      'daemonsets.apps',
      'jobs.batch',
      'cronjobs.batch',
    ],
    reconcile(sim: Simulation) {
      for (const quota of sim.store.list('resourcequotas')) {
        const spec = isDict(quota.spec) ? quota.spec : {};
        const hard = (isDict(spec.hard) ? spec.hard : {}) as Record<string, string>;
        const usage = namespaceUsage(sim.store, quota);
        const used: Record<string, string> = {};
        for (const k of Object.keys(hard)) used[k] = formatAmount(usage.get(k));
        const status = { hard: { ...hard }, used };
        if (stableJson(quota.status) === stableJson(status)) continue;
        const next = cloneJson(quota);
        next.status = status;
        sim.api.updateStatus(next);
      }
    },
  };
}
