import { defineResources, defineTypes, topLevel } from './schema.js';

/** scheduling.k8s.io/v1: priority classes. */
defineResources([['scheduling.k8s.io', 'v1', 'PriorityClass']]);

defineTypes({
  PriorityClass: {
    d: 'A name for a pod priority value; pods name it in priorityClassName.',
    f: topLevel({
      description: 'string|When to use this class.',
      globalDefault: 'boolean|Use this class for pods that name none; only one class may be the default.',
      preemptionPolicy: 'string=Never,PreemptLowerPriority|Whether pods of this class may evict lower-priority pods.',
      value: '!integer|The priority; higher schedules first.',
    }),
  },
});
