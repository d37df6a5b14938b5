import type { FlagSpec } from '../parse/flags.js';

/**
 * The default of a flag as kubectl's help prints it (pflag's DefValue):
 * strings single-quoted (only values whose pflag type is "string"), lists as
 * `[a,b]`, everything else bare.
 *
 * @see k8s.io/kubectl/pkg/util/templates/templater.go flagsUsages
 */
export function defValue(spec: FlagSpec): string {
  const d = spec.default;
  switch (spec.type) {
    case 'bool':
      return String(d ?? false);
    case 'int':
      return String(d ?? 0);
    case 'duration':
      return String(d ?? '0s');
    case 'stringArray':
    case 'stringSlice':
      return `[${(Array.isArray(d) ? d : []).join(',')}]`;
    case 'string': {
      const s = String(d ?? '');
      return spec.valueType !== undefined && spec.valueType !== 'string' ? s : `'${s}'`;
    }
  }
}

/** `    -A, --all-namespaces=false:` (shorthand first when there is one). */
export function optionLine(spec: FlagSpec): string {
  return `    ${spec.short ? `-${spec.short}, ` : ''}--${spec.name}=${defValue(spec)}:`;
}
