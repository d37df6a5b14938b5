/**
 * kubectl's RBAC rule helpers, shared by `describe role|clusterrole` and
 * `auth can-i --list`: rules are broken down to one group and resource each,
 * merged again where only their verbs differ, and sorted by their String().
 *
 * @see kubernetes/staging/src/k8s.io/kubectl/pkg/util/rbac/rbac.go
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A stored rule with every list present (absent lists are empty). */
export function policyRule(raw: unknown): PolicyRule {
  const r = (raw ?? {}) as Record<string, unknown>;
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

/** Go's `%v` of a []string. */
export const goList = (l: readonly string[]) => `[${l.join(' ')}]`;

/** The generated PolicyRule.String(), which kubectl sorts rules by (so Verbs come first). */
export const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/**
 * BreakdownRule: one rule per group, resource and name, one per non-resource
 * URL. A rule with resources but no apiGroups yields nothing for them, as in
 * kubectl (the loop runs over the groups).
 */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of r.apiGroups) {
    for (const res of r.resources) {
      if (r.resourceNames.length > 0) for (const n of r.resourceNames) out.push({ verbs: r.verbs, apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
      else out.push({ verbs: r.verbs, apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
    }
  }
  for (const u of r.nonResourceURLs) out.push({ verbs: r.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

/**
 * CompactRules: rules on the same group, resource (and name) merge their
 * verbs, in the order met and without removing duplicates
 * (`[create delete … update get list watch]` when `admin` grants writes in one
 * rule and reads in another). kubectl appends the merged rules in Go map
 * order; every caller sorts afterwards, so the order here does not matter.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** Broken down, compacted and sorted by String() (a stable sort: equal strings keep their order). */
export function compactSortedRules(rules: readonly PolicyRule[]): PolicyRule[] {
  return compactRules(rules.flatMap(breakdownRule))
    .map((r) => ({ r, key: ruleString(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.r);
}

/** describe.CombineResourceGroup: `resource.group[/subresource]`. */
export function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let s = slash >= 0 ? resources[0].slice(0, slash) : resources[0];
  if (groups.length > 0 && groups[0] !== '') s += `.${groups[0]}`;
  if (slash >= 0) s += resources[0].slice(slash);
  return s;
}
