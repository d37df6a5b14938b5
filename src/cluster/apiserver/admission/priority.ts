import type { AdmissionPlugin } from '../api-server.js';
import { admissionForbidden, isPod, podSpec } from './util.js';

/**
 * Priority: a pod's priority comes from its PriorityClass (or the global
 * default class, or 0), with the class's preemption policy.
 *
 * @see kubernetes/plugin/pkg/admission/priority/admission.go admitPod
 */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  phase: 'mutating',
  admit(req) {
    if (!isPod(req) || req.operation !== 'CREATE') return undefined;
    const spec = podSpec(req.object);
    let priority = 0;
    let preemption: string = 'PreemptLowerPriority';
    const classes = req.api.store.list('priorityclasses.scheduling.k8s.io');
    if (!spec.priorityClassName) {
      const def = classes.find((c) => c.globalDefault === true);
      if (def) {
        spec.priorityClassName = def.metadata.name;
        priority = Number(def.value ?? 0);
        preemption = String(def.preemptionPolicy ?? 'PreemptLowerPriority');
      }
    } else {
      const pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
      if (!pc) return admissionForbidden(req, `no PriorityClass with name ${String(spec.priorityClassName)} was found`);
      priority = Number(pc.value ?? 0);
      preemption = String(pc.preemptionPolicy ?? 'PreemptLowerPriority');
    }
    if (typeof spec.priority === 'number' && spec.priority !== priority) {
      return admissionForbidden(
        req,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      );
    }
    spec.priority = priority;
    if (typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== preemption) {
      return admissionForbidden(
        req,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemption} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = preemption;
    return undefined;
  },
};
