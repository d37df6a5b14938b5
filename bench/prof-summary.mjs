// Summarises a V8 CPU profile: self and inclusive milliseconds per function.
//
//   npx tsx --cpu-prof --cpu-prof-dir=/tmp/kd-prof bench/cpu.ts settle
//   node bench/prof-summary.mjs /tmp/kd-prof/<largest>.cpuprofile [N] [ONLY] [EXCEPT]
//
// ONLY and EXCEPT are regular expressions over "<function> <file>": with ONLY,
// a sample counts when some frame of its stack matches ONLY and none matches
// EXCEPT (e.g. ONLY '^(settle|advanceTo) ' EXCEPT '^Simulation ' for the
// 1,000-replica run without the cluster build). Garbage collection samples sit
// at the root, outside any ONLY filter.
import { readFileSync } from 'node:fs';

const [file, n = '40', only, except] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const ms = new Map();
profile.samples.forEach((id, i) =>
  ms.set(id, (ms.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
);
const label = (node) =>
  `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*\/node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}`;
const onlyRe = only ? new RegExp(only) : undefined;
const exceptRe = except ? new RegExp(except) : undefined;
const self = new Map();
const inclusive = new Map();
let total = 0;
for (const node of profile.nodes) {
  const t = ms.get(node.id) ?? 0;
  if (t === 0) continue;
  const stack = [];
  for (let id = node.id; id !== undefined; id = parent.get(id)) stack.push(label(byId.get(id)));
  if (
    onlyRe &&
    (!stack.some((s) => onlyRe.test(s)) || (exceptRe && stack.some((s) => exceptRe.test(s))))
  )
    continue;
  total += t;
  self.set(stack[0], (self.get(stack[0]) ?? 0) + t);
  for (const s of new Set(stack)) inclusive.set(s, (inclusive.get(s) ?? 0) + t);
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`total ${total.toFixed(0)} ms`);
console.log('--- self');
for (const [k, v] of top(self)) console.log(v.toFixed(0).padStart(7), k);
console.log('--- inclusive');
for (const [k, v] of top(inclusive)) console.log(v.toFixed(0).padStart(7), k);
