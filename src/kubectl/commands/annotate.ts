/** `kubectl annotate` shares its implementation with `kubectl label` (label.ts). */
export { annotateCommand } from './label.js';
