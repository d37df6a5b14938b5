/**
 * Pod resource requests as kube-scheduler computes them: app containers
 * summed, each init container taken alone (plus the sidecars started before
 * it), the larger of the two, plus pod overhead.
 *
 * @see k8s.io/component-helpers/resource/helpers.go PodRequests
 */
import type { KubeObject } from '../api/meta.js';
import { intValue, milliValue } from '../api/quantity.js';

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  /** bytes */
  ephemeralStorage: number;
  /** extended resources (`nvidia.com/gpu`) and hugepages, in whole units */
  scalar: Record<string, number>;
}

/** Requests assumed for scoring a container that asks for nothing (100m cpu, 200Mi memory). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

interface ContainerLike {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  ports?: { containerPort?: number; hostPort?: number; protocol?: string; hostIP?: string }[];
}

export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

function containerRequests(c: ContainerLike, nonZero: boolean): Resources {
  const req = c.resources?.requests ?? {};
  const r = emptyResources();
  for (const [k, v] of Object.entries(req)) {
    if (k === 'cpu') r.cpu = milliValue(v);
    else if (k === 'memory') r.memory = intValue(v);
    else if (k === 'ephemeral-storage') r.ephemeralStorage = intValue(v);
    else r.scalar[k] = intValue(v);
  }
  if (nonZero) {
    if (req.cpu === undefined) r.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

export function addResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage, scalar };
}

export function subResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) - v;
  return { cpu: a.cpu - b.cpu, memory: a.memory - b.memory, ephemeralStorage: a.ephemeralStorage - b.ephemeralStorage, scalar };
}

function maxResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return {
    cpu: Math.max(a.cpu, b.cpu),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    scalar,
  };
}

/**
 * The pod's effective requests. With `nonZero`, containers without a cpu or
 * memory request count as 100m / 200Mi (what scoring uses).
 */
export function podRequests(pod: KubeObject, nonZero = false): Resources {
  const spec = (pod.spec ?? {}) as {
    containers?: ContainerLike[];
    initContainers?: ContainerLike[];
    overhead?: Record<string, string | number>;
  };
  let reqs = emptyResources();
  for (const c of spec.containers ?? []) reqs = addResources(reqs, containerRequests(c, nonZero));
  let restartable = emptyResources();
  let initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    let effective: Resources;
    if (c.restartPolicy === 'Always') {
      reqs = addResources(reqs, r);
      restartable = addResources(restartable, r);
      effective = restartable;
    } else {
      effective = addResources(r, restartable);
    }
    initMax = maxResources(initMax, effective);
  }
  reqs = maxResources(reqs, initMax);
  if (spec.overhead) reqs = addResources(reqs, containerRequests({ resources: { requests: spec.overhead } }, false));
  return reqs;
}

/** Pod limits (sum of containers; max with init containers), for `describe node`. */
export function podLimits(pod: KubeObject): Resources {
  const asReq = (c: ContainerLike): ContainerLike => ({ restartPolicy: c.restartPolicy, resources: { requests: c.resources?.limits ?? {} } });
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  return podRequests({ ...pod, spec: { containers: (spec.containers ?? []).map(asReq), initContainers: (spec.initContainers ?? []).map(asReq) } });
}

export interface HostPort {
  protocol: string;
  hostIP: string;
  port: number;
}

export function podHostPorts(pod: KubeObject): HostPort[] {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const out: HostPort[] = [];
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ protocol: p.protocol ?? 'TCP', hostIP: p.hostIP || '0.0.0.0', port: p.hostPort });
    }
  }
  return out;
}

/** A node's allocatable resources (status.allocatable, falling back to capacity). */
export function nodeAllocatable(node: KubeObject): Resources & { pods: number } {
  const st = (node.status ?? {}) as { allocatable?: Record<string, string>; capacity?: Record<string, string> };
  const a = st.allocatable ?? st.capacity ?? {};
  const r: Resources & { pods: number } = { ...emptyResources(), pods: 0 };
  for (const [k, v] of Object.entries(a)) {
    if (k === 'cpu') r.cpu = milliValue(v);
    else if (k === 'memory') r.memory = intValue(v);
    else if (k === 'ephemeral-storage') r.ephemeralStorage = intValue(v);
    else if (k === 'pods') r.pods = intValue(v);
    else r.scalar[k] = intValue(v);
  }
  return r;
}
