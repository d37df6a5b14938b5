import { readFileSync } from 'node:fs';
import { parseFlags, type FlagSpec } from '../kubectl/parse/flags.js';
import { playCommand } from './play-command.js';
import { listCommand } from './list-command.js';
import { validateCommand } from './validate-command.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads all of standard input (for `--script -`). */
  readStdin: () => string;
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
}

export const nodeIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => {
    try {
      return readFileSync(0, 'utf8');
    } catch {
      return '';
    }
  },
  stdinIsTTY: !!process.stdin.isTTY,
  env: process.env,
};

export const USAGE = `kubedojo: a terminal trainer for Kubernetes troubleshooting

Usage:
  kubedojo                                   interactive menu
  kubedojo drill [SCENARIO]                  a drill (a picker when omitted)
  kubedojo challenge [--minutes N] [--seed N]
  kubedojo quiz [--topic T] [--count N]
  kubedojo list [--json]                     the scenario catalogue
  kubedojo play SCENARIO [--script FILE|-] [--json] [--seed N]
  kubedojo play --snapshot FILE|DIR [--now RFC3339] [--script FILE|-] [--json]
  kubedojo validate [PATH...]                lint scenario and quiz files, prove each scenario
  kubedojo --help | --version

SCENARIO is a catalogue id (see \`kubedojo list\`) or a path to a scenario file.
`;

/** Parses a subcommand's flags, printing a usage error (exit 2) on failure. */
export function cliFlags(args: string[], specs: FlagSpec[], io: CliIO, command: string) {
  const r = parseFlags(args, specs);
  if (!r.ok) {
    io.stderr(`kubedojo ${command}: ${r.message}\nRun 'kubedojo --help' for usage.\n`);
    return undefined;
  }
  return r.parsed;
}

/** The command line: parses argv and hands off to the headless player, the catalogue or the UI. */
export async function main(argv: string[], io: CliIO = nodeIO): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case '--version':
    case '-v':
    case 'version':
      io.stdout(`kubedojo ${process.env.KUBEDOJO_VERSION ?? '0.0.0-dev'}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'play':
      return playCommand(rest, io);
    case 'list':
      return listCommand(rest, io);
    case 'validate':
      return validateCommand(rest, io);
    case undefined:
    case 'drill':
    case 'challenge':
    case 'quiz': {
      if (!io.stdinIsTTY) {
        io.stderr(
          'kubedojo: the trainer needs an interactive terminal (stdin is not a TTY).\n' +
            'To run commands against a scenario without one, use: kubedojo play SCENARIO --script FILE\n',
        );
        return 2;
      }
      // Ink's chalk reads FORCE_COLOR, not NO_COLOR (https://no-color.org); set it before Ink loads.
      if (io.env.NO_COLOR) process.env.FORCE_COLOR = '0';
      // Ink draws nothing until exit when it believes it runs in CI; on a terminal we are interactive.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { startInteractive } = await import('../ui/start.js');
      return startInteractive(cmd ?? 'home', rest, io);
    }
    default:
      io.stderr(`kubedojo: unknown command "${cmd}"\n\n${USAGE}`);
      return 2;
  }
}
