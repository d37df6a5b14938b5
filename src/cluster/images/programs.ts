import { DATE_TOKEN, busyboxDate, runScript, type PlanBuilder, type Program } from './shell.js';

const MI = 1 << 20;

function parseBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(s);
  if (!m) return 256 * MI;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  return Math.floor(n * (unit === 'k' ? 1024 : unit === 'm' ? MI : unit === 'g' ? 1024 * MI : 1));
}

function sleepSeconds(arg: string | undefined): number | undefined {
  if (arg === undefined) return 0;
  if (arg === 'infinity' || arg === 'inf') return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1;
  return Number(m[1]) * mult;
}

/** What `wget`, `nc`, `nslookup`, `curl` do inside a script, from the network's verdict. */
/**
 * Options that take a value, per tool (busybox nc and wget, curl): their values
 * are not operands (`nc -z -w 2 db 5432` connects to db, not to 2).
 */
const VALUE_OPTIONS: Record<'wget' | 'nc' | 'nslookup' | 'curl', string[]> = {
  nc: ['-w', '-i', '-p', '-s', '-e', '-f', '-q'],
  wget: ['-O', '-o', '-T', '-Y', '-P', '-U', '-e', '-t', '--header', '--post-data', '--post-file', '--user', '--password', '--user-agent', '--output-document', '--timeout', '--tries', '--directory-prefix'],
  nslookup: [],
  curl: ['-o', '-X', '-H', '-d', '-m', '-u', '-A', '-w', '-e', '-b', '-c', '-T', '-x', '-F', '-r', '-y', '-Y', '-K', '-E', '-C', '--connect-timeout', '--max-time', '--data', '--data-raw', '--data-binary', '--header', '--request', '--output', '--user', '--user-agent', '--write-out', '--resolve', '--cacert', '--cert', '--key', '--retry', '--retry-delay', '--proxy', '--form', '--referer', '--cookie', '--cookie-jar', '--upload-file', '--range', '--config'],
};

/**
 * Splits a command line into operands and option values, as getopt does: a
 * value option takes the rest of its cluster (`-w2`) or the next word (`-w 2`);
 * `--opt=value` carries its own; `--` ends the options.
 */
export function operands(
  argv: string[],
  valueOptions: string[],
): { args: string[]; values: Record<string, string> } {
  const args: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq >= 0) values[a.slice(0, eq)] = a.slice(eq + 1);
      else if (valueOptions.includes(a)) values[a] = argv[++i] ?? '';
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const opt = `-${a[j]}`;
        if (!valueOptions.includes(opt)) continue;
        values[opt] = j + 1 < a.length ? a.slice(j + 1) : (argv[++i] ?? '');
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { args, values };
}

function netProgram(kind: 'wget' | 'nc' | 'nslookup' | 'curl'): Program {
  return (b, argv) => {
    const { args, values } = operands(argv.slice(1), VALUE_OPTIONS[kind]);
    let target = args[0] ?? '';
    let port = kind === 'nslookup' ? 0 : 80;
    if (kind === 'nc') port = Number(args[1] ?? 80) || 80;
    const url = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?/.exec(target);
    if (url) {
      target = url[1];
      if (url[2]) port = Number(url[2]);
      else if (/^https:/.test(args[0] ?? '')) port = 443;
    }
    const verdict = b.ctx.connect(target, port);
    // nc -w SECS and wget -T SECS bound the wait for an unanswered connection.
    const limit = Number(values[kind === 'nc' ? '-w' : kind === 'wget' ? '-T' : ''] ?? NaN);
    b.t += verdict === 'timeout' ? (limit > 0 ? limit * 1000 : 10_000) : 50;
    if (kind === 'nslookup') {
      if (verdict === 'nxdomain') {
        b.log(`** server can't find ${target}: NXDOMAIN`);
        return { kind: 'exit', code: 1 };
      }
      b.log(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t${target}`);
      return { kind: 'exit', code: 0 };
    }
    if (verdict === 'ok') return { kind: 'exit', code: 0 };
    if (kind === 'wget') {
      b.log(
        verdict === 'nxdomain'
          ? `wget: bad address '${target}'`
          : verdict === 'timeout'
            ? 'wget: download timed out'
            : `wget: can't connect to remote host: Connection refused`,
      );
      return { kind: 'exit', code: 1 };
    }
    if (kind === 'curl') {
      b.log(
        verdict === 'nxdomain'
          ? `curl: (6) Could not resolve host: ${target}`
          : verdict === 'timeout'
            ? `curl: (28) Connection timed out after 10002 milliseconds`
            : `curl: (7) Failed to connect to ${target} port ${port} after 1 ms: Couldn't connect to server`,
      );
      return { kind: 'exit', code: verdict === 'nxdomain' ? 6 : verdict === 'timeout' ? 28 : 7 };
    }
    return { kind: 'exit', code: 1 };
  };
}

