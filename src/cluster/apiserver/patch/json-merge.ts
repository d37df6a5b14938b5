/**
 * JSON merge patch (RFC 7386) as gopkg.in/evanphx/json-patch.v4 MergePatch
 * applies it: objects merge key by key, `null` deletes, anything else
 * (lists included) replaces. Nulls inside an added object are pruned.
 *
 * @see gopkg.in/evanphx/json-patch.v4 merge.go mergeDocs, pruneNulls
 */
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges `patch` into a copy of `doc`. A non-object patch replaces the document. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  if (!isObj(doc)) return pruneNulls(structuredClone(patch));
  const out = structuredClone(doc);
  mergeDocs(out, structuredClone(patch));
  return out;
}

function mergeDocs(doc: Obj, patch: Obj): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) {
      doc[k] = pruneNulls(v);
    } else if (isObj(cur) && isObj(v)) {
      mergeDocs(cur, v);
    } else {
      doc[k] = pruneNulls(v);
    }
  }
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (const item of v) pruneNulls(item);
    return v;
  }
  if (isObj(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  }
  return v;
}
