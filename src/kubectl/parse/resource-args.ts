import type { KubeObject } from '../../cluster/api/meta.js';
import type { UserInfo } from '../../cluster/apiserver/api-server.js';
import { standardErrorMessage, type StatusError } from '../../cluster/apiserver/status-errors.js';
import { allKinds, resolveResourceType, resourceKey, type KindDefinition } from '../../cluster/kinds/registry.js';
import type { Simulation } from '../../cluster/simulation.js';

/**
 * kubectl's resource builder, for arguments: the forms `pods`, `pod web`,
 * `pods a b`, `po/web`, `deploy/web svc/web`, `deployments.apps`,
 * `deploy,svc`, `deploy,svc web` and categories (`all`), with the builder's
 * exact error texts, then resolution to kinds and objects.
 *
 * Flow (as kubectl's `resource.Builder`):
 * 1. {@link parseResourceArgs}: split the arguments into resource/name tuples
 *    or resource types plus names (`ResourceTypeOrNameArgs`);
 * 2. {@link resolveResourceArgs}: map each type to a kind (`mappingFor`),
 *    apply namespace and selector rules (`visitorResult`);
 * 3. {@link fetchResources}: read the objects (GET per name, LIST per type
 *    with selectors) collecting per-object errors like `ContinueOnError`.
 *
 * {@link selectResources} does all three.
 *
 * @see k8s.io/cli-runtime/pkg/resource/builder.go
 */

/** `type/name` as given on the command line. */
export interface ResourceTuple {
  resource: string;
  name: string;
}

export interface ParsedResourceArgs {
  /** `kind/name` arguments (or `a,b x` normalised to `a/x b/x`). */
  tuples: ResourceTuple[];
  /** Resource types, with categories expanded (`all` → `pods,services,…`). */
  types: string[];
  /** Names following a single type argument. */
  names: string[];
  /** The one-type-argument form, where an empty selector means "everything". */
  selectAllImplied: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** The error kubectl prints when neither a resource nor a file is given. */
export const MISSING_RESOURCE_ERROR =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Discovery order of API groups on a v1.32 API server (aggregated discovery). */
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/**
 * The served kinds in discovery order: groups by the API server's priority,
 * resources alphabetically within a group.
 */
export function kindsInDiscoveryOrder(): KindDefinition[] {
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return [...allKinds()].sort((a, b) => rank(a.group) - rank(b.group) || cmp(a.group, b.group) || cmp(a.resource, b.resource));
}

/** Resources of a category (`all`), as `pods` / `deployments.apps`, in discovery order. */
export function expandCategory(category: string): string[] | undefined {
  const found = kindsInDiscoveryOrder().filter((d) => d.categories.includes(category));
  return found.length > 0 ? found.map((d) => resourceKey(d)) : undefined;
}

/**
 * kubectl's SplitResourceArgument: comma list, duplicates dropped. Empty
 * entries stay (`pods,` asks for a resource type "").
 */
export function splitResourceArgument(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(',')) if (!out.includes(s)) out.push(s);
  return out;
}

/** `a,b x y` → `a/x a/y b/x b/y` (normalizeMultipleResourcesArgs). */
function normalizeMultipleResourcesArgs(args: readonly string[]): string[] {
  if (args.length >= 2) {
    const resources = splitResourceArgument(args[0]);
    if (resources.length > 1) {
      const out: string[] = [];
      for (const r of resources) for (const n of args.slice(1)) out.push(`${r}/${n}`);
      return out;
    }
  }
  return [...args];
}

/** Replaces categories in a comma list (Builder.ReplaceAliases). */
function replaceAliases(input: string): string {
  return input
    .split(',')
    .map((arg) => expandCategory(arg)?.join(',') ?? arg)
    .join(',');
}

/**
 * Splits positional arguments the way `ResourceTypeOrNameArgs` does.
 *
 * @param cmd the verb for the "no need to specify a resource type" hint (`get`).
 */
export function parseResourceArgs(args: readonly string[]): Outcome<ParsedResourceArgs> {
  const norm = normalizeMultipleResourcesArgs(args);
  const slashes = norm.filter((a) => a.includes('/')).length;
  if (slashes > 0) {
    if (slashes !== norm.length) {
      // kubectl names the verb `get` in this hint whatever the command (sic: no closing parenthesis).
      return {
        ok: false,
        message:
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      };
    }
    const tuples: ResourceTuple[] = [];
    for (const s of norm) {
      const seg = s.split('/');
      if (seg.length !== 2) return { ok: false, message: 'arguments in resource/name form may not have more than one slash' };
      const [resource, name] = seg;
      if (resource === '' || name === '' || splitResourceArgument(resource).length !== 1) {
        return { ok: false, message: 'arguments in resource/name form must have a single resource and name' };
      }
      tuples.push({ resource, name });
    }
    return { ok: true, value: { tuples, types: [], names: [], selectAllImplied: false } };
  }
  if (norm.length === 0) return { ok: true, value: { tuples: [], types: [], names: [], selectAllImplied: false } };
  const types = splitResourceArgument(replaceAliases(norm[0]));
  return { ok: true, value: { tuples: [], types, names: norm.slice(1), selectAllImplied: norm.length === 1 } };
}

