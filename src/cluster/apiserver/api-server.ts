import { cloneJson, isDict, jsonEqual, rfc3339, type KubeObject } from '../api/meta.js';
import type { ObjectStore } from '../store/object-store.js';
import type { SimClock } from '../time/sim-clock.js';
import { nameSuffix, type Rng } from '../time/rng.js';
import {
  apiVersionOf,
  kindOf,
  kindByResourceKey,
  resourceKey,
  type KindDefinition,
} from '../kinds/registry.js';
import { applyPatch, type PatchType } from './patch/index.js';
import { goValue } from './patch/go-format.js';
import {
  applySet,
  conflictMessage,
  conflictsFor,
  difference,
  entriesOf,
  mergeApplied,
  pathString,
  paths,
  printManager,
  recordUpdate,
  setEntries,
  union,
  valueAt,
  type Conflict,
  type FieldPath,
  type FieldTree,
  type ManagedFieldsEntry,
} from './managed-fields.js';
import { unknownFields } from './admission/strict-fields.js';
import {
  MODIFIED_CONFLICT,
  alreadyExists,
  badRequest,
  conflict,
  fail,
  internalError,
  invalid,
  methodNotAllowed,
  notFound,
  ok,
  type ApiResult,
  type StatusError,
} from './status-errors.js';
import type { FieldError } from './field-errors.js';

/** Who is making a request; the cluster admin when absent. */
export interface UserInfo {
  name: string;
  groups: string[];
}

export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/**
 * How the server treats fields the kind does not have (the `fieldValidation`
 * query parameter): Strict refuses the request, Warn drops them with a
 * warning, Ignore drops them silently.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  user?: UserInfo;
  /** Unset: Strict for creates, Warn for updates (what kubectl and the controllers get). */
  fieldValidation?: FieldValidation;
  /**
   * Who writes (the `fieldManager` query parameter): the fields the write
   * sets or changes become this manager's in `metadata.managedFields`.
   * Writes without one (controllers, the kubelet) leave ownership alone.
   */
  fieldManager?: string;
  /**
   * The subresource the write came through: `status` writes status only;
   * `scale` (what kubectl scale patches) is recorded as such in the
   * manager's managedFields entry.
   */
  subresource?: 'status' | 'scale';
}

/** Options of a server-side apply (PATCH with application/apply-patch+yaml). */
export interface ApplyOptions extends WriteOptions {
  /** `force=true`: take conflicting fields from their owners. */
  force?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  /** Seconds; undefined means the object's own default (pods: terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: Operation;
  def: KindDefinition;
  /** The incoming object; mutating plugins may change it in place. */
  object: KubeObject;
  old?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  api: ApiServer;
  /** Warnings for the client (`Warning: …` lines in kubectl); plugins append. */
  warnings?: string[];
  /** The request's fieldValidation directive, when the client gave one. */
  fieldValidation?: FieldValidation;
}

/**
 * An admission plugin. Mutating plugins change `req.object`; validating ones
 * return an error to refuse the request.
 */
export interface AdmissionPlugin {
  name: string;
  phase: 'mutating' | 'validating';
  admit(req: AdmissionRequest): StatusError | undefined;
}

/**
 * Decides whether a user may perform a verb; RBAC plugs in here. Returns the
 * Forbidden error, or undefined when allowed.
 */
export type Authorizer = (
  user: UserInfo,
  verb: string,
  def: KindDefinition,
  namespace: string,
  name: string,
  subresource?: string,
) => StatusError | undefined;

/**
 * The API server path every write takes, whoever makes it (kubectl,
 * controllers, the kubelet, scenario manifests): defaulting, mutating
 * admission, validation, validating admission, then the store.
 */
export class ApiServer {
  readonly admission: AdmissionPlugin[] = [];
  authorizer?: Authorizer;

  constructor(
    readonly store: ObjectStore,
    readonly clock: SimClock,
    readonly rng: Rng,
  ) {}

