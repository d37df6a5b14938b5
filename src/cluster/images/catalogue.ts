import { BUSYBOX, BUSYBOX_TOOLS, stress } from './programs.js';
import type { PlanBuilder, Program, Outcome } from './shell.js';

const MI = 1 << 20;

/** A known image repository: what is in it and what its programs do. */
export interface ImageEntry {
  /** `docker.io/library/nginx` */
  repository: string;
  /** Tags that exist in the registry; `*` accepts any tag. */
  tags: string[] | '*';
  /** Compressed size in bytes (the `Image size:` of the Pulled event). */
  size: number;
  /** Needs registry credentials (imagePullSecrets). */
  private?: boolean;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  /** Executables on $PATH, for `kubectl exec` and for "executable file not found". */
  tools: string[];
  /**
   * Where executables are, by base name (`gateway` → `/usr/local/bin/gateway`).
   * A listed executable runs only from its exact absolute path, or by its bare
   * name when its directory is on the container's PATH; unlisted ones are
   * found under any path.
   */
  paths?: Record<string, string>;
  /**
   * The image config's USER (`65535:65535`, `nonroot:nonroot`); absent or empty
   * means root. The kubelet checks it against `runAsNonRoot`.
   */
  user?: string;
  /** Programs whose behaviour is simulated, by executable base name. */
  programs: Record<string, Program>;
  /** Baseline resident memory (bytes) and CPU (millicores) of a running process. */
  memory: number;
  cpu: number;
  /** Present on every node from the start (kube-system images). */
  preloaded?: boolean;
  /** SIGTERM handling: exits (with code, after ms) or ignores it (killed at the end of the grace period). */
  sigterm: { exits: boolean; afterMs: number; code: number };
  /**
   * Log lines the server writes for one HTTP request (access log, and an
   * error-log line for misses), for kubelet probes and other clients.
   */
  accessLog?: (r: HttpRequestLog) => string[];
}

