// The kinds the API server serves, then each kind's defaulting and validation.
import './builtin.js';
import './pod.js';
import './deployment.js';
import './replicaset.js';
import './daemonset.js';
import './statefulset.js';
import './job.js';
import './cronjob.js';
import './service.js';
import './namespace.js';
import './network-policy.js';
import './config.js';
import './storage.js';
import './limit-range.js';
import './resource-quota.js';
import './rbac.js';
import './ingress.js';
import './autoscaling.js';
import './node.js';
import './component-status.js';
// Last: metadata-only validation for every kind left without its own.
import './generic.js';
