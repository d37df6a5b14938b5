import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './scenario-schema.js';

describe('docs/scenario.schema.json', () => {
  it('is the schema the loader validates with (regenerate with: npx tsx scripts/gen-schema.ts)', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(published).toEqual(scenarioJsonSchema());
  });
});
