import path from 'node:path';

/**
 * The real kubectl the golden recorders run: `scripts/real-kubectl/kubectl`, a
 * shim that picks a plain kubectl v1.32 build (the `kubectl` on this machine's
 * PATH is a dispatcher whose flag errors read `Error:` instead of `error:`).
 */
export const KUBECTL = process.env.KUBECTL ?? path.resolve(import.meta.dirname, '../scripts/real-kubectl/kubectl');