/** Applets of busybox (and the coreutils every image has). */
export const BUSYBOX: Record<string, Program> = {
  sh: (b, argv) => {
    const i = argv.indexOf('-c');
    if (i >= 0) return runScript(b, argv[i + 1] ?? '');
    // With stdin open (`kubectl run -i`) it waits for commands; without, it reads EOF and exits at once.
    if (b.ctx.stdin) return { kind: 'forever' };
    return { kind: 'exit', code: 0 };
  },
  echo: (b, argv) => {
    const args = argv.slice(1);
    const n = args[0] === '-n' || args[0] === '-e' ? args.slice(1) : args;
    b.log(n.join(' '));
    return { kind: 'exit', code: 0 };
  },
  printf: (b, argv) => {
    b.log((argv[1] ?? '').replace(/\\n$/, '').replace(/%s/g, () => argv[2] ?? ''));
    return { kind: 'exit', code: 0 };
  },
  sleep: (b, argv) => {
    const s = sleepSeconds(argv[1]);
    if (s === undefined) return { kind: 'forever' };
    b.t += Math.round(s * 1000);
    return { kind: 'exit', code: 0 };
  },
  true: () => ({ kind: 'exit', code: 0 }),
  // `chroot /host CMD` in a node debug pod runs CMD on the host (kubectl debug simulates systemctl and journalctl there).
  chroot: () => ({ kind: 'exit', code: 0 }),
  ':': () => ({ kind: 'exit', code: 0 }),
  false: () => ({ kind: 'exit', code: 1 }),
  touch: (b, argv) => {
    for (const f of argv.slice(1)) if (b.file(f) === undefined) b.writeFile(f, '');
    return { kind: 'exit', code: 0 };
  },
  rm: (b, argv) => {
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) b.removeFile(f);
    return { kind: 'exit', code: 0 };
  },
  mkdir: () => ({ kind: 'exit', code: 0 }),
  cat: (b, argv) => {
    let code = 0;
    for (const f of argv.slice(1)) {
      const c = b.file(f);
      if (c === undefined) {
        b.log(`cat: can't open '${f}': No such file or directory`);
        code = 1;
      } else if (c !== '') b.log(c.replace(/\n$/, ''));
    }
    return { kind: 'exit', code };
  },
  ls: (b, argv) => {
    const f = argv[argv.length - 1];
    if (argv.length > 1 && !f.startsWith('-') && b.file(f) === undefined) {
      b.log(`ls: ${f}: No such file or directory`);
      return { kind: 'exit', code: 1 };
    }
    return { kind: 'exit', code: 0 };
  },
  test: (b, argv) => ({
    kind: 'exit',
    code: argv[1] === '-f' || argv[1] === '-e' ? (b.file(argv[2] ?? '') !== undefined ? 0 : 1) : 0,
  }),
  date: (b) => {
    b.log(b.dateToken ? DATE_TOKEN : busyboxDate(b.ctx.startedAt + b.t));
    return { kind: 'exit', code: 0 };
  },
  hostname: (b) => {
    b.log(b.ctx.hostname);
    return { kind: 'exit', code: 0 };
  },
  env: (b) => {
    for (const [k, v] of Object.entries(b.ctx.env)) b.log(`${k}=${v}`);
    return { kind: 'exit', code: 0 };
  },
  printenv: (b, argv) => {
    if (argv[1]) {
      const v = b.ctx.env[argv[1]];
      if (v === undefined) return { kind: 'exit', code: 1 };
      b.log(v);
      return { kind: 'exit', code: 0 };
    }
    for (const [k, v] of Object.entries(b.ctx.env)) b.log(`${k}=${v}`);
    return { kind: 'exit', code: 0 };
  },
  wget: netProgram('wget'),
  nc: netProgram('nc'),
  nslookup: netProgram('nslookup'),
  ping: (b) => {
    b.t += 1000;
    return { kind: 'exit', code: 0 };
  },
  tail: (b, argv) => (argv.includes('-f') ? { kind: 'forever' } : { kind: 'exit', code: 0 }),
  httpd: (b, argv) => {
    const p = /-p\s*(\d+)/.exec(argv.join(' '));
    b.plan.listens.push({ port: Number(p?.[1] ?? 80), protocol: 'TCP', at: b.t, http: true });
    return argv.includes('-f') ? { kind: 'forever' } : { kind: 'exit', code: 0 };
  },
};

export const BUSYBOX_TOOLS = [
  'sh',
  'ash',
  'cat',
  'echo',
  'ls',
  'ps',
  'sleep',
  'env',
  'printenv',
  'wget',
  'nc',
  'nslookup',
  'ping',
  'telnet',
  'vi',
  'grep',
  'sed',
  'awk',
  'head',
  'tail',
  'touch',
  'rm',
  'mkdir',
  'hostname',
  'date',
  'top',
  'df',
  'free',
  'id',
  'whoami',
  'ip',
  'ifconfig',
  'netstat',
  'traceroute',
  'true',
  'false',
  'test',
];

/** `polinux/stress`: `stress --vm 1 --vm-bytes 250M --vm-hang 1`. */
export const stress: Program = (b, argv) => {
  const a = argv.join(' ');
  const vm = Number(/--vm\s+(\d+)/.exec(a)?.[1] ?? 0);
  const bytes = parseBytes(/--vm-bytes\s+(\S+)/.exec(a)?.[1] ?? '256M');
  const cpu = Number(/--cpu\s+(\d+)/.exec(a)?.[1] ?? 0);
  const timeout = /--timeout\s+(\d+)s?/.exec(a)?.[1];
  b.log(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd`);
  const total = vm * bytes + 1 * MI;
  // Allocation is fast but not instant: about 100 ms for the whole region.
  b.plan.memory = { start: 1 * MI, perSecond: Math.max(1, (total - MI) * 10), max: total };
  b.plan.cpuMillis = 1000 * (cpu + vm);
  if (timeout) {
    b.t += Number(timeout) * 1000;
    b.log(`stress: info: [1] successful run completed in ${timeout}s`);
    return { kind: 'exit', code: 0 };
  }
  return { kind: 'forever' };
};

export function sleepProgram(b: PlanBuilder, secs: number | undefined): ReturnType<Program> {
  if (secs === undefined) return { kind: 'forever' };
  b.t += secs * 1000;
  return { kind: 'exit', code: 0 };
}
