import { isDict } from '../../api/meta.js';
import type { AdmissionPlugin } from '../api-server.js';
import { isPod, podSpec } from './util.js';

/**
 * DefaultTolerationSeconds: pods tolerate NotReady and Unreachable nodes for
 * 300 s before the node lifecycle controller evicts them.
 *
 * @see kubernetes/plugin/pkg/admission/defaulttolerationseconds/admission.go
 */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

export const defaultTolerationSecondsAdmission: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  phase: 'mutating',
  admit(req) {
    if (!isPod(req) || req.operation !== 'CREATE') return undefined;
    const spec = podSpec(req.object);
    const tolerations = Array.isArray(spec.tolerations) ? [...spec.tolerations] : [];
    let notReady = false;
    let unreachable = false;
    for (const t of tolerations) {
      if (!isDict(t)) continue;
      const key = typeof t.key === 'string' ? t.key : '';
      const noExecute = t.effect === 'NoExecute' || !t.effect;
      if ((key === NOT_READY_TAINT || key === '') && noExecute) notReady = true;
      if ((key === UNREACHABLE_TAINT || key === '') && noExecute) unreachable = true;
    }
    if (!notReady) tolerations.push({ key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    if (!unreachable) tolerations.push({ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    spec.tolerations = tolerations;
    return undefined;
  },
};
