import { createHash } from 'node:crypto';
import { parseQuantity } from '../api/quantity.js';
import { BUILTIN_IMAGES, type ImageEntry } from './catalogue.js';
import { emptyPlan, type ProcessPlan } from './process.js';
import { BUSYBOX, BUSYBOX_TOOLS } from './programs.js';
import { parseImageRef, type ImageRef } from './reference.js';
import { PlanBuilder, type Outcome, type Program, type RunContext } from './shell.js';

export { parseImageRef, defaultPullPolicy, type ImageRef } from './reference.js';
export type { RunContext } from './shell.js';
export * from './process.js';

/**
 * The network's verdict on a connection attempt from a pod, registered by the
 * network module with `sim.images.setConnectivity(fn)`. `port` 0 asks for DNS
 * resolution only. Until one is registered every host is reachable.
 */
export type ConnectivityCheck = (
  from: { namespace: string; pod: string },
  host: string,
  port: number,
) => 'ok' | 'refused' | 'timeout' | 'nxdomain';

/** A quantity as YAML gives it: `256Mi`, `0.5`, `100m`, or a number. */
export type QuantityString = string | number;

/**
 * What a scenario-defined image does when it runs. Every field is optional;
 * a bare `{}` is an image that starts, listens nowhere and runs forever.
 * Times are in seconds after the container starts.
 *
 * ```yaml
 * images:
 *   shop/checkout:2.1:
 *     memory: { start: 80Mi, perSecond: 2Mi, max: 600Mi }   # leaks until OOMKilled under a 512Mi limit
 *     ports: [8080]
 *     http: { /healthz: 200, /: 200 }
 *     startupSeconds: 5
 *     requiredEnv:
 *       - { name: DB_HOST, log: "FATAL: DB_HOST is not set", exitCode: 1, afterSeconds: 2 }
 *     connects:
 *       - { host: postgres, port: 5432, log: "dial tcp: lookup postgres: no such host", exitCode: 1 }
 *     logs: ["starting checkout 2.1", { at: 5, text: "listening on :8080" }]
 * ```
 */
export interface ImageSpec {
  /** Compressed image size (`72950534`, `70Mi`); default 50Mi. */
  size?: QuantityString;
  /** The registry refuses anonymous pulls: pulling needs an imagePullSecret (`pull access denied …`). */
  private?: boolean;
  /** Already on every node (no pull, `already present on machine`). */
  preloaded?: boolean;
  /**
   * ENTRYPOINT; default `["/app"]`. An absolute path is also where the binary
   * is: a `command` naming it elsewhere fails (`stat /usr/bin/app: no such file
   * or directory`), and its bare name runs only if that directory is on PATH.
   */
  entrypoint?: string[];
  /** CMD; default none. */
  cmd?: string[];
  /** ENV baked into the image. */
  env?: Record<string, string>;
  /**
   * Resident memory: a constant (`300Mi`) or a curve starting at `start`,
   * growing by `perSecond` up to `max`. Over the container's memory limit
   * the process is OOMKilled (exit 137) at the exact crossing instant.
   */
  memory?:
    QuantityString | { start?: QuantityString; perSecond?: QuantityString; max?: QuantityString };
  /** CPU use while running (`250m`, `1`). */
  cpu?: QuantityString;
  /**
   * Ports it listens on (TCP unless said otherwise). `localhostOnly` binds
   * 127.0.0.1 (other pods get connection refused); `http: false` for a
   * non-HTTP socket; `afterSeconds` overrides `startupSeconds` per port.
   */
  ports?: (
    | number
    | {
        port: number;
        protocol?: 'TCP' | 'UDP';
        http?: boolean;
        localhostOnly?: boolean;
        afterSeconds?: number;
      }
  )[];
  /** Seconds between start and listening. */
  startupSeconds?: number;
  /**
   * HTTP answers by path: a status, or `{ status, body, fromSeconds, untilSeconds }`,
   * or a list of those for answers that change over time. Unlisted paths answer 404.
   */
  http?: Record<string, number | HttpAnswerSpec | HttpAnswerSpec[]>;
  /** Log lines: text printed at start, or `{ at: seconds, text }`. Multi-line texts split into lines. */
  logs?: (string | { at: number; text: string })[];
  /** Lines printed every `every` seconds while running (a heartbeat, an access log). */
  repeatLogs?: { every: number; lines: string[]; from?: number };
  /** Exits by itself after `afterSeconds` with `code` (0 = Completed). */
  exit?: { code: number; afterSeconds?: number; log?: string | string[] };
  /** Environment variables it needs; a missing (or empty) one prints `log` and exits with `exitCode` (default 1). */
  requiredEnv?: {
    name: string;
    log?: string | string[];
    exitCode?: number;
    afterSeconds?: number;
  }[];
  /** Files it needs (a mounted ConfigMap key, a secret); missing → log and exit. */
  requiredFiles?: {
    path: string;
    log?: string | string[];
    exitCode?: number;
    afterSeconds?: number;
  }[];
  /**
   * Hosts it connects to at start (`db:5432`, a Service name). When the
   * network says the connection fails, it prints `log` (default: a Go-style
   * dial error) and exits with `exitCode` (default 1) after `afterSeconds`.
   */
  connects?: {
    host: string;
    port: number;
    log?: string | string[];
    exitCode?: number;
    afterSeconds?: number;
  }[];
  /**
   * The image's USER (`1000`, `1000:1000`, `app`); default root. With
   * `runAsNonRoot: true` and no `runAsUser`, root gives CreateContainerConfigError
   * (`container has runAsNonRoot and image will run as root …`) and a name gives
   * `… image has non-numeric user (app), cannot verify user is non-root …`.
   */
  user?: string;
  /** Programs present (`sh`, `wget`, `curl`, `nc`, `nslookup`, …); default: none (distroless). */
  tools?: string[];
  /** Files inside the image. */
  files?: Record<string, string>;
  /** SIGTERM: `exit` (default, after `stopSeconds`) or `ignore` (killed with 137 at the end of the grace period). */
  onSigterm?: 'exit' | 'ignore';
  stopSeconds?: number;
}

