import { cloneJson, type KubeObject } from '../../cluster/api/meta.js';
import type { KindDefinition } from '../../cluster/kinds/registry.js';
import type { KubectlResult } from '../context.js';
import { toYaml } from '../printers/yaml.js';
import { unifiedHunks } from '../format/unified-diff.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { applyObject } from './apply.js';
import { FILENAME_FLAGS, collectTargets, finish, plainErr, statusErr, type CmdError } from './write-helpers.js';
import { clientRng } from '../client-rng.js';

/**
 * `kubectl diff -f`: the live object against what a server-side dry-run
 * apply would make of it, printed as `diff -u -N` prints two directories of
 * YAML files (LIVE-… and MERGED-…, one file per object, named
 * `group.version.Kind.namespace.name`). Exit 1 when anything differs.
 * Temp directory names come from the simulation's RNG, so output is reproducible.
 *
 * @see k8s.io/kubectl/pkg/cmd/diff/diff.go
 */

/** `apps.v1.Deployment.default.web`, `v1.Namespace..prod`: diff.go's InfoObject.Name. */
export function diffFileName(def: KindDefinition, namespace: string, name: string): string {
  const group = def.group ? `${def.group}.` : '';
  return `${group}${def.version}.${def.kind}.${def.namespaced ? namespace : ''}.${name}`;
}

/** What kubectl writes for one side: YAML without managedFields (--show-managed-fields=false). */
function sideText(obj: KubeObject | undefined, showManagedFields: boolean): string {
  if (!obj) return '';
  const c = cloneJson(obj);
  if (!showManagedFields) delete c.metadata.managedFields;
  return toYaml(c);
}

/**
 * kubectl's Masker for v1 Secrets: every `data` value becomes `***`, and a
 * key whose value changes reads `*** (before)` / `*** (after)`.
 */
export function maskSecrets(live: KubeObject | undefined, merged: KubeObject): [KubeObject | undefined, KubeObject] {
  const from = live ? cloneJson(live) : undefined;
  const to = cloneJson(merged);
  const data = (o: KubeObject | undefined) => (o as { data?: Record<string, unknown> } | undefined)?.data;
  const f = data(from);
  const t = data(to);
  for (const k of Object.keys(f ?? {})) {
    if (t && k in t) {
      if (f![k] !== t[k]) {
        f![k] = '*** (before)';
        t[k] = '*** (after)';
        continue;
      }
      t[k] = '***';
    }
    f![k] = '***';
  }
  for (const k of Object.keys(t ?? {})) if (!f || !(k in f)) t![k] = '***';
  return [from, to];
}

/** GNU diff's header time: `2026-11-24 05:00:43.000000000 +0000`. */
function headerTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

/** `os.MkdirTemp("", "LIVE-")`: a random decimal suffix. */
function tempDir(inv: Invocation, prefix: string): string {
  const rng = clientRng(inv.ctx.sim);
  let n = '';
  n += String(1 + rng.int(4)); // up to 4294967295: ten digits, first one 1–4
  for (let i = 0; i < 9; i++) n += String(rng.int(10));
  return `/tmp/${prefix}-${n}`;
}

/** cmdutil.CheckDiffErr: errors exit with 2, since 1 means "differences found" (which prints no error). */
function runDiff(inv: Invocation): KubectlResult {
  const r = diffRun(inv);
  return r.exitCode !== 0 && r.stderr !== '' ? { ...r, exitCode: 2 } : r;
}

function diffRun(inv: Invocation): KubectlResult {
  const filenames = flagList(inv, 'filename');
  if (filenames.length === 0 && flagString(inv, 'kustomize') === '') return finish('', [plainErr('must specify one of -f and -k')]);
  if (flagString(inv, 'kustomize') !== '') return finish('', [plainErr('kustomize directories are not supported by this trainer')]);
  if (inv.args.length > 0) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  if (flagBool(inv, 'server-side')) return finish('', [plainErr('server-side apply is not supported by this trainer; diff compares a client-side apply')]);
  const collected = collectTargets(inv, [], { fetchLive: false });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const showManaged = flagBool(inv, 'show-managed-fields');
  const files: { name: string; live: string; merged: string }[] = [];
  const sim = inv.ctx.sim;
  for (const t of collected.targets) {
    const manifest = cloneJson(t.manifest!);
    if (t.def.namespaced) manifest.metadata.namespace = t.namespace;
    const got = sim.api.get(t.def, t.namespace, t.name, inv.user);
    if (!got.ok && got.error.reason !== 'NotFound') {
      errors.push(statusErr(got.error));
      continue;
    }
    const live = got.ok ? got.value : undefined;
    const r = applyObject(sim, t.def, manifest, { dryRun: 'server', user: inv.user });
    if (!r.ok) {
      errors.push(statusErr(r.error, r.verb, t.source));
      continue;
    }
    let merged = cloneJson(r.object);
    // A dry-run write is not stored, so the server answers with the stored resourceVersion.
    if (live?.metadata.resourceVersion !== undefined && r.operation !== 'created') merged.metadata.resourceVersion = live.metadata.resourceVersion;
    let shown = live;
    if (t.def.kind === 'Secret' && t.def.group === '') [shown, merged] = maskSecrets(live, merged);
    files.push({ name: diffFileName(t.def, t.namespace, t.name), live: sideText(shown, showManaged), merged: sideText(merged, showManaged) });
  }
  if (errors.length > 0) return finish('', errors);
  const liveDir = tempDir(inv, 'LIVE');
  const mergedDir = tempDir(inv, 'MERGED');
  const now = headerTime(sim.now());
  const epoch = headerTime(0);
  let stdout = '';
  // diff walks the directories in name order.
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const hunks = unifiedHunks(f.live, f.merged);
    if (hunks === '') continue;
    const l = `${liveDir}/${f.name}`;
    const m = `${mergedDir}/${f.name}`;
    stdout += `diff -u -N ${l} ${m}\n--- ${l}\t${f.live === '' ? epoch : now}\n+++ ${m}\t${f.merged === '' ? epoch : now}\n${hunks}`;
  }
  // Not an error: diff's own exit status 1 (differences found) passes through.
  return { stdout, stderr: '', exitCode: stdout === '' ? 0 : 1 };
}

export const diffCommand: CommandDef = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'server-side', type: 'bool', default: false },
    { name: 'force-conflicts', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'prune', type: 'bool', default: false },
    { name: 'prune-allowlist', type: 'stringArray', default: [] },
    { name: 'concurrency', type: 'int', default: 1 },
  ],
  run: runDiff,
};