  /** The kind for an object's apiVersion/kind, or a BadRequest-style error kubectl would print. */
  kindFor(obj: KubeObject): ApiResult<KindDefinition> {
    const def = kindOf(obj.apiVersion, obj.kind);
    if (!def) {
      return fail(badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`));
    }
    return ok(def);
  }

  /**
   * Receives the warnings of reads, which return no result to carry them
   * (`v1 ComponentStatus is deprecated in v1.19+`): kubectl's warning
   * handler prints them. Writes return their warnings with the result.
   */
  onWarning?: (text: string) => void;

  get(def: KindDefinition, namespace: string, name: string, user?: UserInfo): ApiResult<KubeObject> {
    const denied = this.authorize(user, 'get', def, namespace, name);
    if (denied) return fail(denied);
    this.warnIfDeprecated(def);
    if (def.computed) {
      const found = def.computed.list(this.store).find((o) => o.metadata.name === name);
      // The storage returns a plain error, which the API server sends as an InternalError.
      return found ? ok(found) : fail(internalError(def.computed.notFound(name)));
    }
    const obj = this.store.get(resourceKey(def), def.namespaced ? namespace : '', name);
    return obj ? ok(obj) : fail(notFound(def, name));
  }

  /**
   * The SelfSubjectReview a user's request is answered with (`kubectl auth
   * whoami`): nothing is stored; the answer carries the time it was made and
   * the user as authenticated (no UID or extra for the simulation's users).
   *
   * @see kubernetes/pkg/registry/authentication/selfsubjectreview/rest.go Create
   */
  selfSubjectReview(user: UserInfo = ADMIN): KubeObject {
    return {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: rfc3339(this.clock.now()) },
      status: { userInfo: { username: user.name, groups: [...user.groups] } },
    };
  }

  /** Lists objects; `namespace` undefined lists across all namespaces. */
  list(def: KindDefinition, namespace: string | undefined, user?: UserInfo): ApiResult<readonly KubeObject[]> {
    const denied = this.authorize(user, 'list', def, namespace ?? '', '');
    if (denied) return fail(denied);
    this.warnIfDeprecated(def);
    if (def.computed) return ok(def.computed.list(this.store));
    return ok(this.store.list(resourceKey(def), def.namespaced ? namespace : undefined));
  }

  /** @see k8s.io/apiserver/pkg/endpoints/deprecation WarningMessage */
  private warnIfDeprecated(def: KindDefinition): void {
    if (def.deprecatedSince) this.onWarning?.(`${apiVersionOf(def)} ${def.kind} is deprecated in ${def.deprecatedSince}+`);
  }

  create(input: KubeObject, opts: WriteOptions = {}): ApiResult<KubeObject> {
    const found = this.kindFor(input);
    if (!found.ok) return found;
    const def = found.value;
    if (def.computed) return fail(READ_ONLY);
    const obj = cloneJson(input);
    obj.apiVersion = apiVersionOf(def);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (!def.namespaced) delete meta.namespace;
    else if (!meta.namespace) meta.namespace = 'default';
    const namespace = meta.namespace ?? '';

    if (!meta.name && meta.generateName) meta.name = meta.generateName + nameSuffix(this.rng);
    if (!meta.name) {
      return fail(invalid(def.kind, def.group, '', [{ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' }]));
    }
    const denied = this.authorize(opts.user, 'create', def, namespace, '');
    if (denied) return fail(denied);
    if (def.namespaced) {
      const ns = this.store.get('namespaces', '', namespace);
      if (!ns) return fail(notFound({ resource: 'namespaces', group: '' }, namespace));
      if ((ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        return fail({
          ...notFound({ resource: def.resource, group: def.group }, meta.name),
          reason: 'Forbidden',
          code: 403,
          message: `${def.group ? `${def.resource}.${def.group}` : def.resource} "${meta.name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        });
      }
    }
    if (this.store.get(resourceKey(def), namespace, meta.name)) return fail(alreadyExists(def, meta.name));

    // System-owned metadata is never taken from the client.
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.rng.uid();
    meta.creationTimestamp = rfc3339(this.clock.now());
    if (def.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    if (def.statusSubresource && def.kind !== 'Pod' && def.kind !== 'Node' && def.kind !== 'Namespace') delete obj.status;
    // PrepareForCreate: a new pod's status is the server's own (Pending and its QoS class, set by defaulting),
    // whatever the client sent (kubectl run sends `status: {}`).
    if (def.kind === 'Pod') delete obj.status;

    const prepared = this.prepare('CREATE', def, obj, undefined, opts);
    if (!prepared.ok) return prepared;
    if (opts.fieldManager && !this.applying) recordUpdate(undefined, prepared.value, def.kind, opts.fieldManager, rfc3339(this.clock.now()));
    if (opts.dryRun) return ok(prepared.value, prepared.warnings);
    return ok(this.store.insert(resourceKey(def), prepared.value), prepared.warnings);
  }

  /** Set while apply() writes, so its own managedFields are not recomputed as an Update. */
  private applying = false;

  /**
   * Server-side apply: `config` (the applied configuration) is merged into
   * the live object, or creates it. Fields another manager set to a
   * different value are conflicts (409) unless `force`; for the manager
   * `kubectl`, fields the client-side-apply annotation shows as its own are
   * taken over without conflict, and that annotation is kept in step with
   * the configuration.
   *
   * @see k8s.io/apimachinery/pkg/util/managedfields/internal (structuredmerge.go, lastappliedmanager.go, lastappliedupdater.go)
   * @see k8s.io/apiserver/pkg/endpoints/handlers/patch.go applyPatcher
   */
  apply(def: KindDefinition, namespace: string, name: string, body: unknown, opts: ApplyOptions = {}): ApiResult<KubeObject> {
    let config: unknown = body;
    if (typeof body === 'string') {
      try {
        config = JSON.parse(body);
      } catch (e) {
        return fail(badRequest(`error decoding YAML: ${(e as Error).message}`));
      }
    }
    if (!isDict(config) || !isDict(config.metadata)) return fail(badRequest('error decoding YAML: the applied configuration is not an object'));
    const manager = opts.fieldManager;
    if (def.computed) return fail(READ_ONLY);
    if (!manager) return fail(badRequest('PATCH, application/apply-patch+yaml requests require fieldManager to be set'));
    const cfg = cloneJson(config) as unknown as KubeObject;
    const ns = def.namespaced ? namespace : '';
    if (def.namespaced) cfg.metadata.namespace = namespace;
    cfg.metadata.name = name;
    delete cfg.metadata.managedFields;
    const configSet = applySet(cfg, def.kind);
    const now = rfc3339(this.clock.now());
    const entry = (fields: FieldTree, previous?: ManagedFieldsEntry): ManagedFieldsEntry => ({
      manager,
      operation: 'Apply',
      apiVersion: cfg.apiVersion,
      // The time moves only when the manager's fields do.
      time: previous && jsonEqual(previous.fieldsV1, fields) && previous.time ? previous.time : now,
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    });
    const current = this.store.get(resourceKey(def), ns, name);
    if (!current) {
      const obj = cloneJson(cfg);
      setEntries(obj, [entry(configSet)]);
      return this.withApplying(() => this.create(obj, opts));
    }
    let conflicts = conflictsFor(current, cfg, configSet, manager);
    let force = !!opts.force;
    if (conflicts.length > 0 && !force && manager === 'kubectl') {
      const allowed = this.allowedFromLastApplied(current, def.kind);
      if (allowed) {
        conflicts = conflicts.filter((c) => !allowed.some((p) => jsonEqual(p, c.path)));
        force = conflicts.length === 0;
      }
    }
    if (conflicts.length > 0 && !force) return fail(applyConflict(def, name, conflicts));
    const entries = entriesOf(current);
    const mine = entries.find((e) => e.manager === manager && e.operation === 'Apply' && !e.subresource);
    const taken = force ? conflicts.map((c) => c.path) : [];
    const others = entries.filter((e) => e !== mine).map((e) => ({ ...e, fieldsV1: difference(e.fieldsV1, taken) }));
    const othersSet = others.reduce<FieldTree>((acc, e) => union(acc, e.fieldsV1), {});
    const merged = mergeApplied(current, cfg, def.kind, mine?.fieldsV1 ?? {}, configSet, othersSet);
    const annotations = merged.metadata.annotations;
    if (manager === 'kubectl' && annotations && LAST_APPLIED in annotations) {
      annotations[LAST_APPLIED] = lastAppliedOf(cfg);
    }
    setEntries(merged, [...others, entry(configSet, mine)]);
    return this.withApplying(() => this.update(merged, opts));
  }

  private withApplying(f: () => ApiResult<KubeObject>): ApiResult<KubeObject> {
    this.applying = true;
    try {
      return f();
    } finally {
      this.applying = false;
    }
  }

  /** The fields the last-applied annotation shows with the values the object still has. */
  private allowedFromLastApplied(live: KubeObject, kind: string): FieldPath[] | undefined {
    const text = live.metadata.annotations?.[LAST_APPLIED];
    if (!text) return undefined;
    let last: unknown;
    try {
      last = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!isDict(last) || last.apiVersion !== live.apiVersion) return undefined;
    const lastObj = last as unknown as KubeObject;
    if (!isDict(lastObj.metadata)) lastObj.metadata = {};
    return paths(applySet(lastObj, kind)).filter((p) => jsonEqual(valueAt(lastObj, p), valueAt(live, p)));
  }

  /** Replaces spec and metadata; status is kept as stored for kinds with a status subresource. */
  update(input: KubeObject, opts: WriteOptions = {}): ApiResult<KubeObject> {
    return this.write(input, opts, 'spec');
  }

  /** Replaces status only (the status subresource). */
  updateStatus(input: KubeObject, opts: WriteOptions = {}): ApiResult<KubeObject> {
    return this.write(input, opts, 'status');
  }

  /**
   * The pods/ephemeralcontainers subresource (what `kubectl debug` writes):
   * only spec.ephemeralContainers is taken from `input`; existing ephemeral
   * containers may not be changed or removed, and names must be unique in the pod.
   */
  updateEphemeralContainers(input: KubeObject, opts: WriteOptions = {}): ApiResult<KubeObject> {
    const found = this.kindFor(input);
    if (!found.ok) return found;
    const def = found.value;
    const namespace = input.metadata?.namespace ?? 'default';
    const name = input.metadata?.name ?? '';
    const current = this.store.get('pods', namespace, name);
    if (def.kind !== 'Pod' || !current) return fail(notFound(def, name));
    const denied = this.authorize(opts.user, 'update', def, namespace, name, 'ephemeralcontainers');
    if (denied) return fail(denied);
    const spec = isDict(current.spec) ? current.spec : {};
    const want = isDict(input.spec) && Array.isArray(input.spec.ephemeralContainers) ? (input.spec.ephemeralContainers as Record<string, unknown>[]) : [];
    const have = Array.isArray(spec.ephemeralContainers) ? (spec.ephemeralContainers as Record<string, unknown>[]) : [];
    const errors: FieldError[] = [];
    have.forEach((old, i) => {
      const now = want.find((c) => c.name === old.name);
      if (!now || !jsonEqual(now, old)) errors.push({ type: 'Forbidden', field: `spec.ephemeralContainers[${i}]`, detail: 'existing ephemeral containers may not be changed' });
    });
    const names = new Set<string>();
    for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) for (const c of list as Record<string, unknown>[]) names.add(String(c.name));
    want.forEach((c, i) => {
      if (typeof c.name !== 'string' || c.name === '') errors.push({ type: 'Required', field: `spec.ephemeralContainers[${i}].name`, detail: '' });
      else if (names.has(c.name)) errors.push({ type: 'Duplicate', field: `spec.ephemeralContainers[${i}].name`, value: c.name });
      else names.add(c.name);
      if (typeof c.image !== 'string' || c.image === '') errors.push({ type: 'Required', field: `spec.ephemeralContainers[${i}].image`, detail: '' });
      const target = c.targetContainerName;
      const regular = Array.isArray(spec.containers) ? (spec.containers as Record<string, unknown>[]) : [];
      if (typeof target === 'string' && target !== '' && !regular.some((r) => r.name === target)) {
        errors.push({ type: 'NotFound', field: `spec.ephemeralContainers[${i}].targetContainerName`, value: target });
      }
    });
    if (errors.length > 0) return fail(invalid(def.kind, def.group, name, errors));
    const next: KubeObject = { ...current, metadata: { ...current.metadata }, spec: { ...spec, ephemeralContainers: cloneJson(want) } };
    delete next.metadata.resourceVersion;
    if (opts.dryRun) return ok(next);
    return ok(this.store.replace('pods', next, { owned: true }));
  }

