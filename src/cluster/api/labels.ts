/**
 * Label selectors as objects carry them (metav1.LabelSelector) and matching.
 * The string syntax kubectl takes (`-l app=web,tier!=db`) is parsed in
 * store/selectors.ts into the same Requirement form.
 */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A parsed requirement, covering both object selectors and kubectl's string syntax. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | '=' | '==' | '!=' | 'Gt' | 'Lt';
  values: string[];
}

export function matchesRequirement(labels: Record<string, string> | undefined, r: Requirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'In':
    case '=':
    case '==':
      return has && r.values.includes(v!);
    case 'NotIn':
    case '!=':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const n = Number.parseInt(v!, 10);
      const m = Number.parseInt(r.values[0] ?? '', 10);
      if (Number.isNaN(n) || Number.isNaN(m)) return false;
      return r.operator === 'Gt' ? n > m : n < m;
    }
  }
}

export function matchesRequirements(labels: Record<string, string> | undefined, rs: readonly Requirement[]): boolean {
  return rs.every((r) => matchesRequirement(labels, r));
}

/** Converts a metav1.LabelSelector to requirements. */
export function selectorRequirements(sel: LabelSelector | undefined | null): Requirement[] {
  if (!sel) return [];
  const rs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) rs.push({ key, operator: 'In', values: [value] });
  for (const e of sel.matchExpressions ?? []) rs.push({ key: e.key, operator: e.operator, values: e.values ?? [] });
  return rs;
}

/**
 * Whether a metav1.LabelSelector selects these labels. An empty selector
 * (`{}`) selects everything; a null one selects nothing.
 */
export function labelSelectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (sel === null || sel === undefined) return false;
  return matchesRequirements(labels, selectorRequirements(sel));
}

/** A Service-style selector (plain map): empty or absent selects nothing. */
export function mapSelectorMatches(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}
