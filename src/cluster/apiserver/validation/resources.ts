import { isDict } from '../../api/meta.js';
import type { FieldError } from '../field-errors.js';
import { IS_NEGATIVE, invalid, key } from './field.js';
import { canonicalQuantity, compareQuantity, parseExact } from './quantity.js';

/**
 * Container resource requirements: names, non-negative quantities, and
 * requests not above limits.
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidateContainerResourceRequirements
 */
const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const OVERCOMMIT_FORBIDDEN = (name: string): boolean => name.startsWith('hugepages-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));

function validateResourceName(name: string, path: string): FieldError[] {
  if (name.includes('/')) return [];
  if (STANDARD_CONTAINER.has(name) || name.startsWith('hugepages-')) return [];
  return [invalid(path, name, 'must be a standard resource for containers')];
}

function validateQuantityValue(value: unknown, path: string): FieldError[] {
  const q = parseExact(value as string);
  if (!q) return [];
  if (q.nano < 0n) return [invalid(path, canonicalQuantity(value as string), IS_NEGATIVE)];
  return [];
}

export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  if (!isDict(resources)) return [];
  const errs: FieldError[] = [];
  const limits = isDict(resources.limits) ? (resources.limits as Record<string, string>) : {};
  const requests = isDict(resources.requests) ? (resources.requests as Record<string, string>) : {};
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  for (const name of Object.keys(limits).sort()) {
    const p = key(limPath, name);
    errs.push(...validateResourceName(name, p));
    errs.push(...validateQuantityValue(limits[name], p));
  }
  for (const name of Object.keys(requests).sort()) {
    const p = key(reqPath, name);
    errs.push(...validateResourceName(name, p));
    errs.push(...validateQuantityValue(requests[name], p));
    const limit = limits[name];
    if (limit === undefined) continue;
    const cmp = compareQuantity(requests[name], limit);
    const req = canonicalQuantity(requests[name]);
    if (cmp !== 0 && OVERCOMMIT_FORBIDDEN(name)) {
      errs.push(invalid(reqPath, req, `must be equal to ${name} limit of ${canonicalQuantity(limit)}`));
    } else if (cmp > 0) {
      errs.push(invalid(reqPath, req, `must be less than or equal to ${name} limit of ${canonicalQuantity(limit)}`));
    }
  }
  return errs;
}
