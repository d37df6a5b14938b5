import type { KubeObject } from '../../api/meta.js';
import { badRequest, fail, type ApiResult } from '../status-errors.js';

export type PatchType = 'strategic' | 'merge' | 'json';

/**
 * Applies a patch document to a copy of `current`, returning the patched
 * object (not yet validated or stored). The patch is given as parsed JSON.
 */
export function applyPatch(current: KubeObject, type: PatchType, patch: unknown): ApiResult<KubeObject> {
  void current;
  void patch;
  return fail(badRequest(`patch type ${type} is not supported yet`));
}