  patch(
    def: KindDefinition,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions = {},
  ): ApiResult<KubeObject> {
    if (def.computed) return fail(READ_ONLY);
    const current = this.store.get(resourceKey(def), def.namespaced ? namespace : '', name);
    if (!current) return fail(notFound(def, name));
    const patched = applyPatch(current, type, patch);
    if (!patched.ok) return patched;
    const next = patched.value;
    if (opts.fieldValidation === 'Strict') {
      const unknown = unknownFields(def.kind, next);
      if (unknown.length > 0) return fail(strictPatchError(type, patch, next, unknown));
    }
    // A patch applies to the current version unless it names one itself.
    if (!isDict(patch) || !isDict(patch.metadata) || patch.metadata.resourceVersion === undefined) {
      next.metadata.resourceVersion = current.metadata.resourceVersion;
    }
    return opts.subresource === 'status' ? this.updateStatus(next, opts) : this.update(next, opts);
  }

  /**
   * Deletes an object. Pods bound to a node get a graceful deletion (a
   * deletionTimestamp; the kubelet finishes it); objects with finalizers
   * wait for them; everything else goes at once and dependents are collected
   * by the garbage collector.
   */
  delete(def: KindDefinition, namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<KubeObject> {
    if (def.computed) return fail(READ_ONLY);
    const ns = def.namespaced ? namespace : '';
    const current = this.store.get(resourceKey(def), ns, name);
    if (!current) return fail(notFound(def, name));
    const denied = this.authorize(opts.user, 'delete', def, ns, name);
    if (denied) return fail(denied);
    // Validating admission sees deletes too (NamespaceLifecycle protects system namespaces).
    const deleteReq: AdmissionRequest = { operation: 'DELETE', def, object: current, old: current, user: opts.user ?? ADMIN, dryRun: !!opts.dryRun, api: this };
    for (const plugin of this.admission) {
      if (plugin.phase !== 'validating') continue;
      const err = plugin.admit(deleteReq);
      if (err) return fail(err);
    }
    if (opts.dryRun) return ok(current);

    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(current);

    const graceful = this.gracePeriodFor(def, current, opts.gracePeriodSeconds);
    const finalizers = current.metadata.finalizers ?? [];
    if (graceful > 0 || finalizers.length > 0 || def.kind === 'Namespace') {
      if (current.metadata.deletionTimestamp && !(def.kind === 'Pod' && opts.gracePeriodSeconds === 0)) return ok(current);
      if (current.metadata.deletionTimestamp && def.kind === 'Pod' && opts.gracePeriodSeconds === 0 && finalizers.length === 0) {
        return ok(this.store.remove(resourceKey(def), ns, name)!);
      }
      const next = cloneJson(current);
      next.metadata.deletionTimestamp = rfc3339(this.clock.now() + graceful * 1000);
      next.metadata.deletionGracePeriodSeconds = graceful;
      if (def.tracksGeneration) next.metadata.generation = (next.metadata.generation ?? 1) + 1;
      if (def.kind === 'Namespace') next.status = { ...(isDict(next.status) ? next.status : {}), phase: 'Terminating' };
      return ok(this.store.replace(resourceKey(def), next));
    }
    return ok(this.store.remove(resourceKey(def), ns, name)!);
  }

  /** Removes an object whose graceful deletion or finalizers are done. */
  finalize(def: KindDefinition, namespace: string, name: string): void {
    this.store.remove(resourceKey(def), def.namespaced ? namespace : '', name);
  }

  private gracePeriodFor(def: KindDefinition, obj: KubeObject, requested: number | undefined): number {
    if (def.kind !== 'Pod') return 0;
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    // An unscheduled pod has no kubelet to wait for: it goes at once.
    if (!spec?.nodeName) return 0;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    if (requested !== undefined) return Math.max(0, requested);
    return spec.terminationGracePeriodSeconds ?? 30;
  }

  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const key of this.store.resources()) {
      for (const dep of this.store.list(key)) {
        const refs = dep.metadata.ownerReferences;
        if (!refs?.some((r) => r.uid === uid)) continue;
        const next = cloneJson(dep);
        next.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
        if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
        this.store.replace(key, next);
      }
    }
  }

  private write(input: KubeObject, opts: WriteOptions, part: 'spec' | 'status'): ApiResult<KubeObject> {
    const found = this.kindFor(input);
    if (!found.ok) return found;
    const def = found.value;
    if (def.computed) return fail(READ_ONLY);
    const namespace = def.namespaced ? (input.metadata?.namespace ?? 'default') : '';
    const name = input.metadata?.name ?? '';
    const key = resourceKey(def);
    const current = this.store.get(key, namespace, name);
    if (!current) return fail(notFound(def, name));
    const denied = this.authorize(opts.user, part === 'status' ? 'update' : 'update', def, namespace, name, part === 'status' ? 'status' : undefined);
    if (denied) return fail(denied);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) return fail(conflict(def, name, MODIFIED_CONFLICT));

    if (part === 'status') return this.writeStatus(def, key, current, input, opts);

    let obj: KubeObject;
    {
      obj = cloneJson(input);
      obj.apiVersion = apiVersionOf(def);
      if (def.statusSubresource) {
        if (current.status === undefined) delete obj.status;
        else obj.status = cloneJson(current.status);
      }
      // Fields the server owns survive any update.
      const m = obj.metadata;
      const c = current.metadata;
      m.uid = c.uid;
      m.creationTimestamp = c.creationTimestamp;
      m.namespace = c.namespace;
      if (!def.namespaced) delete m.namespace;
      if (c.deletionTimestamp) m.deletionTimestamp = c.deletionTimestamp;
      else delete m.deletionTimestamp;
      if (c.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
      else delete m.deletionGracePeriodSeconds;
      delete m.generation;
      if (c.generation !== undefined) m.generation = c.generation;
    }
    delete obj.metadata.resourceVersion;

    // A client that sends no managedFields keeps the stored ones.
    if (obj.metadata.managedFields === undefined && current.metadata.managedFields !== undefined) obj.metadata.managedFields = cloneJson(current.metadata.managedFields);
    const prepared = this.prepare('UPDATE', def, obj, current, opts);
    if (!prepared.ok) return prepared;
    const next = prepared.value;
    if (part === 'spec' && def.tracksGeneration && specChanged(current, next)) {
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    if (opts.fieldManager && !this.applying && !sameContent(withoutManaged(current), withoutManaged(next))) {
      recordUpdate(current, next, def.kind, opts.fieldManager, rfc3339(this.clock.now()), opts.subresource === 'scale' ? 'scale' : undefined);
    }
    if (sameContent(current, next)) return ok(current, prepared.warnings);
    // A dry run stores nothing: the answer keeps the version it was computed from.
    if (opts.dryRun) return ok({ ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } }, prepared.warnings);
    return ok(this.store.replace(key, next, { owned: true }), prepared.warnings);
  }

  /**
   * The status subresource: only status changes, so the stored spec and
   * metadata are shared with the new version rather than copied (the hot
   * path: kubelets and controllers write status far more often than anyone
   * writes spec). Spec defaulting, validation and admission do not apply to
   * status writes, as in the API server's status strategies.
   */
  private writeStatus(def: KindDefinition, key: string, current: KubeObject, input: KubeObject, opts: WriteOptions): ApiResult<KubeObject> {
    const status = input.status === undefined ? undefined : cloneJson(input.status);
    if (jsonEqual(status, current.status)) return ok(current);
    const next: KubeObject = { ...current, metadata: { ...current.metadata } };
    if (status === undefined) delete next.status;
    else next.status = status;
    delete next.metadata.resourceVersion;
    if (opts.dryRun) return ok(next);
    void def;
    return ok(this.store.replace(key, next, { owned: true }));
  }

  /** Defaulting, admission and validation, shared by create and update. */
  private prepare(
    operation: Operation,
    def: KindDefinition,
    obj: KubeObject,
    old: KubeObject | undefined,
    opts: WriteOptions,
  ): ApiResult<KubeObject> {
    const user = opts.user ?? ADMIN;
    def.applyDefaults?.(obj);
    const req: AdmissionRequest = { operation, def, object: obj, old, user, dryRun: !!opts.dryRun, api: this, warnings: [], fieldValidation: opts.fieldValidation };
    for (const plugin of this.admission) {
      if (plugin.phase !== 'mutating') continue;
      const err = plugin.admit(req);
      if (err) return fail(err);
    }
    const errors: FieldError[] = def.validate?.(obj, old) ?? [];
    if (errors.length > 0) return fail(invalid(def.kind, def.group, obj.metadata.name ?? '', errors));
    // The strategy's warnings come after mutating admission's and before validating admission's.
    const warnings = def.warnings?.(obj, old);
    if (warnings?.length) (req.warnings ??= []).push(...warnings);
    for (const plugin of this.admission) {
      if (plugin.phase !== 'validating') continue;
      const err = plugin.admit(req);
      if (err) return fail(err);
    }
    return ok(obj, req.warnings);
  }

  private authorize(
    user: UserInfo | undefined,
    verb: string,
    def: KindDefinition,
    namespace: string,
    name: string,
    subresource?: string,
  ): StatusError | undefined {
    if (!user || !this.authorizer) return undefined;
    return this.authorizer(user, verb, def, namespace, name, subresource);
  }
}

