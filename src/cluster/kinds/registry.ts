import type { KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import type { ObjectStore } from '../store/object-store.js';

/** What the API server knows about a kind: names, scope, and its hooks. */
export interface KindDefinition {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, lower case: `deployments`. */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Categories such as `all` (what `kubectl get all` lists). */
  categories: string[];
  /** Whether status is a subresource: spec writes ignore status and vice versa. */
  statusSubresource: boolean;
  /** Whether spec changes bump metadata.generation. */
  tracksGeneration: boolean;
  /** Verbs as `kubectl api-resources -o wide` lists them. */
  verbs: string[];
  /** Server-side defaulting, in place, applied on create and update. */
  applyDefaults?: (obj: KubeObject) => void;
  /** Field validation on create (old undefined) and update. */
  validate?: (obj: KubeObject, old: KubeObject | undefined) => FieldError[];
  /**
   * The warnings a write gets that validation let through (the strategy's
   * WarningsOnCreate/WarningsOnUpdate; old undefined on create).
   */
  warnings?: (obj: KubeObject, old: KubeObject | undefined) => string[];
  /**
   * The release that deprecated this version of the kind (`v1.19`): every
   * request gets the API server's `v1 Kind is deprecated in v1.19+` warning.
   */
  deprecatedSince?: string;
  /**
   * A kind the API server computes on each read instead of storing
   * (ComponentStatus): `list` gives every object now, `notFound` the
   * message of the error a GET of another name gets.
   */
  computed?: {
    list: (store: ObjectStore) => KubeObject[];
    notFound: (name: string) => string;
  };
}

const defs: KindDefinition[] = [];
const byResource = new Map<string, KindDefinition>();

/** The storage key of a kind's resource: `pods`, `deployments.apps`. */
export function resourceKey(def: Pick<KindDefinition, 'resource' | 'group'>): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

export function apiVersionOf(def: Pick<KindDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** Adds or extends a kind. Later calls merge hooks into an existing definition. */
export function registerKind(def: KindDefinition): KindDefinition {
  const k = resourceKey(def);
  const existing = byResource.get(k);
  if (existing) {
    Object.assign(existing, def);
    return existing;
  }
  defs.push(def);
  byResource.set(k, def);
  return def;
}

/** Attaches defaulting/validation to a registered kind. */
export function extendKind(
  kind: string,
  hooks: Pick<KindDefinition, 'applyDefaults' | 'validate' | 'warnings'>,
  group?: string,
): void {
  const def = defs.find((d) => d.kind === kind && (group === undefined || d.group === group));
  if (!def) throw new Error(`unknown kind ${kind}`);
  Object.assign(def, hooks);
}

export function allKinds(): readonly KindDefinition[] {
  return defs;
}

export function kindByResourceKey(key: string): KindDefinition | undefined {
  return byResource.get(key);
}

/** Finds a kind from an object's apiVersion and kind. */
export function kindOf(apiVersion: string, kind: string): KindDefinition | undefined {
  return defs.find((d) => d.kind === kind && apiVersionOf(d) === apiVersion);
}

/** Finds a kind by its Kind alone (first registered wins, as core precedes others). */
export function kindByName(kind: string): KindDefinition | undefined {
  return defs.find((d) => d.kind === kind);
}

/**
 * Resolves what a user types as a resource type (`po`, `pods`, `Pod`,
 * `deployments.apps`, `deploy.v1.apps`), the way kubectl's RESTMapper does:
 * case-insensitive against plural, singular, short names and kind.
 */
export function resolveResourceType(arg: string): KindDefinition | undefined {
  const lower = arg.toLowerCase();
  const direct = match(lower, undefined);
  if (direct) return direct;
  const dot = lower.indexOf('.');
  if (dot < 0) return undefined;
  const name = lower.slice(0, dot);
  const rest = lower.slice(dot + 1);
  // `deployments.apps`, or `deployments.v1.apps`
  const restDot = rest.indexOf('.');
  const candidates = [{ group: rest, version: undefined as string | undefined }];
  if (restDot >= 0) candidates.push({ version: rest.slice(0, restDot), group: rest.slice(restDot + 1) });
  for (const c of candidates) {
    const found = match(name, c.group, c.version);
    if (found) return found;
  }
  return undefined;
}

function match(name: string, group: string | undefined, version?: string): KindDefinition | undefined {
  const pool = defs.filter(
    (d) => (group === undefined || d.group === group || (group === 'core' && d.group === '')) && (version === undefined || d.version === version),
  );
  return (
    pool.find((d) => d.resource === name) ??
    pool.find((d) => d.singular === name) ??
    pool.find((d) => d.shortNames.includes(name)) ??
    pool.find((d) => d.kind.toLowerCase() === name)
  );
}
