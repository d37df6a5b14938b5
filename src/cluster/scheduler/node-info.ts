/**
 * The scheduler's cache: per node, what is allocatable and what the pods
 * bound to it already request, kept current incrementally from the store's
 * watch (so a scheduling decision is O(nodes), not O(pods)).
 */
import type { KubeObject } from '../api/meta.js';
import type { Simulation } from '../simulation.js';
import { controllerRef, isTerminal } from '../controllers/util.js';
import {
  addResources,
  emptyResources,
  nodeAllocatable,
  podHostPorts,
  podRequests,
  subResources,
  type HostPort,
  type Resources,
} from './resources.js';

export interface NodeInfo {
  name: string;
  node?: KubeObject;
  allocatable: Resources & { pods: number };
  requested: Resources;
  nonZeroRequested: Resources;
  podCount: number;
  /** `TCP/0.0.0.0/80` → count */
  usedPorts: Map<string, number>;
  /** pods bound here, by `ns/name` */
  pods: Map<string, KubeObject>;
  /** pods per controller uid (for spreading replicas) */
  ownerCounts: Map<string, number>;
}

interface Contribution {
  node: string;
  req: Resources;
  nonZero: Resources;
  ports: HostPort[];
  owner?: string;
}

function portKey(p: HostPort): string {
  return `${p.protocol}/${p.hostIP}/${p.port}`;
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly contributions = new Map<string, Contribution>();
  /** Assigned pods carrying required anti-affinity terms (checked against incoming pods). */
  readonly podsWithAntiAffinity = new Map<string, KubeObject>();

  constructor(sim: Simulation) {
    for (const n of sim.store.list('nodes')) this.setNode(n);
    for (const p of sim.store.list('pods')) this.setPod(p);
  }

  info(name: string): NodeInfo {
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = {
        name,
        allocatable: { ...emptyResources(), pods: 0 },
        requested: emptyResources(),
        nonZeroRequested: emptyResources(),
        podCount: 0,
        usedPorts: new Map(),
        pods: new Map(),
        ownerCounts: new Map(),
      };
      this.nodes.set(name, ni);
    }
    return ni;
  }

  setNode(node: KubeObject): void {
    const ni = this.info(node.metadata.name!);
    if (!ni.node) this.sorted = undefined;
    ni.node = node;
    ni.allocatable = nodeAllocatable(node);
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    ni.node = undefined;
    this.sorted = undefined;
    if (ni.pods.size === 0) this.nodes.delete(name);
  }

  private sorted?: NodeInfo[];

  /** Nodes that exist, in name order (cached until a node comes or goes). */
  nodeList(): NodeInfo[] {
    this.sorted ??= [...this.nodes.values()].filter((n) => n.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sorted;
  }

  setPod(pod: KubeObject): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.removePod(key);
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName || isTerminal(pod)) return;
    const c: Contribution = {
      node: nodeName,
      req: podRequests(pod),
      nonZero: podRequests(pod, true),
      ports: podHostPorts(pod),
      owner: controllerRef(pod)?.uid,
    };
    this.contributions.set(key, c);
    const ni = this.info(nodeName);
    ni.requested = addResources(ni.requested, c.req);
    ni.nonZeroRequested = addResources(ni.nonZeroRequested, c.nonZero);
    ni.podCount++;
    ni.pods.set(key, pod);
    for (const p of c.ports) ni.usedPorts.set(portKey(p), (ni.usedPorts.get(portKey(p)) ?? 0) + 1);
    if (c.owner) ni.ownerCounts.set(c.owner, (ni.ownerCounts.get(c.owner) ?? 0) + 1);
    const anti = (pod.spec as { affinity?: { podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: unknown[] } } })
      .affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (anti && anti.length > 0) this.podsWithAntiAffinity.set(key, pod);
  }

  removePod(key: string): void {
    this.podsWithAntiAffinity.delete(key);
    const c = this.contributions.get(key);
    if (!c) return;
    this.contributions.delete(key);
    const ni = this.info(c.node);
    ni.requested = subResources(ni.requested, c.req);
    ni.nonZeroRequested = subResources(ni.nonZeroRequested, c.nonZero);
    ni.podCount--;
    ni.pods.delete(key);
    for (const p of c.ports) {
      const k = portKey(p);
      const n = (ni.usedPorts.get(k) ?? 1) - 1;
      if (n <= 0) ni.usedPorts.delete(k);
      else ni.usedPorts.set(k, n);
    }
    if (c.owner) {
      const n = (ni.ownerCounts.get(c.owner) ?? 1) - 1;
      if (n <= 0) ni.ownerCounts.delete(c.owner);
      else ni.ownerCounts.set(c.owner, n);
    }
    if (!ni.node && ni.pods.size === 0) this.nodes.delete(c.node);
  }

  /** A copy of a node's accounting with some of its pods taken away (for preemption). */
  without(ni: NodeInfo, pods: readonly KubeObject[]): NodeInfo {
    const copy: NodeInfo = {
      ...ni,
      requested: { ...ni.requested, scalar: { ...ni.requested.scalar } },
      nonZeroRequested: { ...ni.nonZeroRequested },
      usedPorts: new Map(ni.usedPorts),
      pods: new Map(ni.pods),
      ownerCounts: new Map(ni.ownerCounts),
    };
    for (const p of pods) {
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      const c = this.contributions.get(key);
      if (!c || !copy.pods.has(key)) continue;
      copy.requested = subResources(copy.requested, c.req);
      copy.nonZeroRequested = subResources(copy.nonZeroRequested, c.nonZero);
      copy.podCount--;
      copy.pods.delete(key);
      for (const hp of c.ports) {
        const k = portKey(hp);
        const n = (copy.usedPorts.get(k) ?? 1) - 1;
        if (n <= 0) copy.usedPorts.delete(k);
        else copy.usedPorts.set(k, n);
      }
    }
    return copy;
  }

  hostPortConflict(ni: NodeInfo, ports: HostPort[]): boolean {
    for (const p of ports) {
      if (p.hostIP === '0.0.0.0') {
        for (const k of ni.usedPorts.keys()) {
          const [proto, , port] = k.split('/');
          if (proto === p.protocol && Number(port) === p.port) return true;
        }
      } else if (ni.usedPorts.has(portKey(p)) || ni.usedPorts.has(`${p.protocol}/0.0.0.0/${p.port}`)) return true;
    }
    return false;
  }
}
