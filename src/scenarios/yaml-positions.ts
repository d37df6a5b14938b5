import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

/**
 * Where each value of a YAML document starts, by path (`objectives.2.check`),
 * so the loader can say `file:line:col` for a value that parsed but is wrong.
 */
export function yamlPositions(text: string, documentIndex = 0): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return out;
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const toLineCol = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };

  type Frame = { kind: 'map'; path: string; pendingKey: string | null } | { kind: 'seq'; path: string; index: number };
  const stack: Frame[] = [];
  let doc = -1;
  const childPath = (): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'seq') return join(top.path, String(top.index++));
    if (top.pendingKey === null) return undefined; // this node is a key
    const p = join(top.path, top.pendingKey);
    top.pendingKey = null;
    return p;
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        doc++;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = childPath() ?? '';
        if (doc === documentIndex) out.set(path, toLineCol(ev.start));
        stack.push(ev.type === EVENT_ID.MAPPING ? { kind: 'map', path, pendingKey: null } : { kind: 'seq', path, index: 0 });
        break;
      }
      case EVENT_ID.SCALAR: {
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map' && top.pendingKey === null) {
          top.pendingKey = getScalarValue(text, ev);
          if (doc === documentIndex) out.set(`${join(top.path, top.pendingKey)}#key`, toLineCol(ev.valueStart));
          break;
        }
        const path = childPath() ?? '';
        if (doc === documentIndex) out.set(path, toLineCol(Math.max(0, ev.valueStart)));
        break;
      }
      case EVENT_ID.ALIAS:
        childPath();
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
  return out;
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}
