/**
 * A pflag-compatible flag parser: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, grouped boolean shorthands (`-it`), `--` ending flag
 * parsing, flags interspersed with arguments, and pflag's error texts.
 *
 * @see github.com/spf13/pflag flag.go (parseLongArg, parseShortArg)
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Value used when the flag is absent. */
  default?: string | number | boolean | string[];
  /** For bool flags given without a value (always true in pflag). */
  noOptDefault?: string;
  usage?: string;
  /**
   * pflag's type name when it is not the parser type, for help: kubectl quotes
   * only defaults of type "string" (`--v=0` is a klog Level, `--vmodule=` a moduleSpec).
   */
  valueType?: string;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedFlags {
  /** Values of flags that were set (and defaults of those that were not). */
  values: Map<string, FlagValue>;
  /** Names of flags the user set explicitly. */
  set: Set<string>;
  /** Positional arguments, in order (including those after `--`). */
  args: string[];
  /** Index in `args` where `--` appeared, or -1 (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
}

export type ParseResult = { ok: true; parsed: ParsedFlags } | { ok: false; message: string };

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, FlagValue>();
  const set = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  for (const s of specs) if (s.default !== undefined) values.set(s.name, s.default);

  const assign = (spec: FlagSpec, raw: string, display: string): string | undefined => {
    let v: FlagValue;
    switch (spec.type) {
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        v = b;
        break;
      }
      case 'int': {
        if (!/^[+-]?\d+$/.test(raw)) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        v = Number.parseInt(raw, 10);
        break;
      }
      case 'duration': {
        if (parseGoDuration(raw) === undefined) return `invalid argument "${raw}" for "${display}" flag: time: invalid duration "${raw}"`;
        v = raw;
        break;
      }
      case 'stringArray': {
        const prev = set.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        v = [...prev, raw];
        break;
      }
      case 'stringSlice': {
        const prev = set.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        v = [...prev, ...(raw === '' ? [] : splitCsv(raw))];
        break;
      }
      case 'string':
        v = raw;
        break;
    }
    values.set(spec.name, v);
    set.add(spec.name);
    return undefined;
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (!spec) return { ok: false, message: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = body.slice(eq + 1);
      else if (spec.type === 'bool') raw = spec.noOptDefault ?? 'true';
      // pflag: a flag with a NoOptDefVal never takes the next argument as its value.
      else if (spec.noOptDefault !== undefined) raw = spec.noOptDefault;
      else if (i + 1 < argv.length) raw = argv[++i];
      else return { ok: false, message: `flag needs an argument: --${name}` };
      const err = assign(spec, raw, `--${name}`);
      if (err) return { ok: false, message: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      let shorts = a.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0];
        const spec = byShort.get(c);
        if (!spec) return { ok: false, message: `unknown shorthand flag: '${c}' in ${a}` };
        const display = `-${c}, --${spec.name}`;
        let raw: string;
        if (shorts.length > 2 && shorts[1] === '=') {
          raw = shorts.slice(2);
          shorts = '';
        } else if (spec.type === 'bool') {
          raw = spec.noOptDefault ?? 'true';
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          raw = shorts.slice(1);
          shorts = '';
        } else if (i + 1 < argv.length) {
          raw = argv[++i];
          shorts = '';
        } else {
          return { ok: false, message: `flag needs an argument: '${c}' in -${c}` };
        }
        const err = assign(spec, raw, display);
        if (err) return { ok: false, message: err };
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, parsed: { values, set, args, argsLenAtDash } };
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Go's time.ParseDuration, in milliseconds (`1m30s`, `500ms`, `2h`). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let sign = 1;
  let rest = s;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let total = 0;
  re.lastIndex = 0;
  while (re.lastIndex < rest.length) {
    const m = re.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
  }
  return sign * total;
}

/** pflag's stringSlice reads its value as one CSV record. */
function splitCsv(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
