import { parseQuantity } from '../api/quantity.js';
import type { KubeObject } from '../api/meta.js';
import type { ProbeSpec } from './probes.js';

/** The parts of a pod's spec the kubelet reads (kubernetes-types is too loose to index safely). */
export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  resources?: {
    limits?: Record<string, string | number>;
    requests?: Record<string, string | number>;
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  restartPolicy?: string;
  terminationMessagePolicy?: 'File' | 'FallbackToLogsOnError';
  /** Keeps stdin open for an attached client (`kubectl run -i`). */
  stdin?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface KeyToPath {
  key: string;
  path: string;
}

export interface VolumeSpec {
  name: string;
  configMap?: { name: string; optional?: boolean; items?: KeyToPath[] };
  secret?: { secretName: string; optional?: boolean; items?: KeyToPath[] };
  projected?: {
    sources?: {
      configMap?: { name: string; optional?: boolean; items?: KeyToPath[] };
      secret?: { name: string; optional?: boolean; items?: KeyToPath[] };
      serviceAccountToken?: { path: string };
      downwardAPI?: unknown;
    }[];
  };
  emptyDir?: unknown;
  [k: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: VolumeSpec[];
  imagePullSecrets?: { name: string }[];
  serviceAccountName?: string;
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
}

export function podSpec(pod: KubeObject): PodSpec {
  const s = (pod.spec ?? {}) as Partial<PodSpec>;
  return { ...s, containers: s.containers ?? [] } as PodSpec;
}

/** Guaranteed / Burstable / BestEffort, from requests and limits of all containers. */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = req[r] ?? lim[r];
      if (q !== undefined && (parseQuantity(q) ?? 0) !== 0) any = true;
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && parseQuantity(req[r]) !== parseQuantity(lim[r]))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function memoryLimit(c: ContainerSpec): number | undefined {
  const l = c.resources?.limits?.memory;
  if (l === undefined) return undefined;
  const v = parseQuantity(l);
  return v === undefined || v <= 0 ? undefined : v;
}

/** Resolves a probe's named port against the container's ports. */
export function resolvePort(c: ContainerSpec, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}