/** What a write to a kind that only serves get and list gets (no storage implements the verb). */
const READ_ONLY = methodNotAllowed('the server does not allow this method on the requested resource');

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !sameValue(strip(a), strip(b));
}

/**
 * Whether two JSON values are equal whatever the order of their keys (a
 * patch or a restored server field moves keys around; the API server
 * compares decoded objects). The ordered comparison is the fast path.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (jsonEqual(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isDict(a) || !isDict(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => k in b && sameValue(a[k], b[k]));
}

function withoutManaged(o: KubeObject): KubeObject {
  return { ...o, metadata: { ...o.metadata, managedFields: undefined } };
}

/** The annotation client-side apply reads: the configuration without it, as Go's json.Encoder writes it. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function lastAppliedOf(cfg: KubeObject): string {
  const c = cloneJson(cfg);
  if (c.metadata.annotations) delete c.metadata.annotations[LAST_APPLIED];
  return sortedJson(c) + '\n';
}

/**
 * The 409 an apply with conflicts gets: reason Conflict, the message of
 * conflict.go, one FieldManagerConflict cause per field.
 */
function applyConflict(def: KindDefinition, name: string, conflicts: Conflict[]): StatusError {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'Conflict',
    code: 409,
    message: conflictMessage(conflicts),
    details: {
      name,
      group: def.group,
      kind: def.resource,
      causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c)}`, field: pathString(c.path) })),
    },
  };
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return sameValue(strip(a), strip(b));
}

/** Finds a kind by its storage key, for callers that hold only a resource name. */
export function kindForResource(key: string): KindDefinition | undefined {
  return kindByResourceKey(key);
}

/**
 * A patch whose result has fields the kind does not know, under
 * fieldValidation=Strict: an Invalid status with no kind or name and one
 * cause on `patch`, whose value is the decoded strategic patch as Go's %+v
 * prints a map (merge and JSON patches show the patched object's JSON).
 *
 * @see k8s.io/apiserver/pkg/endpoints/handlers/patch.go applyPatchToObject, jsonPatcher.applyPatchToCurrentObject
 */
function strictPatchError(type: PatchType, patch: unknown, patched: KubeObject, unknown: string[]): StatusError {
  const value = type === 'strategic' ? goValue(patch) : sortedJson(patched);
  const detail = `strict decoding error: ${unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ')}`;
  return invalid('', '', '', [{ type: 'Invalid', field: 'patch', value, detail }]);
}

function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (isDict(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])]));
    return x;
  };
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
