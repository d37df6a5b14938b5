import { describe, expect, it } from 'vitest';
import { filterCatalogue, loadCatalogue, loadCatalogueSummaries } from './catalogue.js';

describe('catalogue', () => {
  it('the fast summaries the picker uses agree with the validated scenarios', () => {
    const full = loadCatalogue();
    const light = loadCatalogueSummaries();
    expect(light.errors).toEqual([]);
    expect(light.entries.map((e) => ({ ...e, briefing: undefined }))).toEqual(full.entries.map((e) => ({ ...e, briefing: undefined })));
    expect(light.entries.at(-1)?.id).toBe('sandbox');
  });

  it('filters fzf-style: every term must match id, title, category, difficulty or tags', () => {
    const { entries } = loadCatalogueSummaries();
    expect(filterCatalogue(entries, 'oom checkout').map((e) => e.id)).toContain('oom-checkout');
    expect(filterCatalogue(entries, 'oom network')).toEqual([]);
    expect(filterCatalogue(entries, '')).toHaveLength(entries.length);
  });
});
