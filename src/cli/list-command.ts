import { catalogueFiles, loadScenarioFile } from '../scenarios/load.js';
import { cliFlags, type CliIO } from './main.js';

/** `kubedojo list [--json]`: the scenario catalogue. */
export function listCommand(args: string[], io: CliIO): number {
  const flags = cliFlags(args, [{ name: 'json', type: 'bool', default: false }], io, 'list');
  if (!flags) return 2;
  const rows: { id: string; title: string; category: string; difficulty: string; timeLimitSeconds: number }[] = [];
  let failed = 0;
  for (const file of catalogueFiles()) {
    const r = loadScenarioFile(file);
    if (!r.ok) {
      failed++;
      io.stderr(r.errors.map((e) => `kubedojo list: ${e}\n`).join(''));
      continue;
    }
    const s = r.scenario;
    rows.push({ id: s.id, title: s.title, category: s.category, difficulty: s.difficulty, timeLimitSeconds: Math.round(s.timeLimitMs / 1000) });
  }
  if (flags.values.get('json')) {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
  } else {
    const w = (k: keyof (typeof rows)[number], min: number) => Math.max(min, ...rows.map((r) => String(r[k]).length));
    const wi = w('id', 2);
    const wc = w('category', 8);
    const wd = w('difficulty', 10);
    io.stdout(`${'ID'.padEnd(wi)}  ${'CATEGORY'.padEnd(wc)}  ${'DIFFICULTY'.padEnd(wd)}  TITLE\n`);
    for (const r of rows) io.stdout(`${r.id.padEnd(wi)}  ${r.category.padEnd(wc)}  ${r.difficulty.padEnd(wd)}  ${r.title}\n`);
  }
  return failed > 0 ? 1 : 0;
}
