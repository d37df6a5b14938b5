import type { KubeObject } from '../../cluster/api/meta.js';
import { timeOf, translateTimestampSince } from '../../cluster/tables/format.js';
import type { KubectlResult } from '../context.js';
import { parseOutputFlag, printObjects } from '../output-flags.js';
import { mappingFor } from '../parse/resource-args.js';
import { apiVersionOf } from '../../cluster/kinds/registry.js';
import { writeEscaped } from '../printers/table-printer.js';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter.js';
import { goSort } from '../printers/describe/go-sort.js';
import { flagBool, flagList, flagString, type CommandDef, type Invocation } from './types.js';

/**
 * `kubectl events`: events sorted by their last time, `(x4 over 2m)`
 * intervals, `--for kind/name`, `--types`, `-A`.
 *
 * @see k8s.io/kubectl/pkg/cmd/events/events.go
 */
const EVENTS_OUTPUT_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

export const eventsCommand: CommandDef = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'for', type: 'string', default: '' },
    { name: 'no-headers', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'types', type: 'stringSlice', default: [] },
    { name: 'watch', short: 'w', type: 'bool', default: false },
  ],
  run: runEvents,
};

interface Ev {
  metadata: { namespace?: string };
  involvedObject?: { kind?: string; name?: string; apiVersion?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** getInterval: `15s (x28 over 9m40s)`. */
export function eventInterval(e: Ev, now: number): string {
  let first = translateTimestampSince(e.eventTime, now);
  if (timeOf(e.eventTime) === undefined) first = translateTimestampSince(e.firstTimestamp, now);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

function eventTime(e: Ev): number {
  return timeOf(e.series?.lastObservedTime) ?? timeOf(e.lastTimestamp) ?? timeOf(e.eventTime) ?? -Infinity;
}

function runEvents(inv: Invocation): KubectlResult {
  const all = flagBool(inv, 'all-namespaces');
  for (const t of flagList(inv, 'types')) {
    if (t.toLowerCase() !== 'warning' && t.toLowerCase() !== 'normal') return { stdout: '', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 };
  }
  const output = flagString(inv, 'output');
  const spec = parseOutputFlag(output, EVENTS_OUTPUT_FORMATS, flagString(inv, 'template'));
  if (!spec.ok) return { stdout: '', stderr: `error: ${spec.message}\n`, exitCode: 1 };
  let forKind: string | undefined;
  let forName: string | undefined;
  let forApiVersion: string | undefined;
  const forArg = flagString(inv, 'for');
  if (forArg !== '') {
    const parts = forArg.split('/');
    if (parts.length !== 2) return { stdout: '', stderr: 'error: --for must be in resource/name form\n', exitCode: 1 };
    const m = mappingFor(parts[0]);
    // kubectl prints this one without the `error: ` prefix
    if (!m.ok) return { stdout: '', stderr: `${m.message}\n`, exitCode: 1 };
    forKind = m.value.kind;
    forApiVersion = apiVersionOf(m.value);
    forName = parts[1];
  }
  const types = flagList(inv, 'types').map((t) => t.toLowerCase());
  let events = (inv.ctx.sim.store.list('events', all ? undefined : inv.namespace) as unknown as Ev[]).filter((e) => {
    // kubectl selects involvedObject.kind, .apiVersion and .name
    if (forKind && (e.involvedObject?.kind !== forKind || e.involvedObject?.name !== forName || (e.involvedObject?.apiVersion ?? '') !== forApiVersion)) return false;
    if (types.length > 0 && !types.includes((e.type ?? '').toLowerCase())) return false;
    return true;
  });
  events = goSort(events, (a, b) => eventTime(a) < eventTime(b));
  if (spec.value.format !== 'table') {
    const printed = printObjects(events as unknown as KubeObject[], spec.value, { asList: true, readFile: (p) => inv.ctx.fs.readFile(p) });
    return printed.ok ? { stdout: printed.value, stderr: '', exitCode: 0 } : { stdout: printed.partial ?? '', stderr: printed.stderr, exitCode: 1 };
  }
  const watch = flagBool(inv, 'watch');
  if (events.length === 0 && !watch) {
    return { stdout: '', stderr: all ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`, exitCode: 0 };
  }
  const sim = inv.ctx.sim;
  const w = new TabWriter(GET_TABWRITER);
  let headerDone = flagBool(inv, 'no-headers');
  const row = (e: Ev) => {
    if (!headerDone) {
      w.write(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
      headerDone = true;
    }
    const ns = all ? `${e.metadata.namespace ?? ''}\t` : '';
    w.write(
      `${ns}${eventInterval(e, sim.now())}\t${writeEscaped(e.type ?? '')}\t${writeEscaped(e.reason ?? '')}\t${writeEscaped(e.involvedObject?.kind ?? '')}/${writeEscaped(e.involvedObject?.name ?? '')}\t${writeEscaped((e.message ?? '').trim())}\n`,
    );
  };
  for (const e of events) row(e);
  let stdout = w.flush().take();
  if (watch) {
    // bounded like get --watch: new and updated events while the simulation runs
    const unsubscribe = sim.store.watch((ev) => {
      if (ev.resource !== 'events' || ev.type === 'DELETED') return;
      const e = ev.object as unknown as Ev;
      if (!all && e.metadata.namespace !== inv.namespace) return;
      if (forKind && (e.involvedObject?.kind !== forKind || e.involvedObject?.name !== forName)) return;
      if (types.length > 0 && !types.includes((e.type ?? '').toLowerCase())) return;
      row(e);
      stdout += w.flush().take();
    });
    try {
      sim.advanceBy(watchMs(flagString(inv, 'request-timeout')));
    } finally {
      unsubscribe();
    }
  }
  return { stdout, stderr: '', exitCode: 0 };
}

/** `--request-timeout` as ms; the default bounded watch is one simulated minute. */
function watchMs(s: string): number {
  if (s === '' || s === '0') return 60_000;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return total || 60_000;
}
