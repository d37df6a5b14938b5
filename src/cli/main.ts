/** The command line: parses argv and hands off to the headless player or the UI. */
export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`kubedojo ${process.env.KUBEDOJO_VERSION ?? '0.0.0-dev'}\n`);
    return 0;
  }
  process.stdout.write(USAGE);
  return cmd === '--help' || cmd === '-h' ? 0 : 2;
}

export const USAGE = `kubedojo: a terminal trainer for Kubernetes troubleshooting

Usage:
  kubedojo                                   interactive menu
  kubedojo drill [SCENARIO]                  a drill (a picker when omitted)
  kubedojo challenge [--minutes N] [--seed N]
  kubedojo quiz [--topic T] [--count N]
  kubedojo list [--json]                     the scenario catalogue
  kubedojo play SCENARIO [--script FILE|-] [--json] [--seed N]
  kubedojo play --snapshot FILE [--now RFC3339] [--script FILE|-] [--json]
  kubedojo validate [PATH...]                lint scenario and quiz files, prove each scenario
  kubedojo --help | --version
`;
