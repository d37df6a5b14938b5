export { installScheduler, getScheduler, lastSchedulingAttempt, explainScheduling, failureMessage, FILTER_PLUGINS, SCHEDULER_NAME, type SchedulingAttempt, type NodeExplanation } from './scheduler.js';
export { podRequests, podLimits, nodeAllocatable, type Resources } from './resources.js';
export { tolerates, toleratesTaint, firstUntoleratedTaint, podMatchesNodeAffinity, nodeTaints, REASONS, type Taint, type Toleration, type Verdict } from './plugins.js';
