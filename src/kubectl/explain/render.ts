import { typeDef, type FieldDef, type ResourceSchema, type TypeDef, type TypeExpr } from './schema.js';

/**
 * Renders `kubectl explain` output in the layout of kubectl v1.32's
 * plaintext template (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl):
 * GROUP/KIND/VERSION, then either the resource's DESCRIPTION and FIELDS, or
 * `FIELD: name <type>` with the field's.
 */

/**
 * kubectl's `wrap` template function: drops the text's line breaks (so
 * joined descriptions run together), then word-wraps it as
 * github.com/mitchellh/go-wordwrap's WrapString does.
 */
export function wrap(input: string, lim: number): string {
  const s = input.replaceAll('\n', '');
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** kubectl's `indent`: the pad before every line, the empty last one included. */
function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

export function typeGuess(t: TypeExpr): string {
  switch (t.kind) {
    case 'array':
      return `[]${typeGuess(t.of)}`;
    case 'map':
      return `map[string]${typeGuess(t.of)}`;
    case 'prim':
      return t.name;
    default:
      // `EndpointPort@discovery`: a type name shared by two groups, printed without the qualifier.
      return typeDef(t.name)?.printAs ?? t.name.split('@')[0];
  }
}

/** The named type under arrays and maps, if any. */
function refType(t: TypeExpr): TypeDef | undefined {
  if (t.kind === 'array' || t.kind === 'map') return refType(t.of);
  return t.kind === 'ref' ? typeDef(t.name) : undefined;
}

/** A field's DESCRIPTION: its own text, then its type's (as the template walks allOf/items). */
function fieldDescription(f: FieldDef): string {
  let s = f.description ? `${f.description}\n` : '';
  const ref = refType(f.type);
  if (ref?.description) s += `${ref.description}\n`;
  return s;
}

function enumText(f: FieldDef, long: boolean, indentAmount: number): string {
  if (!f.enum || f.enum.length === 0) return '';
  const show = (v: string) => (v === '' ? '""' : v);
  if (long) return 'ENUM:' + f.enum.map((v) => `\n    ${show(v)}`).join('');
  const shown = f.enum.slice(0, 4).map(show).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${f.enum.length > 4 ? ', ....' : ''}`;
}

function fieldList(t: TypeDef | undefined, level: number, recursive: boolean, seen: readonly string[]): string {
  if (!t) return '';
  let out = '';
  for (const [k, f] of t.fields) {
    const amount = level * 2;
    out += `${' '.repeat(amount)}${k}\t<${typeGuess(f.type)}>${f.required ? ' -required-' : ''}${enumText(f, false, amount)}\n`;
    if (!recursive) {
      out += indent(wrap(f.description || '<no description>', 78 - amount), amount + 2) + '\n\n';
      continue;
    }
    const refName = innerRefName(f.type);
    if (refName && !seen.includes(refName)) out += fieldList(typeDef(refName), level + 1, true, [...seen, refName]);
  }
  return out;
}

function innerRefName(t: TypeExpr): string | undefined {
  if (t.kind === 'array' || t.kind === 'map') return innerRefName(t.of);
  return t.kind === 'ref' ? t.name : undefined;
}

/** DESCRIPTION and FIELDS of a schema reached with no path left. */
function body(description: string, fields: TypeDef | undefined, recursive: boolean, seen: readonly string[]): string {
  let out = 'DESCRIPTION:\n' + indent(wrap(description || '<empty>', 76), 4) + '\n';
  const list = fieldList(fields, 1, recursive, seen);
  if (list) out += 'FIELDS:\n' + list;
  return out;
}

/** The text, or an error; a failing template has already written the header (`partial`). */
export type ExplainOutcome = { ok: true; text: string } | { ok: false; message: string; partial: string };

/** Explains a resource, or a field path inside it. */
export function explain(res: ResourceSchema, path: readonly string[], recursive: boolean): ExplainOutcome {
  let header = '';
  if (res.group) header += `GROUP:      ${res.group}\n`;
  header += `KIND:       ${res.kind}\nVERSION:    ${res.version}\n\n`;
  const root = typeDef(res.type);
  if (!root) return { ok: false, message: `GVK ${res.group}/${res.version}, Kind=${res.kind} not found in OpenAPI schema`, partial: '' };
  if (path.length === 0) return { ok: true, text: header + body(`${root.description}\n`, root, recursive, [res.type]) + '\n' };

  let current: TypeDef | undefined = root;
  let field: FieldDef | undefined;
  const seen = [res.type];
  for (const [i, name] of path.entries()) {
    field = current?.fields.get(name);
    if (!field) return { ok: false, message: `field "${path[path.length - 1]}" does not exist`, partial: header };
    const refName = innerRefName(field.type);
    if (refName) seen.push(refName);
    current = i < path.length - 1 ? refType(field.type) : undefined;
  }
  const f = field!;
  const last = path[path.length - 1];
  const text = `FIELD: ${last} <${typeGuess(f.type)}>\n${enumText(f, true, 0)}\n\n` + body(fieldDescription(f), refType(f.type), recursive, seen);
  return { ok: true, text: header + text + '\n' };
}
