/** The explain schema: every API group's module registers its types and kinds. */
import './meta.js';
import './core.js';
import './volume-plugins.js';
import './apps.js';
import './batch.js';
import './networking.js';
import './rbac.js';
import './storage.js';
import './autoscaling.js';
import './policy.js';
import './scheduling.js';
import './coordination.js';
import './discovery.js';

export { resourceSchemas, typeDef } from './schema.js';
export { explain, wrap } from './render.js';
