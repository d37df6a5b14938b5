import { defineResources, defineTypes, topLevel } from './schema.js';
import { condition } from './core.js';

/** batch/v1: run-to-completion work. */
defineResources([
  ['batch', 'v1', 'Job'],
  ['batch', 'v1', 'CronJob'],
]);

defineTypes({
  Job: {
    d: 'Runs pods until a number of them complete successfully.',
    f: topLevel({
      spec: 'JobSpec|The pods to run and when the job counts as done or failed.',
      status: 'JobStatus|The most recently observed progress. Read-only.',
    }),
  },
  JobSpec: {
    d: 'The desired behaviour of a job.',
    f: {
      activeDeadlineSeconds: 'integer|How long the job may run, from its start, before it is failed.',
      backoffLimit: 'integer|Retries before the job is marked failed. Defaults to 6.',
      backoffLimitPerIndex: 'integer|For Indexed jobs: retries allowed for each index.',
      completionMode: 'string=Indexed,NonIndexed|NonIndexed (the default) or Indexed, where each pod gets an index.',
      completions: 'integer|Successful pods needed for the job to finish.',
      managedBy: 'string|The controller that manages the job; empty means the built-in one.',
      manualSelector: 'boolean|Let you set the selector yourself instead of having one generated.',
      maxFailedIndexes: 'integer|For Indexed jobs with backoffLimitPerIndex: failed indexes tolerated.',
      parallelism: 'integer|How many pods run at once. Defaults to 1.',
      podFailurePolicy: 'PodFailurePolicy|Rules on pod failures: fail the job, ignore, or count them.',
      podReplacementPolicy: 'string=Failed,TerminatingOrFailed|When a replacement pod is created.',
      selector: 'LabelSelector|The job\'s pods; normally generated.',
      successPolicy: 'SuccessPolicy|For Indexed jobs: when the job may succeed early.',
      suspend: 'boolean|While true, no pods are created and running ones are stopped.',
      template: '!PodTemplateSpec|The pod to run; restartPolicy must be Never or OnFailure.',
      ttlSecondsAfterFinished: 'integer|Seconds after finishing before the job is deleted automatically.',
    },
  },
  JobStatus: {
    d: 'The observed state of a job.',
    f: {
      active: 'integer|Pods running.',
      completedIndexes: 'string|For Indexed jobs: the finished indexes, such as 1,3-5.',
      completionTime: 'Time|When the job finished successfully.',
      conditions: '[]JobCondition|Conditions such as Complete and Failed.',
      failed: 'integer|Pods that failed.',
      failedIndexes: 'string|For Indexed jobs with backoffLimitPerIndex: the failed indexes.',
      ready: 'integer|Active pods that are ready.',
      startTime: 'Time|When the job controller started the job.',
      succeeded: 'integer|Pods that succeeded.',
      terminating: 'integer|Pods being terminated.',
      uncountedTerminatedPods: 'UncountedTerminatedPods|Finished pods not yet counted.',
    },
  },
  CronJob: {
    d: 'Creates Jobs on a repeating schedule, written in cron syntax.',
    f: topLevel({
      spec: 'CronJobSpec|The schedule and the job to create.',
      status: 'CronJobStatus|The current and last scheduled jobs. Read-only.',
    }),
  },
  CronJobSpec: {
    d: 'The desired behaviour of a cron job.',
    f: {
      concurrencyPolicy: 'string=Allow,Forbid,Replace|What to do when a run is due while the last one is still going. Defaults to Allow.',
      failedJobsHistoryLimit: 'integer|Failed jobs to keep. Defaults to 1.',
      jobTemplate: '!JobTemplateSpec|The job created at each run.',
      schedule: '!string|When to run, in cron format, such as */5 * * * *.',
      startingDeadlineSeconds: 'integer|How late a missed run may still start.',
      successfulJobsHistoryLimit: 'integer|Successful jobs to keep. Defaults to 3.',
      suspend: 'boolean|While true, no new runs start.',
      timeZone: 'string|The time zone of the schedule, such as Etc/UTC; the controller\'s when unset.',
    },
  },
  JobTemplateSpec: {
    d: 'The jobs a cron job creates: their metadata and spec.',
    f: { metadata: 'ObjectMeta|Labels and annotations of the created jobs.', spec: 'JobSpec|The spec of the created jobs.' },
  },
  CronJobStatus: {
    d: 'The observed state of a cron job.',
    f: {
      active: '[]ObjectReference|The jobs running now.',
      lastScheduleTime: 'Time|When a job was last scheduled.',
      lastSuccessfulTime: 'Time|When a job last finished successfully.',
    },
  },
});

defineTypes({
  JobCondition: condition('a job', { lastProbeTime: 'Time|When the condition was last probed.' }),
  PodFailurePolicy: { d: 'How pod failures count against a job.', f: { rules: '![]PodFailurePolicyRule|Rules, checked in order; the first match applies.' } },
  PodFailurePolicyRule: {
    d: 'What to do with a pod failure that matches.',
    f: {
      action: '!string=Count,FailIndex,FailJob,Ignore|What to do when the rule matches.',
      onExitCodes: 'PodFailurePolicyOnExitCodesRequirement|Match by container exit codes.',
      onPodConditions: '[]PodFailurePolicyOnPodConditionsPattern|Match by pod conditions.',
    },
  },
  PodFailurePolicyOnExitCodesRequirement: {
    d: 'A match on container exit codes.',
    f: {
      containerName: 'string|Only this container; any when empty.',
      operator: '!string=In,NotIn|Whether the exit code must be in the values or not.',
      values: '![]integer|The exit codes.',
    },
  },
  PodFailurePolicyOnPodConditionsPattern: {
    d: 'A match on a pod condition.',
    f: { status: '!string|The condition status to match. Defaults to True.', type: '!string|The condition type, such as DisruptionTarget.' },
  },
  SuccessPolicy: { d: 'When an Indexed job may be declared successful early.', f: { rules: '![]SuccessPolicyRule|Rules, any of which makes the job succeed.' } },
  SuccessPolicyRule: {
    d: 'A set of indexes whose success is enough.',
    f: { succeededCount: 'integer|How many of the indexes must succeed.', succeededIndexes: 'string|The indexes, such as 0,2-4.' },
  },
  UncountedTerminatedPods: {
    d: 'Finished pods the job controller has not counted yet.',
    f: { failed: '[]string|Uids of failed pods.', succeeded: '[]string|Uids of succeeded pods.' },
  },
});
