// Writes docs/scenario.schema.json from the same definition the loader validates with.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/scenarios/scenario-schema.js';

writeFileSync(new URL('../docs/scenario.schema.json', import.meta.url), JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
