import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { cols, type TableHandler } from './types.js';
import {
  formatLabelSelector,
  formatLabels,
  humanDuration,
  intOrString,
  labelSelectorString,
  layoutContainerCells,
  num,
  timeOf,
  translateTimestampSince,
} from './format.js';

/** @see kubernetes/pkg/printers/internalversion/printers.go printDeployment */
export const deploymentTable: TableHandler = {
  columns: cols('Name', 'Ready', 'Up-to-date', 'Available', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  row: (obj, now) => {
    const d = obj as unknown as Deployment;
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      `${num(d.status?.readyReplicas)}/${num(d.spec?.replicas)}`,
      num(d.status?.updatedReplicas),
      num(d.status?.availableReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      labelSelectorString(d.spec?.selector),
    ];
  },
};

/** @see printers.go printReplicaSet */
export const replicaSetTable: TableHandler = {
  columns: cols('Name', ['Desired', 0, 'integer'], ['Current', 0, 'integer'], ['Ready', 0, 'integer'], 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  row: (obj, now) => {
    const r = obj as unknown as ReplicaSet;
    const [names, images] = layoutContainerCells(r.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      num(r.spec?.replicas),
      num(r.status?.replicas),
      num(r.status?.readyReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(r.spec?.selector),
    ];
  },
};

/** @see printers.go printReplicationController */
export const replicationControllerTable: TableHandler = {
  columns: replicaSetTable.columns,
  row: (obj, now) => {
    const r = obj as unknown as ReplicationController;
    const [names, images] = layoutContainerCells(r.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      num(r.spec?.replicas),
      num(r.status?.replicas),
      num(r.status?.readyReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabels(r.spec?.selector),
    ];
  },
};

/** @see printers.go printDaemonSet */
export const daemonSetTable: TableHandler = {
  columns: cols(
    'Name',
    ['Desired', 0, 'integer'],
    ['Current', 0, 'integer'],
    ['Ready', 0, 'integer'],
    ['Up-to-date', 0, 'integer'],
    ['Available', 0, 'integer'],
    'Node Selector',
    'Age',
    ['Containers', 1],
    ['Images', 1],
    ['Selector', 1],
  ),
  row: (obj, now) => {
    const d = obj as unknown as DaemonSet;
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      num(d.status?.desiredNumberScheduled),
      num(d.status?.currentNumberScheduled),
      num(d.status?.numberReady),
      num(d.status?.updatedNumberScheduled),
      num(d.status?.numberAvailable),
      formatLabels(d.spec?.template?.spec?.nodeSelector),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(d.spec?.selector),
    ];
  },
};

/** @see printers.go printStatefulSet */
export const statefulSetTable: TableHandler = {
  columns: cols('Name', 'Ready', 'Age', ['Containers', 1], ['Images', 1]),
  row: (obj, now) => {
    const s = obj as unknown as StatefulSet;
    const [names, images] = layoutContainerCells(s.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      `${num(s.status?.readyReplicas)}/${num(s.spec?.replicas)}`,
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

function hasJobCondition(j: Job, type: string): boolean {
  const c = (j.status?.conditions ?? []).find((x) => x.type === type);
  return c ? c.status === 'True' : false;
}

/** @see printers.go printJob */
export const jobTable: TableHandler = {
  columns: cols('Name', 'Status', 'Completions', 'Duration', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  row: (obj, now) => {
    const j = obj as unknown as Job;
    let completions: string;
    if (j.spec?.completions !== undefined && j.spec.completions !== null) completions = `${num(j.status?.succeeded)}/${j.spec.completions}`;
    else {
      const parallelism = j.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${num(j.status?.succeeded)}/1 of ${parallelism}` : `${num(j.status?.succeeded)}/1`;
    }
    const start = timeOf(j.status?.startTime);
    const done = timeOf(j.status?.completionTime);
    const duration = start === undefined ? '' : done === undefined ? humanDuration(now - start) : humanDuration(done - start);
    let status: string;
    if (hasJobCondition(j, 'Complete')) status = 'Complete';
    else if (hasJobCondition(j, 'Failed')) status = 'Failed';
    else if (obj.metadata.deletionTimestamp) status = 'Terminating';
    else if (hasJobCondition(j, 'Suspended')) status = 'Suspended';
    else if (hasJobCondition(j, 'FailureTarget')) status = 'FailureTarget';
    else status = 'Running';
    const [names, images] = layoutContainerCells(j.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      status,
      completions,
      duration,
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(j.spec?.selector),
    ];
  },
};

/** @see printers.go printCronJob */
export const cronJobTable: TableHandler = {
  columns: cols('Name', 'Schedule', 'Timezone', ['Suspend', 0, 'boolean'], ['Active', 0, 'integer'], 'Last Schedule', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  row: (obj, now) => {
    const c = obj as unknown as CronJob;
    const last = c.status?.lastScheduleTime ? translateTimestampSince(c.status.lastScheduleTime, now) : '<none>';
    const suspend = c.spec?.suspend === undefined || c.spec.suspend === null ? '<unset>' : c.spec.suspend ? 'True' : 'False';
    const [names, images] = layoutContainerCells(c.spec?.jobTemplate?.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? '',
      c.spec?.schedule ?? '',
      c.spec?.timeZone ?? '<none>',
      suspend,
      (c.status?.active ?? []).length,
      last,
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(c.spec?.jobTemplate?.spec?.selector),
    ];
  },
};

/** @see printers.go formatHPAMetrics */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list: string[] = [];
  const st = statuses ?? [];
  specs.forEach((spec, i) => {
    switch (spec.type) {
      case 'External': {
        const t = spec.external!.target;
        if (t.averageValue !== undefined) {
          const cur = st[i]?.external?.current?.averageValue;
          list.push(`${cur !== undefined ? String(cur) : '<unknown>'}/${String(t.averageValue)} (avg)`);
        } else {
          const cur = st[i]?.external?.current?.value;
          list.push(`${st[i]?.external ? String(cur ?? '0') : '<unknown>'}/${String(t.value ?? '0')}`);
        }
        break;
      }
      case 'Pods': {
        const cur = st[i]?.pods ? String(st[i].pods!.current.averageValue ?? '0') : '<unknown>';
        list.push(`${cur}/${String(spec.pods!.target.averageValue ?? '0')}`);
        break;
      }
      case 'Object': {
        const t = spec.object!.target;
        if (t.averageValue !== undefined) {
          const cur = st[i]?.object?.current?.averageValue;
          list.push(`${cur !== undefined ? String(cur) : '<unknown>'}/${String(t.averageValue)} (avg)`);
        } else {
          const cur = st[i]?.object ? String(st[i].object!.current.value ?? '0') : '<unknown>';
          list.push(`${cur}/${String(t.value ?? '0')}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const r = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
        const s = spec.type === 'Resource' ? st[i]?.resource : st[i]?.containerResource;
        if (r.target.averageValue !== undefined) {
          const cur = s ? String(s.current.averageValue ?? '0') : '<unknown>';
          list.push(`${r.name}: ${cur}/${String(r.target.averageValue)}`);
        } else {
          const cur = s && s.current.averageUtilization !== undefined ? `${s.current.averageUtilization}%` : '<unknown>';
          const target = r.target.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : '<auto>';
          list.push(`${r.name}: ${cur}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

/** @see printers.go printHorizontalPodAutoscaler */
export const hpaTable: TableHandler = {
  columns: cols('Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'),
  row: (obj, now) => {
    const h = obj as unknown as HorizontalPodAutoscaler;
    return [
      obj.metadata.name ?? '',
      `${h.spec?.scaleTargetRef?.kind ?? ''}/${h.spec?.scaleTargetRef?.name ?? ''}`,
      formatHPAMetrics(h.spec?.metrics, h.status?.currentMetrics),
      h.spec?.minReplicas !== undefined ? String(h.spec.minReplicas) : '<unset>',
      num(h.spec?.maxReplicas),
      num(h.status?.currentReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
};

/** @see printers.go printPodDisruptionBudget */
export const pdbTable: TableHandler = {
  columns: cols('Name', 'Min Available', 'Max Unavailable', ['Allowed Disruptions', 0, 'integer'], 'Age'),
  row: (obj, now) => {
    const p = obj as unknown as PodDisruptionBudget;
    return [
      obj.metadata.name ?? '',
      p.spec?.minAvailable !== undefined ? intOrString(p.spec.minAvailable) : 'N/A',
      p.spec?.maxUnavailable !== undefined ? intOrString(p.spec.maxUnavailable) : 'N/A',
      num(p.status?.disruptionsAllowed),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
};
