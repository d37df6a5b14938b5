import { existsSync, readFileSync, statSync } from 'node:fs';
import { nodeFileSystem } from '../kubectl/node-fs.js';
import { catalogueFiles, loadScenarioFile } from '../scenarios/load.js';
import { proveScenario } from '../scenarios/validate.js';
import { quizDir } from '../training/catalogue.js';
import { isQuizBankFile, quizBankFiles, validateQuizBanks } from '../training/quiz-bank.js';
import { cliFlags, type CliIO } from './main.js';

/** `kubedojo validate [PATH…]`: lint and prove scenario files (the whole catalogue by default). */
export function validateCommand(args: string[], io: CliIO): number {
  const flags = cliFlags(args, [{ name: 'seeds', type: 'int', default: 0 }], io, 'validate');
  if (!flags) return 2;
  const files: string[] = [];
  const banks: string[] = [];
  for (const p of flags.args.length > 0 ? flags.args : ['']) {
    if (p === '') {
      files.push(...catalogueFiles());
      banks.push(...quizBankFiles(quizDir()));
    } else if (!existsSync(p)) {
      io.stderr(`kubedojo validate: ${p}: no such file or directory\n`);
      return 2;
    } else if (statSync(p).isDirectory()) {
      files.push(...catalogueFiles(p));
      banks.push(...quizBankFiles(p));
    } else if (isQuizBankFile(p)) banks.push(p);
    else files.push(p);
  }
  // --seeds N proves seeds 1..N; by default, seeds that draw every value of every parameter (seed 1 without parameters).
  const n = flags.values.get('seeds') as number;
  const seeds = n > 0 ? Array.from({ length: n }, (_, i) => i + 1) : undefined;
  let failed = 0;
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      failed++;
      io.stdout(`FAIL ${file}\n${loaded.errors.map((e) => `  ${e}\n`).join('')}`);
      continue;
    }
    const report = proveScenario(loaded.scenario, nodeFileSystem, seeds);
    if (report.problems.length > 0) {
      failed++;
      io.stdout(`FAIL ${report.id} (${file})\n${report.problems.map((p) => `  ${p}\n`).join('')}`);
    } else io.stdout(`ok   ${report.id}${loaded.scenario.template ? ` (seeds ${report.seeds.join(', ')})` : ''}\n`);
  }
  if (files.length > 0 || banks.length === 0) io.stdout(`${files.length - failed} of ${files.length} scenario file(s) valid\n`);
  if (banks.length > 0) failed += validateBanks([...new Set(banks)], io);
  return failed > 0 ? 1 : 0;
}

/** Ids of the catalogue's scenarios; a file that fails to load (reported on its own) still names its id. */
export function catalogueScenarioIds(files = catalogueFiles()): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    const r = loadScenarioFile(f);
    if (r.ok) ids.add(r.scenario.id);
    else {
      const m = /^\s+id:\s*["']?([a-z0-9-]+)["']?\s*$/m.exec(readFileSync(f, 'utf8'));
      if (m) ids.add(m[1]);
    }
  }
  return ids;
}

/** Quiz banks: schema, ids unique across all banks, scenario references in the catalogue. Returns the failures. */
function validateBanks(banks: string[], io: CliIO): number {
  const scenarioIds = catalogueScenarioIds();
  let failed = 0;
  let questions = 0;
  for (const r of validateQuizBanks(banks, { otherFiles: quizBankFiles(quizDir()), scenarioIds })) {
    questions += r.questions;
    if (r.errors.length > 0) {
      failed++;
      io.stdout(`FAIL ${r.file}\n${r.errors.map((e) => `  ${e}\n`).join('')}`);
    } else io.stdout(`ok   ${r.file} (${r.questions} questions)\n`);
  }
  io.stdout(`${banks.length - failed} of ${banks.length} quiz bank(s) valid, ${questions} questions\n`);
  return failed;
}