export interface HttpAnswerSpec {
  status: number;
  body?: string;
  /** Seconds the answer takes: longer than a probe's timeoutSeconds fails the probe. */
  delaySeconds?: number;
  fromSeconds?: number;
  untilSeconds?: number;
}

/** An image the registry can serve. */
export interface ResolvedImage {
  ref: ImageRef;
  entry: ImageEntry;
  /** `docker.io/library/nginx@sha256:…` (status.containerStatuses[].imageID). */
  imageID: string;
  size: number;
}

export type PullVerdict =
  | { ok: true; image: ResolvedImage }
  | { ok: false; reason: 'ErrImagePull' | 'InvalidImageName'; message: string };

/** The images the simulated registries know, and what each does when run. */
export class ImageCatalog {
  private readonly byRepo = new Map<string, ImageEntry>();
  private connectivity?: ConnectivityCheck;

  constructor(readonly scenarioImages: Record<string, ImageSpec>) {
    for (const e of BUILTIN_IMAGES) this.byRepo.set(e.repository, e);
    for (const [ref, spec] of Object.entries(scenarioImages)) this.define(ref, spec);
  }

  /** Adds (or replaces) a scenario image. The reference's tag is the only known tag unless several are defined. */
  define(reference: string, spec: ImageSpec): void {
    const p = parseImageRef(reference);
    if (!p.ok) throw new Error(`invalid image reference in scenario: ${reference}`);
    const existing = this.byRepo.get(p.ref.repository);
    const tag = p.ref.tag ?? 'latest';
    const built = scenarioEntry(p.ref.repository, tag, spec);
    const perTagOf = existing as
      (ImageEntry & { perTag?: Map<string, ImageEntry>; builtin?: boolean }) | undefined;
    if (perTagOf?.builtin && perTagOf.perTag) {
      perTagOf.perTag.set(tag, built);
      if (perTagOf.tags !== '*' && !perTagOf.tags.includes(tag))
        perTagOf.tags = [...perTagOf.tags, tag];
      return;
    }
    if (existing && BUILTIN_IMAGES.includes(existing)) {
      // A scenario tag of a public image (`nginx:1.99-broken`): the other tags stay as they are.
      const merged: ImageEntry & { perTag?: Map<string, ImageEntry>; builtin?: boolean } = {
        ...existing,
        tags: existing.tags === '*' ? '*' : [...existing.tags.filter((t) => t !== tag), tag],
        perTag: new Map([[tag, built]]),
        builtin: true,
      };
      this.byRepo.set(p.ref.repository, merged);
      return;
    }
    if (existing && existing.tags !== '*' && !BUILTIN_IMAGES.includes(existing)) {
      // Several tags of one scenario repository: keep a per-tag table.
      const perTag =
        (existing as ImageEntry & { perTag?: Map<string, ImageEntry> }).perTag ??
        new Map([[String(existing.tags[0]), existing]]);
      perTag.set(tag, built);
      const merged: ImageEntry & { perTag?: Map<string, ImageEntry> } = {
        ...built,
        tags: [...perTag.keys()],
        perTag,
      };
      this.byRepo.set(p.ref.repository, merged);
    } else this.byRepo.set(p.ref.repository, built);
  }