/**
 * Maps a type argument to a kind, or kubectl's error
 * `the server doesn't have a resource type "podz"` (the resource part only:
 * `podz.apps` reports `"podz"`).
 */
export function mappingFor(typeArg: string): Outcome<KindDefinition> {
  const def = resolveResourceType(typeArg);
  if (def) return { ok: true, value: def };
  const dot = typeArg.indexOf('.');
  const resource = dot >= 0 ? typeArg.slice(0, dot) : typeArg;
  return { ok: false, message: `the server doesn't have a resource type "${resource}"` };
}

/** What to read: one kind, and either named objects or a selector. */
export interface ResourceRequest {
  def: KindDefinition;
  /** The argument the user typed for this type (`po`, `deployments.apps`). */
  typeArg: string;
  /** Names to GET; undefined = LIST with the selectors. */
  names?: string[];
}

export interface ResolveOptions {
  /** Namespace requests go to (`-n`, else the context's). */
  namespace: string;
  /** `-A`/`--all-namespaces`. */
  allNamespaces?: boolean;
  /** `-l`; empty or undefined = none. */
  labelSelector?: string;
  /** `--field-selector`; empty or undefined = none. */
  fieldSelector?: string;
  /** `--all` (delete, label…): select everything of the given types. */
  selectAll?: boolean;
  /**
   * Treat a lone type argument as "list everything" (get, describe: true;
   * delete without --all: false, which yields "resource(s) were provided, but no name was specified").
   */
  allowEmptySelector?: boolean;
  /** Only one resource type allowed (logs, scale…). */
  singleResourceType?: boolean;
}

export interface ResolvedResources {
  requests: ResourceRequest[];
  /** The namespace to use ('' with -A, and for cluster-scoped kinds in requests). */
  namespace: string;
  allNamespaces: boolean;
  labelSelector: string;
  fieldSelector: string;
  /** True when the arguments named exactly one object (`pod web`, `po/web`): print it, not a List. */
  singleItemImplied: boolean;
  /** True when the arguments named objects (tuples or names), so NotFound is an error. */
  byName: boolean;
}

/**
 * Applies the builder's rules: which visitor runs (selector, resource/name,
 * names), namespace checks and kind mapping. Messages are without the
 * `error: ` prefix.
 */
export function resolveResourceArgs(parsed: ParsedResourceArgs, opts: ResolveOptions): Outcome<ResolvedResources> {
  const allNamespaces = !!opts.allNamespaces;
  const namespace = allNamespaces ? '' : opts.namespace;
  let labelSelector: string | undefined = opts.labelSelector?.trim() ? opts.labelSelector.trim() : undefined;
  const fieldSelector: string | undefined = opts.fieldSelector?.trim() ? opts.fieldSelector.trim() : undefined;
  if (opts.selectAll && (labelSelector !== undefined || fieldSelector !== undefined)) {
    return { ok: false, message: 'setting \'all\' parameter but found a non empty selector. ' };
  }
  if (parsed.selectAllImplied && labelSelector === undefined && (opts.allowEmptySelector || opts.selectAll)) labelSelector = '';
  if (opts.selectAll && labelSelector === undefined) labelSelector = '';
  const base = { namespace, allNamespaces, labelSelector: labelSelector ?? '', fieldSelector: fieldSelector ?? '' };

  const nameNamespaceCheck = (def: KindDefinition): string | undefined => {
    if (!def.namespaced) return undefined;
    if (namespace === '') {
      return allNamespaces ? 'a resource cannot be retrieved by name across all namespaces' : 'namespace may not be empty when retrieving a resource by name';
    }
    return undefined;
  };

  // visit selectors
  if (labelSelector !== undefined || fieldSelector !== undefined) {
    if (parsed.names.length > 0) return { ok: false, message: 'name cannot be provided when a selector is specified' };
    if (parsed.tuples.length > 0) return { ok: false, message: 'selectors and the all flag cannot be used when passing resource/name arguments' };
    if (parsed.types.length === 0) return { ok: false, message: 'at least one resource must be specified to use a selector' };
    const mapped = mapTypes(parsed.types, opts.singleResourceType);
    if (!mapped.ok) return mapped;
    return { ok: true, value: { ...base, requests: mapped.value.map((m) => ({ def: m.def, typeArg: m.typeArg })), singleItemImplied: false, byName: false } };
  }
  // visit items specified by resource and name
  if (parsed.tuples.length > 0) {
    if (parsed.types.length > 0) return { ok: false, message: 'you may not specify individual resources and bulk resources in the same call' };
    const requests: ResourceRequest[] = [];
    const cache = new Map<string, KindDefinition>();
    for (const t of parsed.tuples) {
      let def = cache.get(t.resource);
      if (!def) {
        const m = mappingFor(t.resource);
        if (!m.ok) return m;
        def = m.value;
        cache.set(t.resource, def);
      }
    }
    for (const t of parsed.tuples) {
      const def = cache.get(t.resource)!;
      const err = nameNamespaceCheck(def);
      if (err) return { ok: false, message: err };
      requests.push({ def, typeArg: t.resource, names: [t.name] });
    }
    return { ok: true, value: { ...base, requests, singleItemImplied: parsed.tuples.length === 1, byName: true } };
  }
  // visit items specified by name
  if (parsed.names.length > 0) {
    if (parsed.types.length === 0) return { ok: false, message: 'you must provide a resource and a resource name together' };
    if (parsed.types.length > 1) return { ok: false, message: 'you must specify only one resource' };
    const m = mappingFor(parsed.types[0]);
    if (!m.ok) return m;
    const err = nameNamespaceCheck(m.value);
    if (err) return { ok: false, message: err };
    return {
      ok: true,
      value: { ...base, requests: [{ def: m.value, typeArg: parsed.types[0], names: [...parsed.names] }], singleItemImplied: parsed.names.length === 1, byName: true },
    };
  }
  if (parsed.types.length > 0) {
    const mapped = mapTypes(parsed.types, opts.singleResourceType);
    if (!mapped.ok) return mapped;
    return { ok: false, message: 'resource(s) were provided, but no name was specified' };
  }
  return { ok: false, message: MISSING_RESOURCE_ERROR };
}