export interface HttpRequestLog {
  /** Absolute time of the request. */
  time: number;
  clientIP: string;
  serverIP: string;
  port: number;
  path: string;
  status: number;
  userAgent: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's default `combined`-style log format plus its error log for missing files. */
function nginxAccessLog(r: HttpRequestLog): string[] {
  const d = new Date(r.time);
  const clf = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const bytes = r.status === 200 ? 615 : r.status === 404 ? 153 : 0;
  const lines: string[] = [];
  if (r.status === 404) {
    lines.push(
      `${nginxTime(r.time)} [error] 29#29: *1 open() "/usr/share/nginx/html${r.path}" failed (2: No such file or directory), client: ${r.clientIP}, server: localhost, request: "GET ${r.path} HTTP/1.1", host: "${r.serverIP}:${r.port}"`,
    );
  }
  lines.push(
    `${r.clientIP} - - [${clf}] "GET ${r.path} HTTP/1.1" ${r.status} ${bytes} "-" "${r.userAgent}" "-"`,
  );
  return lines;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>`;

const NGINX_404 = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/1.27.3</center>
</body>
</html>`;

function nginxProgram(version: (b: PlanBuilder) => string): Program {
  return (b) => {
    const ts = nginxTime(b.ctx.startedAt + b.t);
    b.log(
      [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${ts} [notice] 1#1: using the "epoll" event method`,
        `${ts} [notice] 1#1: nginx/${version(b)}`,
        `${ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
        `${ts} [notice] 1#1: OS: Linux 6.8.0-1021-aws`,
        `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${ts} [notice] 1#1: start worker processes`,
        `${ts} [notice] 1#1: start worker process 29`,
        `${ts} [notice] 1#1: start worker process 30`,
      ].join('\n'),
    );
    b.plan.listens.push({ port: 80, protocol: 'TCP', at: b.t + 50, http: true });
    b.plan.http['/'] = [{ status: 200, body: NGINX_INDEX }];
    b.plan.http['/index.html'] = [{ status: 200, body: NGINX_INDEX }];
    b.plan.notFound = { status: 404, body: NGINX_404 };
    return { kind: 'forever' };
  };
}

function postgresProgram(b: PlanBuilder): Outcome {
  const env = b.ctx.env;
  if (!env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    b.t += 120;
    b.log(
      [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
      ].join('\n'),
    );
    return { kind: 'exit', code: 1 };
  }
  const t = (ms: number) =>
    new Date(b.ctx.startedAt + ms)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.(\d{3})Z$/, '.$1 UTC');
  b.log('The files belonging to this database system will be owned by user "postgres".');
  b.log('This user must also own the server process.');
  b.t += 2500;
  b.log('PostgreSQL init process complete; ready for start up.');
  b.log('');
  b.log(
    `${t(b.t)} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
  );
  b.log(`${t(b.t)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`);
  b.log(`${t(b.t)} [1] LOG:  listening on IPv6 address "::", port 5432`);
  b.log(`${t(b.t)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`);
  b.log(`${t(b.t)} [1] LOG:  database system is ready to accept connections`);
  b.plan.listens.push({ port: 5432, protocol: 'TCP', at: b.t });
  return { kind: 'forever' };
}

function mysqlProgram(b: PlanBuilder): Outcome {
  const env = b.ctx.env;
  const ts = () =>
    new Date(b.ctx.startedAt + b.t)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, '+00:00');
  b.log(`${ts()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.`);
  b.log(`${ts()} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`);
  b.log(`${ts()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.`);
  if (
    !env.MYSQL_ROOT_PASSWORD &&
    !env.MYSQL_ALLOW_EMPTY_PASSWORD &&
    !env.MYSQL_RANDOM_ROOT_PASSWORD
  ) {
    b.log(
      [
        `${ts()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
        '    You need to specify one of the following as an environment variable:',
        '    - MYSQL_ROOT_PASSWORD',
        '    - MYSQL_ALLOW_EMPTY_PASSWORD',
        '    - MYSQL_RANDOM_ROOT_PASSWORD',
      ].join('\n'),
    );
    return { kind: 'exit', code: 1 };
  }
  b.t += 8000;
  b.log(
    `${new Date(b.ctx.startedAt + b.t).toISOString()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
  );
  b.plan.listens.push({ port: 3306, protocol: 'TCP', at: b.t });
  return { kind: 'forever' };
}

function redisProgram(b: PlanBuilder): Outcome {
  const d = new Date(b.ctx.startedAt);
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    d.getUTCMonth()
  ];
  const ts = `${pad(d.getUTCDate())} ${MON} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  b.log(`1:C ${ts} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`);
  b.log(
    `1:C ${ts} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
  );
  b.log(
    `1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
  );
  b.log(`1:M ${ts} * monotonic clock: POSIX clock_gettime`);
  b.log(`1:M ${ts} * Running mode=standalone, port=6379.`);
  b.log(`1:M ${ts} * Server initialized`);
  b.log(`1:M ${ts} * Ready to accept connections tcp`);
  b.plan.listens.push({ port: 6379, protocol: 'TCP', at: b.t + 20 });
  return { kind: 'forever' };
}

function httpdProgram(b: PlanBuilder): Outcome {
  const d = new Date(b.ctx.startedAt);
  const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    d.getUTCMonth()
  ];
  const ts = `${DAY} ${MON} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
  const ah = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${b.ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
  b.log(ah);
  b.log(ah);
  b.log(
    `[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
  );
  b.log(`[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
  b.plan.listens.push({ port: 80, protocol: 'TCP', at: b.t + 30, http: true });
  b.plan.http['/'] = [{ status: 200, body: '<html><body><h1>It works!</h1></body></html>' }];
  b.plan.notFound = {
    status: 404,
    body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>',
  };
  return { kind: 'forever' };
}

const forever: Program = () => ({ kind: 'forever' });

/** A long-running server listening on fixed ports (system components). */
function daemon(
  ports: { port: number; protocol?: 'TCP' | 'UDP'; http?: Record<string, number> }[],
  lines: (b: PlanBuilder) => string[] = () => [],
): Program {
  return (b) => {
    for (const l of lines(b)) b.log(l);
    for (const p of ports) {
      b.plan.listens.push({
        port: p.port,
        protocol: p.protocol ?? 'TCP',
        at: b.t + 200,
        http: !!p.http,
      });
      // System components answer their usual health endpoints on every HTTP port.
      const health = p.http
        ? { '/healthz': 200, '/livez': 200, '/readyz': 200, '/health': 200 }
        : {};
      for (const [path, status] of Object.entries({ ...health, ...(p.http ?? {}) }))
        b.plan.http[path] = [{ status, body: status === 200 ? 'ok' : '' }];
    }
    return { kind: 'forever' };
  };
}

function agnhost(b: PlanBuilder, argv: string[]): Outcome {
  const sub = argv[1];
  const flag = (name: string, dflt: string) =>
    /--[\w-]+=(\S+)/.exec(argv.find((a) => a.startsWith(`--${name}=`)) ?? '')?.[1] ?? dflt;
  switch (sub) {
    case 'netexec': {
      const port = Number(flag('http-port', '8080'));
      b.log(`I0115 started HTTP server on port ${port}`);
      b.plan.listens.push({ port, protocol: 'TCP', at: b.t + 10, http: true });
      b.plan.http['/'] = [{ status: 200, body: 'NOW: ' + new Date(b.ctx.startedAt).toISOString() }];
      b.plan.http['/hostname'] = [{ status: 200, body: b.ctx.hostname }];
      b.plan.http['/healthz'] = [{ status: 200, body: 'ok' }];
      return { kind: 'forever' };
    }
    case 'serve-hostname': {
      b.log('Serving on port 9376.');
      b.plan.listens.push({ port: 9376, protocol: 'TCP', at: b.t + 10, http: true });
      b.plan.http['/'] = [{ status: 200, body: b.ctx.hostname }];
      return { kind: 'forever' };
    }
    case 'liveness': {
      // Healthy for 10 s, then /healthz answers 500 (the docs' liveness-http example).
      b.plan.listens.push({ port: 8080, protocol: 'TCP', at: b.t, http: true });
      b.plan.http['/healthz'] = [
        { status: 200, body: 'ok', until: b.t + 10_000 },
        { status: 500, body: 'error: 10s', from: b.t + 10_000 },
      ];
      return { kind: 'forever' };
    }
    case 'pause':
      return { kind: 'forever' };
    default:
      b.log('Usage:\n  agnhost [command]');
      return { kind: 'exit', code: sub === undefined ? 0 : 1 };
  }
}

const DEBIAN_TOOLS = [
  'sh',
  'bash',
  'cat',
  'echo',
  'ls',
  'sleep',
  'env',
  'printenv',
  'grep',
  'sed',
  'head',
  'tail',
  'touch',
  'rm',
  'mkdir',
  'hostname',
  'date',
  'id',
  'true',
  'false',
  'test',
];
const COMMON: Record<string, Program> = Object.fromEntries(
  [
    'sh',
    'bash',
    'echo',
    'printf',
    'sleep',
    'true',
    'false',
    ':',
    'touch',
    'rm',
    'mkdir',
    'cat',
    'ls',
    'test',
    'date',
    'hostname',
    'env',
    'printenv',
    'tail',
  ].map((k) => [k, BUSYBOX[k === 'bash' ? 'sh' : k]]),
);

function entry(
  e: Partial<ImageEntry> & Pick<ImageEntry, 'repository' | 'tags' | 'size'>,
): ImageEntry {
  return {
    entrypoint: [],
    cmd: [],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    tools: [],
    programs: {},
    memory: 2 * MI,
    cpu: 1,
    sigterm: { exits: true, afterMs: 100, code: 0 },
    ...e,
  };
}

const K8S_VERSIONS = ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'];

/** The public images the simulated registries serve. */
export const BUILTIN_IMAGES: ImageEntry[] = [
  entry({
    repository: 'docker.io/library/nginx',
    tags: [
      'latest',
      'stable',
      'alpine',
      'mainline',
      '1',
      '1.29',
      '1.28',
      '1.28.0',
      '1.28-alpine',
      '1.27',
      '1.27.3',
      '1.27.4',
      '1.27-alpine',
      '1.26',
      '1.26.3',
      '1.25',
      '1.25.5',
      '1.24',
      '1.24.0',
      '1.23',
      '1.22',
      '1.21',
      '1.21.6',
      '1.20',
      '1.19',
      '1.17',
      '1.16',
      '1.16.1',
      '1.15',
      '1.14',
      '1.14.2',
    ],
    size: 72_950_534,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      NGINX_VERSION: '1.27.3',
      NJS_VERSION: '0.8.7',
      PKG_RELEASE: '1~bookworm',
    },
    tools: [...DEBIAN_TOOLS, 'curl', 'nginx'],
    programs: {
      ...COMMON,
      'docker-entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      nginx: nginxProgram(() => '1.27.3'),
    },
    memory: 9 * MI,
    cpu: 1,
    sigterm: { exits: true, afterMs: 100, code: 0 },
    accessLog: nginxAccessLog,
  }),
  entry({
    repository: 'docker.io/library/httpd',
    tags: ['latest', '2', '2.4', '2.4.62', '2.4-alpine', 'alpine'],
    size: 58_000_123,
    cmd: ['httpd-foreground'],
    tools: [...DEBIAN_TOOLS, 'httpd'],
    programs: { ...COMMON, 'httpd-foreground': httpdProgram },
    memory: 6 * MI,
  }),
  entry({
    repository: 'docker.io/library/busybox',
    tags: [
      'latest',
      '1',
      '1.36',
      '1.36.1',
      '1.37',
      '1.37.0',
      '1.35',
      '1.34',
      '1.28',
      'stable',
      'musl',
      'glibc',
      'uclibc',
    ],
    size: 2_156_732,
    cmd: ['sh'],
    tools: BUSYBOX_TOOLS,
    programs: BUSYBOX,
    memory: 400 * 1024,
    sigterm: { exits: false, afterMs: 0, code: 137 },
  }),
  entry({
    repository: 'registry.k8s.io/busybox',
    tags: ['latest', '1.27', '1.24'],
    size: 1_144_547,
    cmd: ['sh'],
    tools: BUSYBOX_TOOLS,
    programs: BUSYBOX,
    memory: 400 * 1024,
    sigterm: { exits: false, afterMs: 0, code: 137 },
  }),
  entry({
    repository: 'docker.io/library/alpine',
    tags: ['latest', '3', '3.21', '3.20', '3.19', '3.18', 'edge'],
    size: 3_653_068,
    cmd: ['/bin/sh'],
    tools: BUSYBOX_TOOLS,
    programs: BUSYBOX,
    memory: 500 * 1024,
    sigterm: { exits: false, afterMs: 0, code: 137 },
  }),
  entry({
    repository: 'docker.io/library/redis',
    tags: ['latest', '7', '7.4', '7.4.1', '7.2', '6', '6.2', 'alpine', '7-alpine'],
    size: 45_301_344,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    tools: [...DEBIAN_TOOLS, 'redis-cli', 'redis-server'],
    programs: {
      ...COMMON,
      'docker-entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      'redis-server': redisProgram,
    },
    memory: 4 * MI,
    cpu: 2,
  }),
  entry({
    repository: 'docker.io/library/postgres',
    tags: [
      'latest',
      '17',
      '17.2',
      '16',
      '16.6',
      '15',
      '14',
      '13',
      'alpine',
      '16-alpine',
      '17-alpine',
    ],
    size: 158_003_251,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    tools: [...DEBIAN_TOOLS, 'psql', 'postgres', 'pg_isready'],
    programs: {
      ...COMMON,
      'docker-entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      postgres: postgresProgram,
    },
    memory: 40 * MI,
    cpu: 3,
  }),
  entry({
    repository: 'docker.io/library/mysql',
    tags: ['latest', '8', '8.4', '8.4.3', '8.0', '9', 'lts'],
    size: 172_912_345,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    tools: [...DEBIAN_TOOLS, 'mysql', 'mysqld'],
    programs: {
      ...COMMON,
      'docker-entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      mysqld: mysqlProgram,
    },
    memory: 360 * MI,
    cpu: 5,
  }),
  entry({
    repository: 'docker.io/curlimages/curl',
    user: 'curl_user',
    tags: ['latest', '8.11.1', '8.10.1', '8.5.0', '7.85.0'],
    size: 9_421_233,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    tools: [...BUSYBOX_TOOLS, 'curl'],
    programs: {
      ...BUSYBOX,
      'entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      curl: (b, argv) => {
        if (argv.length === 1) {
          b.log("curl: try 'curl --help' or 'curl --manual' for more information");
          return { kind: 'exit', code: 2 };
        }
        return { kind: 'exit', code: 0 };
      },
    },
    memory: 2 * MI,
    sigterm: { exits: false, afterMs: 0, code: 137 },
  }),
  entry({
    repository: 'docker.io/polinux/stress',
    tags: ['latest', '1.0.4'],
    size: 4_041_229,
    cmd: ['stress', '--help'],
    tools: ['stress', 'sh', 'cat', 'ls'],
    programs: { ...COMMON, stress },
    memory: 1 * MI,
    sigterm: { exits: true, afterMs: 10, code: 0 },
  }),
  entry({
    repository: 'registry.k8s.io/pause',
    user: '65535:65535',
    tags: ['3.10', '3.9', '3.8', '3.7', '3.6'],
    size: 320_368,
    entrypoint: ['/pause'],
    tools: ['pause'],
    programs: { pause: forever },
    memory: 256 * 1024,
    cpu: 0,
    preloaded: true,
  }),
  entry({
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: ['2.52', '2.51', '2.50', '2.47', '2.43', '2.39'],
    size: 51_567_034,
    entrypoint: ['/agnhost'],
    tools: [...BUSYBOX_TOOLS, 'agnhost', 'curl'],
    programs: { ...BUSYBOX, agnhost },
    memory: 8 * MI,
  }),
  entry({
    repository: 'docker.io/library/python',
    tags: [
      'latest',
      '3',
      '3.13',
      '3.12',
      '3.11',
      '3.10',
      '3.12-slim',
      '3.13-slim',
      '3.12-alpine',
      'slim',
      'alpine',
    ],
    size: 374_612_004,
    cmd: ['python3'],
    tools: [...DEBIAN_TOOLS, 'python', 'python3', 'pip', 'curl', 'wget'],
    programs: {
      ...COMMON,
      python: pythonProgram,
      python3: pythonProgram,
    },
    memory: 10 * MI,
  }),
  entry({
    repository: 'docker.io/library/node',
    tags: [
      'latest',
      '22',
      '20',
      '18',
      'lts',
      '20-alpine',
      '22-alpine',
      '20-slim',
      'alpine',
      'slim',
    ],
    size: 398_123_456,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    tools: [...DEBIAN_TOOLS, 'node', 'npm', 'curl', 'wget'],
    programs: {
      ...COMMON,
      'docker-entrypoint.sh': (b, argv) => b.run(argv.slice(1)),
      node: (b, argv) => {
        if (argv.length === 1) return { kind: 'exit', code: 0 };
        const file = argv[1];
        b.log(
          [
            'node:internal/modules/cjs/loader:1228',
            '  throw err;',
            '  ^',
            '',
            `Error: Cannot find module '${file.startsWith('/') ? file : '/' + file}'`,
            '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
            '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
            '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)',
            '    at node:internal/main/run_main_module:28:49 {',
            "  code: 'MODULE_NOT_FOUND',",
            '  requireStack: []',
            '}',
            '',
            'Node.js v20.18.1',
          ].join('\n'),
        );
        return { kind: 'exit', code: 1 };
      },
    },
    memory: 30 * MI,
  }),
  entry({
    repository: 'docker.io/library/golang',
    tags: ['latest', '1.23', '1.22', '1.21', 'alpine', '1.23-alpine'],
    size: 301_234_567,
    cmd: ['bash'],
    tools: [...DEBIAN_TOOLS, 'go', 'git', 'curl', 'wget'],
    programs: COMMON,
    memory: 2 * MI,
  }),
  // kube-system images (kubeadm v1.32 defaults), present on every node.
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((name) =>
    entry({
      repository: `registry.k8s.io/${name}`,
      tags: K8S_VERSIONS,
      size:
        {
          'kube-apiserver': 28_670_731,
          'kube-controller-manager': 26_259_392,
          'kube-scheduler': 20_657_536,
          'kube-proxy': 30_907_858,
        }[name] ?? 25_000_000,
      entrypoint: [],
      cmd: [],
      tools: name === 'kube-proxy' ? ['kube-proxy', 'sh', 'iptables'] : [name],
      programs: {
        [name]: daemon(
          name === 'kube-apiserver'
            ? [{ port: 6443, http: { '/livez': 200, '/readyz': 200 } }]
            : name === 'kube-controller-manager'
              ? [{ port: 10257, http: { '/healthz': 200 } }]
              : name === 'kube-scheduler'
                ? [{ port: 10259, http: { '/healthz': 200 } }]
                : [{ port: 10256, http: { '/healthz': 200 } }],
        ),
        sh: BUSYBOX.sh,
      },
      memory:
        {
          'kube-apiserver': 250 * MI,
          'kube-controller-manager': 50 * MI,
          'kube-scheduler': 20 * MI,
          'kube-proxy': 15 * MI,
        }[name] ?? 20 * MI,
      cpu:
        {
          'kube-apiserver': 45,
          'kube-controller-manager': 15,
          'kube-scheduler': 4,
          'kube-proxy': 1,
        }[name] ?? 1,
      preloaded: true,
    }),
  ),
  entry({
    repository: 'registry.k8s.io/etcd',
    tags: ['3.5.16-0', '3.5.15-0', '3.5.12-0'],
    size: 57_680_541,
    tools: ['etcd', 'etcdctl'],
    programs: { etcd: daemon([{ port: 2379 }, { port: 2381, http: { '/health': 200 } }]) },
    memory: 45 * MI,
    cpu: 20,
    preloaded: true,
  }),
  entry({
    repository: 'registry.k8s.io/coredns/coredns',
    user: 'nonroot:nonroot',
    tags: ['v1.11.3', 'v1.11.1', 'v1.10.1'],
    size: 18_562_039,
    entrypoint: ['/coredns'],
    tools: ['coredns'],
    programs: {
      coredns: daemon(
        [
          { port: 53, protocol: 'UDP' },
          { port: 53 },
          { port: 9153, http: { '/metrics': 200 } },
          { port: 8080, http: { '/health': 200 } },
          { port: 8181, http: { '/ready': 200 } },
        ],
        () => [
          '.:53',
          '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
          'CoreDNS-1.11.3',
          'linux/amd64, go1.21.11, a6338e9',
        ],
      ),
    },
    memory: 14 * MI,
    cpu: 3,
    preloaded: true,
  }),
  entry({
    repository: 'docker.io/kindest/kindnetd',
    tags: ['v20241108-5c6d2daf', 'v20241023-a345ebe4'],
    size: 38_600_298,
    tools: ['kindnetd'],
    programs: { kindnetd: daemon([]) },
    cmd: ['/bin/kindnetd'],
    memory: 11 * MI,
    cpu: 1,
    preloaded: true,
  }),
  ...(['node', 'cni', 'kube-controllers'] as const).map((c) =>
    entry({
      repository: `docker.io/calico/${c}`,
      tags: ['v3.29.1', 'v3.29.0', 'v3.28.2', 'v3.28.1', 'v3.27.4'],
      size: { node: 146_612_423, cni: 94_553_912, 'kube-controllers': 35_184_736 }[c],
      entrypoint:
        c === 'node'
          ? ['start_runit']
          : c === 'kube-controllers'
            ? ['/usr/bin/kube-controllers']
            : [],
      tools: [
        'sh',
        'calico-node',
        'calico-ipam',
        'install',
        'check-status',
        'kube-controllers',
        'start_runit',
      ],
      programs: {
        // Health checks (`calico-node -felix-live`, `check-status -r`) succeed; one-shot installers exit 0.
        'calico-node': (b, argv) =>
          argv.some((a) => /-(felix|bird)-(live|ready)|-init/.test(a))
            ? { kind: 'exit', code: 0 }
            : { kind: 'forever' },
        'check-status': () => ({ kind: 'exit', code: 0 }),
        'calico-ipam': (b) => {
          b.t += 300;
          return { kind: 'exit', code: 0 };
        },
        install: (b) => {
          b.log('Running as a Kubernetes pod');
          b.t += 800;
          b.log('Installed /host/opt/cni/bin/calico');
          b.log('CNI plugin upgrade complete');
          return { kind: 'exit', code: 0 };
        },
        start_runit: daemon([{ port: 9099, http: { '/liveness': 200, '/readiness': 200 } }]),
        'kube-controllers': daemon([]),
        sh: BUSYBOX.sh,
      },
      memory: { node: 120 * MI, cni: 4 * MI, 'kube-controllers': 16 * MI }[c],
      cpu: { node: 25, cni: 1, 'kube-controllers': 2 }[c],
      preloaded: true,
    }),
  ),
  entry({
    repository: 'registry.k8s.io/metrics-server/metrics-server',
    user: '65534',
    tags: ['v0.7.2', 'v0.7.1'],
    size: 19_494_617,
    entrypoint: ['/metrics-server'],
    tools: ['metrics-server'],
    programs: {
      'metrics-server': daemon([{ port: 10250, http: { '/livez': 200, '/readyz': 200 } }]),
    },
    memory: 18 * MI,
    cpu: 4,
    preloaded: true,
  }),
];

function pythonProgram(b: PlanBuilder, argv: string[]): Outcome {
  const a = argv.slice(1);
  if (a.length === 0) return { kind: 'exit', code: 0 };
  if (a[0] === '-m' && a[1] === 'http.server') {
    const port = Number(a[2] ?? 8000) || 8000;
    b.log(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`);
    b.plan.listens.push({ port, protocol: 'TCP', at: b.t + 100, http: true });
    b.plan.http['/'] = [
      {
        status: 200,
        body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>',
      },
    ];
    return { kind: 'forever' };
  }
  if (a[0] === '-c') return { kind: 'exit', code: 0 };
  b.log(
    `python3: can't open file '/${a[0].replace(/^\//, '')}': [Errno 2] No such file or directory`,
  );
  return { kind: 'exit', code: 2 };
}

export { isoTime };