  setConnectivity(fn: ConnectivityCheck | undefined): void {
    this.connectivity = fn;
  }

  connect(
    from: { namespace: string; pod: string },
    host: string,
    port: number,
  ): 'ok' | 'refused' | 'timeout' | 'nxdomain' {
    try {
      return this.connectivity ? this.connectivity(from, host, port) : 'ok';
    } catch {
      return 'ok';
    }
  }

  /** Whether the image is on every node from the start. */
  preloaded(image: string): boolean {
    const r = this.resolve(image, true);
    return r.ok && !!r.image.entry.preloaded;
  }

  /**
   * What pulling `image` gives: the image, or containerd's error text as
   * the kubelet reports it in the `Failed` event.
   */
  resolve(image: string, hasCredentials: boolean): PullVerdict {
    const p = parseImageRef(image);
    if (!p.ok) return { ok: false, reason: 'InvalidImageName', message: p.message };
    const ref = p.ref;
    const full = ref.full;
    const base = this.byRepo.get(ref.repository);
    const knownDomain = [
      'docker.io',
      'registry.k8s.io',
      'quay.io',
      'ghcr.io',
      'gcr.io',
      'mcr.microsoft.com',
      'public.ecr.aws',
    ].includes(ref.domain);
    if (!base) {
      if (!knownDomain) {
        const [host] = ref.domain.split(':');
        return {
          ok: false,
          reason: 'ErrImagePull',
          message: `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${host}: no such host`,
        };
      }
      if (ref.domain === 'docker.io')
        return { ok: false, reason: 'ErrImagePull', message: accessDenied(full) };
      return { ok: false, reason: 'ErrImagePull', message: notFound(full) };
    }
    const entry =
      (base as ImageEntry & { perTag?: Map<string, ImageEntry> }).perTag?.get(ref.tag ?? '') ??
      base;
    if (entry.private && !hasCredentials)
      return { ok: false, reason: 'ErrImagePull', message: accessDenied(full) };
    if (
      ref.tag !== undefined &&
      entry.tags !== '*' &&
      !entry.tags.includes(ref.tag) &&
      !ref.digest
    ) {
      return { ok: false, reason: 'ErrImagePull', message: notFound(full) };
    }
    return {
      ok: true,
      image: {
        ref,
        entry,
        imageID: `${ref.repository}@sha256:${digestOf(ref.repository + ':' + (ref.digest ?? ref.tag))}`,
        size: entry.size,
      },
    };
  }

