import { cols, type TableHandler } from './types.js';

interface ComponentCondition {
  type?: string;
  status?: string;
  message?: string;
  error?: string;
}

/**
 * `kubectl get componentstatuses`: NAME STATUS MESSAGE ERROR, no AGE (the
 * objects are computed on each request and have no creation time). STATUS
 * is Healthy when the Healthy condition is True, Unhealthy for any other
 * value, Unknown without the condition.
 *
 * @see kubernetes/pkg/printers/internalversion/printers.go printComponentStatus
 */
export const componentStatusTable: TableHandler = {
  columns: cols('Name', 'Status', 'Message', 'Error'),
  row: (obj) => {
    const conditions = (Array.isArray(obj.conditions) ? obj.conditions : []) as ComponentCondition[];
    const healthy = conditions.find((c) => c.type === 'Healthy');
    const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [obj.metadata.name ?? '', status, healthy?.message ?? '', healthy?.error ?? ''];
  },
};
