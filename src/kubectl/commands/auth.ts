import { rulesFor, userInfoFor } from '../../cluster/apiserver/admission/rbac-authorizer.js';
import { ADMIN, type UserInfo } from '../../cluster/apiserver/api-server.js';
import { resolveResourceType, type KindDefinition } from '../../cluster/kinds/registry.js';
import type { CommandDef, Invocation } from './types.js';
import { errorResult, flagBool, flagList, flagString, usageError } from './types.js';
import { PRINT_FLAGS, finish, printObjectsText } from './write-helpers.js';
import { combineResourceGroup, compactSortedRules, goList, policyRule, type PolicyRule } from '../printers/describe/rbac-rules.js';

/**
 * `kubectl auth can-i VERB RESOURCE[/SUBRESOURCE] [NAME]` (a
 * SelfSubjectAccessReview answered by the simulated RBAC authorizer) and
 * `kubectl auth whoami`.
 *
 * @see k8s.io/kubectl/pkg/cmd/auth/cani.go, whoami.go
 */

function userOf(inv: Invocation): UserInfo {
  const as = flagString(inv, 'as');
  if (as === '') return ADMIN;
  return userInfoFor(as, flagList(inv, 'as-group'));
}

function runCanI(inv: Invocation) {
  const quiet = flagBool(inv, 'quiet');
  const all = flagBool(inv, 'all-namespaces');
  if (flagBool(inv, 'list')) return runCanIList(inv);
  if (inv.args.length < 2) return usageError(inv, 'you must specify two arguments: verb resource or verb resource/resourceName.');
  if (inv.args.length > 3) return usageError(inv, `you must specify two or three arguments: verb, resource, and optional resourceName, got ${inv.args.length} arguments`);
  const verb = inv.args[0];
  const target = inv.args[1];
  let warning = '';
  let allowed: boolean;
  const sim = inv.ctx.sim;
  const user = userOf(inv);
  if (target.startsWith('/')) {
    // Non-resource URLs: only the superuser groups and the discovery roles allow them here.
    allowed = user.groups.some((g) => g === 'system:masters' || g === 'kubeadm:cluster-admins') || (verb === 'get' && ['/healthz', '/livez', '/readyz', '/version', '/api', '/apis'].includes(target));
  } else {
    const [resource, subArg] = target.split('/');
    let sub = subArg;
    let name = inv.args[2] ?? '';
    if (sub !== undefined && inv.args.length === 2 && !resolveResourceType(resource)) {
      name = sub;
      sub = '';
    }
    const def: KindDefinition | undefined = resource === '*' ? undefined : resolveResourceType(resource);
    if (!def && resource !== '*') {
      warning = `Warning: the server doesn't have a resource type '${resource}'\n`;
    }
    const namespace = all ? '' : inv.namespace;
    const authorizer = sim.api.authorizer;
    if (!authorizer || user === ADMIN) allowed = true;
    else {
      const probe: KindDefinition =
        def ?? ({ kind: resource, group: resource.includes('.') ? resource.slice(resource.indexOf('.') + 1) : '', version: 'v1', resource: resource.split('.')[0], singular: resource, shortNames: [], namespaced: true, categories: [], statusSubresource: false, tracksGeneration: false, verbs: [] } as KindDefinition);
      allowed = authorizer(user, verb, probe, namespace, name, sub || undefined) === undefined;
    }
  }
  if (quiet) return { stdout: '', stderr: warning, exitCode: allowed ? 0 : 1 };
  return { stdout: allowed ? 'yes\n' : 'no\n', stderr: warning, exitCode: allowed ? 0 : 1 };
}

/**
 * `kubectl auth can-i --list`: the SelfSubjectRulesReview's rules broken down,
 * compacted, sorted by their String() and printed through a tabwriter
 * (minwidth 6, padding 3).
 */
function runCanIList(inv: Invocation) {
  if (inv.args.length > 0) return { stdout: '', stderr: 'error: list option must be specified with no arguments\n', exitCode: 1 };
  if (flagBool(inv, 'quiet') || flagBool(inv, 'all-namespaces') || flagString(inv, 'subresource') !== '') {
    return { stdout: '', stderr: "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n", exitCode: 1 };
  }
  const user = userOf(inv);
  const raw: PolicyRule[] = rulesFor(inv.ctx.sim.store, user, inv.namespace).map(policyRule);
  // The review's resource rules come first, then its non-resource rules.
  const review = [
    ...raw.filter((r) => r.resources.length > 0 || r.apiGroups.length > 0).map((r) => ({ ...r, nonResourceURLs: [] })),
    ...raw.filter((r) => r.nonResourceURLs.length > 0).map((r) => ({ verbs: r.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: r.nonResourceURLs })),
  ];
  const rules = compactSortedRules(review);
  const rows: string[][] = [];
  if (!flagBool(inv, 'no-headers')) rows.push(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
  for (const r of rules) rows.push([combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  const widths = [0, 1, 2].map((i) => Math.max(6, ...rows.map((row) => row[i].length + 3)));
  const stdout = rows.map((row) => `${row.slice(0, 3).map((c, i) => c.padEnd(widths[i])).join('')}${row[3]}\n`).join('');
  return { stdout, stderr: '', exitCode: 0 };
}

/** The formats whoami's printer takes besides its own table. */
const WHOAMI_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

function runWhoami(inv: Invocation) {
  const output = flagString(inv, 'output');
  const user = userOf(inv);
  if (output !== '') {
    const format = output.split('=')[0];
    if (!WHOAMI_FORMATS.split(',').includes(format)) {
      return errorResult(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${WHOAMI_FORMATS}`);
    }
    // The typed client's SelfSubjectReview: JSON in struct order, and no name for -o name.
    const review = inv.ctx.sim.api.selfSubjectReview(user);
    if (format === 'name') return { stdout: 'selfsubjectreview.authentication.k8s.io/<unknown>\n', stderr: '', exitCode: 0 };
    if (format === 'json') return { stdout: `${JSON.stringify(review, null, 4)}\n`, stderr: '', exitCode: 0 };
    return finish(printObjectsText(inv, [review]), []);
  }
  const rows = [
    ['ATTRIBUTE', 'VALUE'],
    ['Username', user.name],
    ['Groups', `[${user.groups.join(' ')}]`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length)) + 3;
  return { stdout: rows.map((r) => `${r[0].padEnd(w)}${r[1]}\n`).join(''), stderr: '', exitCode: 0 };
}

export const authCommand: CommandDef = {
  name: 'auth',
  short: 'Inspect authorization',
  subcommands: [
    {
      name: 'can-i',
      short: 'Check whether an action is allowed',
      flags: [
        { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
        { name: 'list', type: 'bool', default: false },
        { name: 'no-headers', type: 'bool', default: false },
        { name: 'quiet', short: 'q', type: 'bool', default: false },
        { name: 'subresource', type: 'string', default: '' },
      ],
      run: runCanI,
    },
    { name: 'whoami', short: 'Experimental: Check self subject attributes', flags: PRINT_FLAGS, run: runWhoami },
  ],
};