  /**
   * Plans what the container's process does. `command`/`args` are the pod
   * spec's overrides of ENTRYPOINT/CMD.
   */
  plan(
    image: ResolvedImage,
    command: string[] | undefined,
    args: string[] | undefined,
    ctx: RunContext,
  ): ProcessPlan {
    const e = image.entry;
    const argv =
      command && command.length > 0
        ? [...command, ...(args ?? [])]
        : [...e.entrypoint, ...(args && args.length > 0 ? args : e.cmd)];
    const plan = emptyPlan(argv);
    plan.memory = { start: e.memory, perSecond: 0, max: e.memory };
    plan.cpuMillis = e.cpu;
    plan.tools = new Set(e.tools);
    plan.sigterm = { ...e.sigterm };
    // An image found running that the catalogue does not know: it just keeps running.
    if (e.tags === '*' && Object.keys(e.programs).length === 0) return plan;
    if (argv.length === 0) {
      plan.startError =
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown';
      return plan;
    }
    const exe = argv[0].split('/').pop()!;
    const missing = execLookupError(e, argv[0], { ...e.env, ...ctx.env }.PATH);
    if (missing) {
      plan.startError = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${missing}: unknown`;
      return plan;
    }
    const b = new PlanBuilder(plan, { ...ctx, env: { ...e.env, ...ctx.env } }, e.programs);
    let out: Outcome;
    try {
      out = e.programs[exe] ? b.run(argv) : { kind: 'forever' };
    } catch {
      out = { kind: 'forever' };
    }
    if (out.kind === 'exit') plan.exit = { at: Math.max(b.t, 10), code: out.code };
    // The image's own memory baseline holds unless a program set a curve.
    return plan;
  }
}

/**
 * runc's words when `prog` is not an executable in the image (Go's
 * exec.LookPath: a name with a slash is stat-ed as it is, a bare name is
 * searched along PATH), or undefined when it is.
 */
export function execLookupError(e: ImageEntry, prog: string, path: string | undefined): string | undefined {
  if (findExecutable(e, prog, path)) return undefined;
  return prog.includes('/')
    ? `exec: "${prog}": stat ${prog}: no such file or directory`
    : `exec: "${prog}": executable file not found in $PATH`;
}

/**
 * Whether `prog` names an executable in the image: a path containing `/` must
 * be where the image has it (when the catalogue says where); a bare name must
 * be in a directory on PATH.
 */
function findExecutable(e: ImageEntry, prog: string, path: string | undefined): boolean {
  const exe = prog.split('/').pop()!;
  if (!e.programs[exe] && !e.tools.includes(exe)) return false;
  const at = e.paths?.[exe];
  if (at === undefined) return true;
  if (prog.startsWith('/')) return normalize(prog) === at;
  if (prog.includes('/')) return at.endsWith('/' + prog.replace(/^(\.\/)+/, ''));
  const dir = at.slice(0, at.lastIndexOf('/')) || '/';
  return (path ?? '').split(':').some((d) => normalize(d) === dir);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

function accessDenied(full: string): string {
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

function notFound(full: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}

/** A deterministic sha256 digest for an image. */
export function digestOf(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function bytes(q: QuantityString | undefined, dflt: number): number {
  if (q === undefined) return dflt;
  const v = parseQuantity(q);
  return v === undefined ? dflt : Math.floor(v);
}

const lines = (l: string | string[] | undefined): string[] =>
  l === undefined ? [] : Array.isArray(l) ? l : [l];

/** Turns a scenario's ImageSpec into a catalogue entry whose `/app` runs the spec. */
function scenarioEntry(repository: string, tag: string, spec: ImageSpec): ImageEntry {
  const entrypoint = spec.entrypoint ?? ['/app'];
  const exe = (entrypoint[0] ?? '/app').split('/').pop()!;
  const tools = spec.tools ?? [];
  const shellPrograms: Record<string, Program> = {};
  for (const t of tools) if (BUSYBOX[t]) shellPrograms[t] = BUSYBOX[t];
  if (tools.includes('sh'))
    for (const t of [
      'echo',
      'sleep',
      'true',
      'false',
      'cat',
      'touch',
      'rm',
      'exit',
      'env',
      'printenv',
      'date',
      'hostname',
    ])
      if (BUSYBOX[t]) shellPrograms[t] = BUSYBOX[t];
  const appProgram: Program = (b) => runSpec(b, spec);
  let memStart: number;
  let memPerSecond = 0;
  let memMax: number;
  if (typeof spec.memory === 'object' && spec.memory !== null) {
    memStart = bytes(spec.memory.start, 16 << 20);
    memPerSecond = bytes(spec.memory.perSecond, 0);
    memMax = bytes(spec.memory.max, memPerSecond > 0 ? Number.MAX_SAFE_INTEGER : memStart);
  } else {
    memStart = memMax = bytes(spec.memory, 16 << 20);
  }
  const entry: ImageEntry & { memoryCurve?: { start: number; perSecond: number; max: number } } = {
    repository,
    tags: [tag],
    size: bytes(spec.size, 50 << 20),
    private: spec.private,
    preloaded: spec.preloaded,
    ...(spec.user !== undefined ? { user: spec.user } : {}),
    entrypoint,
    cmd: spec.cmd ?? [],
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ...(spec.env ?? {}),
    },
    tools: [...new Set([...tools, exe])],
    ...((entrypoint[0] ?? '').startsWith('/') ? { paths: { [exe]: normalize(entrypoint[0]) } } : {}),
    programs: { ...shellPrograms, [exe]: appProgram },
    memory: memStart,
    cpu: Math.round((parseQuantity(spec.cpu ?? 0.005) ?? 0.005) * 1000),
    sigterm:
      spec.onSigterm === 'ignore'
        ? { exits: false, afterMs: 0, code: 137 }
        : { exits: true, afterMs: Math.round((spec.stopSeconds ?? 0.1) * 1000), code: 0 },
  };
  void memMax;
  (entry as { memoryCurve?: unknown }).memoryCurve = {
    start: memStart,
    perSecond: memPerSecond,
    max: memMax,
  };
  return entry;
}

function runSpec(b: PlanBuilder, spec: ImageSpec): Outcome {
  const plan = b.plan;
  const sec = (s: number | undefined) => Math.round((s ?? 0) * 1000);
  if (typeof spec.memory === 'object' && spec.memory !== null) {
    const start = bytes(spec.memory.start, 16 << 20);
    const perSecond = bytes(spec.memory.perSecond, 0);
    plan.memory = {
      start,
      perSecond,
      max: bytes(spec.memory.max, perSecond > 0 ? Number.MAX_SAFE_INTEGER : start),
    };
  } else if (spec.memory !== undefined) {
    const m = bytes(spec.memory, 16 << 20);
    plan.memory = { start: m, perSecond: 0, max: m };
  }
  for (const [path, content] of Object.entries(spec.files ?? {}))
    plan.files.push({ path, content, from: 0 });
  for (const l of spec.logs ?? []) {
    if (typeof l === 'string') b.log(l);
    else for (const text of l.text.split('\n')) plan.logs.push({ at: sec(l.at), text });
  }
  const fail = (log: string[], code: number, after: number): Outcome => {
    b.t = Math.max(b.t, after);
    for (const l of log) b.log(l);
    return { kind: 'exit', code };
  };
  for (const r of spec.requiredEnv ?? []) {
    if (!b.ctx.env[r.name])
      return fail(lines(r.log ?? `${r.name} is not set`), r.exitCode ?? 1, sec(r.afterSeconds));
  }
  for (const r of spec.requiredFiles ?? []) {
    if (b.file(r.path) === undefined)
      return fail(
        lines(r.log ?? `open ${r.path}: no such file or directory`),
        r.exitCode ?? 1,
        sec(r.afterSeconds),
      );
  }
  for (const c of spec.connects ?? []) {
    const v = b.ctx.connect(c.host, c.port);
    if (v === 'ok') continue;
    const dflt =
      v === 'nxdomain'
        ? `dial tcp: lookup ${c.host} on 10.96.0.10:53: no such host`
        : v === 'refused'
          ? `dial tcp ${c.host}:${c.port}: connect: connection refused`
          : `dial tcp ${c.host}:${c.port}: i/o timeout`;
    return fail(
      lines(c.log ?? dflt),
      c.exitCode ?? 1,
      sec(c.afterSeconds ?? (v === 'timeout' ? 30 : 0)),
    );
  }
  const startup = sec(spec.startupSeconds);
  for (const p of spec.ports ?? []) {
    const o = typeof p === 'number' ? { port: p } : p;
    plan.listens.push({
      port: o.port,
      protocol: (typeof p === 'number' ? 'TCP' : p.protocol) ?? 'TCP',
      at: typeof p === 'number' || p.afterSeconds === undefined ? startup : sec(p.afterSeconds),
      localhostOnly: typeof p === 'number' ? undefined : p.localhostOnly,
      http: typeof p === 'number' ? true : p.http !== false,
    });
  }
  for (const [path, a] of Object.entries(spec.http ?? {})) {
    const list = Array.isArray(a) ? a : [typeof a === 'number' ? { status: a } : a];
    plan.http[path] = list.map((x) => ({
      status: x.status,
      body: x.body ?? (x.status < 400 ? 'ok' : ''),
      delayMs: x.delaySeconds !== undefined ? sec(x.delaySeconds) : undefined,
      from: x.fromSeconds !== undefined ? sec(x.fromSeconds) : undefined,
      until: x.untilSeconds !== undefined ? sec(x.untilSeconds) : undefined,
    }));
  }
  plan.notFound = { status: 404, body: '404 page not found' };
  if (spec.repeatLogs && spec.repeatLogs.every > 0) {
    plan.periodic = {
      from: sec(spec.repeatLogs.from ?? spec.repeatLogs.every),
      every: sec(spec.repeatLogs.every),
      lines: spec.repeatLogs.lines.map((text) => ({ at: 0, text })),
    };
  }
  if (spec.exit) {
    b.t = Math.max(b.t, sec(spec.exit.afterSeconds));
    for (const l of lines(spec.exit.log)) b.log(l);
    return { kind: 'exit', code: spec.exit.code };
  }
  return { kind: 'forever' };
}

export { BUSYBOX_TOOLS };
