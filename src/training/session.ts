import { createSimulation, type Simulation } from '../cluster/simulation.js';
import { defaultKubeConfig, type EditResult, type FileSystem, type KubectlContext, type KubectlResult } from '../kubectl/context.js';
import { runKubectl } from '../kubectl/run.js';
import type { InteractiveSession } from '../kubectl/interactive.js';
import { stopKubelet } from '../kubectl/host-systemd.js';
import { Shell, type ShellOptions } from '../shell/shell.js';
import { Workspace } from '../shell/workspace.js';
import { evaluateObjectives, type ObjectiveStatus } from '../scenarios/checks.js';
import { instantiateScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/types.js';

export interface SessionOptions {
  scenario: Scenario;
  seed?: number;
  fs: FileSystem;
  env?: Record<string, string | undefined>;
  edit?: (text: string, suffix: string) => EditResult;
  /** `vi FILE` in the trainer (absent in play: editors need a terminal). */
  editFile?: ShellOptions['editFile'];
  /** The terminal's width, when the learner's output goes to one (ls lays names out in columns). */
  terminalColumns?: () => number;
  /** The directory relative paths start from: the real working directory by default, where `-f ./manifests/` is read. */
  cwd?: string;
}

/**
 * A learner's session in one scenario: the simulation, the kubeconfig, the
 * shell they type into, and the objectives. The player, the trainer UI and
 * the validator all drive scenarios through this one class.
 */
export class Session {
  readonly sim: Simulation;
  readonly ctx: KubectlContext;
  readonly shell: Shell;

  private constructor(
    readonly scenario: Scenario,
    sim: Simulation,
    opts: SessionOptions,
  ) {
    this.sim = sim;
    const env = opts.env ?? {};
    // The learner's files: what they write lives in memory for the session, over the scenario's files, over the real disk.
    const workspace = new Workspace(withFiles(opts.fs, scenario.files ?? {}), { cwd: opts.cwd ?? process.cwd(), home: env.HOME ?? '/root', now: () => sim.now() });
    this.ctx = { sim, config: defaultKubeConfig(), env, fs: workspace, edit: opts.edit };
    this.shell = new Shell(this.ctx, { editFile: opts.editFile, terminalColumns: opts.terminalColumns });
  }

  /**
   * Builds the scenario's cluster: nodes, manifests applied as `kubectl apply`
   * would, setup commands, then `startAfter` of simulated time.
   */
  static start(opts: SessionOptions): { ok: true; session: Session } | { ok: false; error: string } {
    // A scenario with parameters becomes the instance its seed draws; `session.scenario` is that instance.
    const scenario = instantiateScenario(opts.scenario, opts.seed ?? 1);
    const sim = createSimulation({ seed: opts.seed ?? 1, cluster: scenario.cluster, images: scenario.images });
    const session = new Session(scenario, sim, opts);
    const where = scenario.file ?? scenario.id;
    if (scenario.manifests.trim() !== '') {
      const r = runKubectl(['apply', '-f', '-'], { ...session.ctx, stdin: scenario.manifests });
      if (r.exitCode !== 0) {
        const line = scenario.manifestsLine ? `:${scenario.manifestsLine}` : '';
        return { ok: false, error: `${where}${line}: the scenario's manifests do not apply:\n${r.stderr}` };
      }
    }
    // Setup commands read no terminal: an `-it` among them runs as it would from a script.
    session.shell.terminalAttached = false;
    for (const command of scenario.setup) {
      const r = session.shell.run(command);
      if (r.exitCode !== 0) return { ok: false, error: `${where}: setup command failed: ${command}\n${r.stderr}` };
    }
    session.shell.terminalAttached = true;
    // Nodes whose kubelet the scenario stops: after the workloads started, before time passes.
    for (const node of scenario.cluster?.nodes ?? []) if (node.kubelet === 'stopped') stopKubelet(sim, node.name);
    sim.advanceBy(scenario.startAfterMs);
    return { ok: true, session };
  }

  /** The learner's files (what they wrote, over the scenario's files and the disk). */
  get workspace(): Workspace {
    return this.shell.workspace;
  }

  /** Runs what the learner typed: a kubectl command or a shell line, or a line for the container shell they are in. */
  run(line: string): KubectlResult {
    return this.shell.run(line);
  }

  /** The container shell the learner is in (`kubectl exec -it`, `kubectl run -it`), or undefined. */
  get inside(): InteractiveSession | undefined {
    return this.shell.session;
  }

  /** After simulated time passed: kubectl's last words when the container shell ended meanwhile. */
  poll(): KubectlResult | undefined {
    return this.shell.poll();
  }

  objectives(): ObjectiveStatus[] {
    return evaluateObjectives(this.sim, this.scenario.objectives);
  }

  guards(): ObjectiveStatus[] {
    return evaluateObjectives(this.sim, this.scenario.guards);
  }

  /** Solved: every objective met and every guard holding (a scenario without objectives is always solved). */
  solved(): boolean {
    return this.objectives().every((o) => o.met) && this.guards().every((g) => g.met);
  }
}

/** The learner's file system with the scenario's files (relative paths) laid over it. */
function withFiles(fs: FileSystem, files: Record<string, string>): FileSystem {
  const names = Object.keys(files);
  if (names.length === 0) return fs;
  const norm = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');
  const under = (dir: string) => names.filter((f) => dir === '' || dir === '.' || f.startsWith(norm(dir) + '/')).map((f) => (dir === '' || dir === '.' ? f : f.slice(norm(dir).length + 1)).split('/')[0]);
  return {
    readFile: (p) => files[norm(p)] ?? fs.readFile(p),
    isDirectory: (p) => names.some((f) => f.startsWith(norm(p) + '/')) || fs.isDirectory(p),
    readDir: (p) => [...new Set([...under(p), ...fs.readDir(p)])].sort(),
    stat: (p) => {
      const text = files[norm(p)];
      if (text !== undefined) return { isDirectory: false, size: Buffer.byteLength(text) };
      if (names.some((f) => f.startsWith(norm(p) + '/'))) return { isDirectory: true, size: 4096 };
      if (fs.stat) return fs.stat(p);
      if (fs.isDirectory(p)) return { isDirectory: true, size: 4096 };
      const below = fs.readFile(p);
      return below === undefined ? undefined : { isDirectory: false, size: Buffer.byteLength(below) };
    },
  };
}
