import { defineResources, defineTypes, topLevel } from './schema.js';

/** policy/v1: pod disruption budgets. */
defineResources([['policy', 'v1', 'PodDisruptionBudget']]);

defineTypes({
  PodDisruptionBudget: {
    d: 'Limits how many pods of a set voluntary disruptions (drains, evictions) may take down at once.',
    f: topLevel({
      spec: 'PodDisruptionBudgetSpec|The pods and the disruption allowed.',
      status: 'PodDisruptionBudgetStatus|How many disruptions are allowed now. Read-only.',
    }),
  },
  PodDisruptionBudgetSpec: {
    d: 'The desired budget.',
    f: {
      maxUnavailable: 'IntOrString|The most pods (or percentage) that may be unavailable after an eviction.',
      minAvailable: 'IntOrString|The fewest pods (or percentage) that must stay available after an eviction.',
      selector: 'LabelSelector|The pods the budget covers.',
      unhealthyPodEvictionPolicy: 'string=AlwaysAllow,IfHealthyBudget|When pods that are not ready may be evicted.',
    },
  },
  PodDisruptionBudgetStatus: {
    d: 'The observed state of a budget.',
    f: {
      conditions: '[]Condition|Conditions such as DisruptionAllowed.',
      currentHealthy: '!integer|Healthy pods now.',
      desiredHealthy: '!integer|Healthy pods needed.',
      disruptedPods: 'map[string]Time|Pods being evicted, with when.',
      disruptionsAllowed: '!integer|Evictions allowed now.',
      expectedPods: '!integer|Pods the budget counts.',
      observedGeneration: 'integer|The generation last acted on.',
    },
  },
});