function mapTypes(types: readonly string[], single?: boolean): Outcome<{ def: KindDefinition; typeArg: string }[]> {
  if (types.length > 1 && single) return { ok: false, message: 'you may only specify a single resource type' };
  const out: { def: KindDefinition; typeArg: string }[] = [];
  for (const t of types) {
    const m = mappingFor(t);
    if (!m.ok) return m;
    // the same kind reached by two names (`po,pods`) is listed once
    if (out.some((o) => o.def === m.value)) continue;
    out.push({ def: m.value, typeArg: t });
  }
  return { ok: true, value: out };
}

/** One object the builder visited. */
export interface ResourceInfo {
  def: KindDefinition;
  namespace: string;
  name: string;
  object: KubeObject;
}

/** Objects read for one request, in the order the server returned them. */
export interface FetchedGroup {
  request: ResourceRequest;
  infos: ResourceInfo[];
}

export interface FetchResult {
  groups: FetchedGroup[];
  /** API errors in order (NotFound per missing name, Forbidden, BadRequest…). */
  errors: StatusError[];
}

/**
 * Filters objects by a selector. Label/field selector parsing lives in
 * `cluster/store/selectors.ts`; callers pass a matcher built from it, or
 * nothing when no selector is set. A parse failure is returned as a
 * BadRequest-style StatusError by the caller.
 */
export type ObjectMatcher = (obj: KubeObject) => boolean;

export interface FetchOptions {
  /** Matches `-l`/`--field-selector`; undefined = everything. */
  match?: ObjectMatcher;
  user?: UserInfo;
}

/**
 * Reads the objects: GET for each name (NotFound collected, not fatal),
 * LIST per type otherwise, in the namespace (or all namespaces).
 */
export function fetchResources(sim: Simulation, resolved: ResolvedResources, opts: FetchOptions = {}): FetchResult {
  const groups: FetchedGroup[] = [];
  const errors: StatusError[] = [];
  for (const request of resolved.requests) {
    const { def } = request;
    const infos: ResourceInfo[] = [];
    if (request.names) {
      for (const name of request.names) {
        const r = sim.api.get(def, def.namespaced ? resolved.namespace : '', name, opts.user);
        if (!r.ok) {
          errors.push(r.error);
          continue;
        }
        infos.push(toInfo(def, r.value));
      }
    } else {
      const ns = !def.namespaced || resolved.allNamespaces ? undefined : resolved.namespace;
      const r = sim.api.list(def, ns, opts.user);
      if (!r.ok) {
        errors.push(r.error);
      } else {
        for (const obj of r.value) if (!opts.match || opts.match(obj)) infos.push(toInfo(def, obj));
      }
    }
    groups.push({ request, infos });
  }
  return { groups, errors };
}

function toInfo(def: KindDefinition, object: KubeObject): ResourceInfo {
  return { def, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '', object };
}

/** Everything in one call: parse, resolve, fetch. */
export function selectResources(
  sim: Simulation,
  args: readonly string[],
  opts: ResolveOptions & FetchOptions,
): Outcome<{ resolved: ResolvedResources } & FetchResult> {
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return parsed;
  const resolved = resolveResourceArgs(parsed.value, opts);
  if (!resolved.ok) return resolved;
  const fetched = fetchResources(sim, resolved.value, opts);
  return { ok: true, value: { resolved: resolved.value, ...fetched } };
}

/**
 * kubectl's rendering of an API error (cmdutil.StandardErrorMessage):
 * `Error from server (NotFound): pods "x" not found`.
 */
export function serverErrorText(err: StatusError): string {
  return standardErrorMessage(err);
}

/**
 * `pods`, `deployment.apps`: how kubectl names a kind in `kind/name` and
 * `kind.group/name` output (lower-case Kind, plus group when not core).
 */
export function kindPrefix(def: KindDefinition): string {
  const k = def.kind.toLowerCase();
  return def.group ? `${k}.${def.group}` : k;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
