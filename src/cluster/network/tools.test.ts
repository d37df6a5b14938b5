import { describe, expect, it } from 'vitest';
import { NGINX_PAGE, standardWorld, type TestWorld } from './test-world.js';

const SIZE = Buffer.byteLength(NGINX_PAGE); // 615

function client(w: TestWorld, ...argv: string[]): ReturnType<TestWorld['exec']> {
  return w.exec('default', 'client', argv);
}

function denyWeb(w: TestWorld): void {
  w.policy('default', 'default-deny-ingress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
}

describe('busybox wget', () => {
  it('prints the page with -qO-', () => {
    const w = standardWorld();
    expect(client(w, 'wget', '-qO-', '--timeout=2', 'http://web')).toEqual({ stdout: NGINX_PAGE, stderr: '', exitCode: 0 });
  });

  it('saves index.html with the progress line, then refuses to overwrite it', () => {
    const w = standardWorld();
    expect(SIZE).toBe(615);
    expect(client(w, 'wget', 'http://web')).toEqual({
      stdout: '',
      stderr:
        "Connecting to web (10.96.12.5:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
      exitCode: 0,
    });
    expect(client(w, 'cat', 'index.html').stdout).toBe(NGINX_PAGE);
    expect(client(w, 'wget', 'web')).toEqual({
      stdout: '',
      stderr: "Connecting to web (10.96.12.5:80)\nwget: can't open 'index.html': File exists\n",
      exitCode: 1,
    });
  });

  it('writes to stdout with -O -', () => {
    const w = standardWorld();
    expect(client(w, 'wget', '-O', '-', 'web:80/')).toEqual({
      stdout: NGINX_PAGE,
      stderr: 'Connecting to web:80 (10.96.12.5:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n',
      exitCode: 0,
    });
  });

  it('checks existence with --spider (the NetworkPolicy tutorial)', () => {
    const w = standardWorld();
    expect(client(w, 'wget', '--spider', '--timeout=1', 'web')).toEqual({
      stdout: '',
      stderr: 'Connecting to web (10.96.12.5:80)\nremote file exists\n',
      exitCode: 0,
    });
  });

  it('times out after -T seconds of simulated time when a policy drops the SYN', () => {
    const w = standardWorld();
    denyWeb(w);
    const t0 = w.nowMs;
    expect(client(w, 'wget', '--spider', '--timeout=1', 'web')).toEqual({
      stdout: '',
      stderr: 'Connecting to web (10.96.12.5:80)\nwget: download timed out\n',
      exitCode: 1,
    });
    expect(w.nowMs - t0).toBe(1000);
    const t1 = w.nowMs;
    expect(client(w, 'wget', '-qO-', 'http://web').stderr).toBe("wget: can't connect to remote host (10.96.12.5): Connection timed out\n");
    expect(w.nowMs - t1).toBe(127_000);
  });

  it('is refused when the Service has no endpoints', () => {
    const w = standardWorld();
    w.service('default', 'api', { clusterIP: '10.96.0.12', selector: { app: 'api' }, ports: [{ port: 80 }] });
    expect(client(w, 'wget', '-qO-', 'http://api')).toEqual({
      stdout: '',
      stderr: "wget: can't connect to remote host (10.96.0.12): Connection refused\n",
      exitCode: 1,
    });
  });

  it('reports a bad address for unknown and cross-namespace short names', () => {
    const w = standardWorld();
    expect(client(w, 'wget', '-qO-', 'http://db:5432')).toEqual({ stdout: '', stderr: "wget: bad address 'db:5432'\n", exitCode: 1 });
    expect(client(w, 'wget', '-q', '-O', '-', 'nope')).toEqual({ stdout: '', stderr: "wget: bad address 'nope'\n", exitCode: 1 });
  });

  it('reports a bad address after glibc\'s 10 s when DNS is blocked', () => {
    const w = standardWorld();
    w.policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const t0 = w.nowMs;
    expect(client(w, 'wget', '-T', '2', 'web')).toEqual({ stdout: '', stderr: "wget: bad address 'web'\n", exitCode: 1 });
    expect(w.nowMs - t0).toBe(10_000);
  });

  it('prints server errors', () => {
    const w = standardWorld();
    expect(client(w, 'wget', '-qO-', 'http://web/missing')).toEqual({
      stdout: '',
      stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n',
      exitCode: 1,
    });
  });
});

describe('curl', () => {
  it('prints the body, with the progress meter on stderr unless -s', () => {
    const w = standardWorld();
    expect(w.exec('frontend', 'ui', ['curl', '-s', 'http://web.default'])).toEqual({ stdout: NGINX_PAGE, stderr: '', exitCode: 0 });
    expect(w.exec('frontend', 'ui', ['curl', 'http://web.default'])).toEqual({
      stdout: NGINX_PAGE,
      stderr:
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n',
      exitCode: 0,
    });
  });

  it('exits 6 when the host does not resolve', () => {
    const w = standardWorld();
    expect(w.exec('frontend', 'ui', ['curl', '-sS', 'http://web'])).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web\n', exitCode: 6 });
    expect(w.exec('frontend', 'ui', ['curl', '-s', 'http://web'])).toEqual({ stdout: '', stderr: '', exitCode: 6 });
  });

  it('exits 7 when the connection is refused', () => {
    const w = standardWorld();
    w.service('default', 'api', { clusterIP: '10.96.0.12', selector: { app: 'api' }, ports: [{ port: 80 }] });
    expect(w.exec('frontend', 'ui', ['curl', 'http://api.default'])).toEqual({
      stdout: '',
      stderr:
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n' +
        "curl: (7) Failed to connect to api.default port 80 after 2 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
  });

  it('exits 28 after --connect-timeout / -m of simulated time', () => {
    const w = standardWorld();
    denyWeb(w);
    const t0 = w.nowMs;
    expect(w.exec('frontend', 'ui', ['curl', '-sS', '--connect-timeout', '2', 'http://web.default'])).toEqual({
      stdout: '',
      stderr: 'curl: (28) Failed to connect to web.default port 80 after 2002 ms: Timeout was reached\n',
      exitCode: 28,
    });
    expect(w.nowMs - t0).toBe(2000);
    expect(w.exec('frontend', 'ui', ['curl', '-sS', '-m', '3', '-o', '/dev/null', '-w', '%{http_code}', 'http://10.96.12.5'])).toEqual({
      stdout: '000',
      stderr: 'curl: (28) Failed to connect to 10.96.12.5 port 80 after 3002 ms: Timeout was reached\n',
      exitCode: 28,
    });
  });

  it('writes the status code with -w and fails with -f on 404', () => {
    const w = standardWorld();
    expect(w.exec('frontend', 'ui', ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'web.default'])).toEqual({ stdout: '200\n', stderr: '', exitCode: 0 });
    expect(w.exec('frontend', 'ui', ['curl', '-fsS', 'web.default/missing'])).toEqual({
      stdout: '',
      stderr: 'curl: (22) The requested URL returned error: 404\n',
      exitCode: 22,
    });
  });

  it('shows headers with -I', () => {
    const w = standardWorld();
    expect(w.exec('frontend', 'ui', ['curl', '-sI', 'web.default']).stdout).toBe(
      `HTTP/1.1 200 OK\r\nDate: Thu, 15 Jan 2026 09:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: ${SIZE}\r\nConnection: close\r\n\r\n`,
    );
  });
});

describe('nc, nslookup, ping', () => {
  it('busybox nc -zv: open, silent refusal, timeout with -w', () => {
    const w = standardWorld();
    expect(client(w, 'nc', '-zv', 'web', '80')).toEqual({ stdout: '', stderr: 'web (10.96.12.5:80) open\n', exitCode: 0 });
    expect(client(w, 'nc', '-zv', '10.244.1.5', '81')).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(client(w, 'nc', '-zvv', '10.244.1.5', '81')).toEqual({ stdout: '', stderr: 'nc: 10.244.1.5 (10.244.1.5:81): Connection refused\n', exitCode: 1 });
    denyWeb(w);
    const t0 = w.nowMs;
    expect(client(w, 'nc', '-zv', '-w', '2', 'web', '80')).toEqual({ stdout: '', stderr: 'nc: web (10.96.12.5:80): Connection timed out\n', exitCode: 1 });
    expect(w.nowMs - t0).toBe(2000);
  });

  it('busybox nslookup walks the search list for dotless names and exits 1 on any NXDOMAIN', () => {
    const w = standardWorld();
    expect(client(w, 'nslookup', 'web')).toEqual({
      stdout:
        'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        'Name:\tweb.default.svc.cluster.local\nAddress: 10.96.12.5\n\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n",
      stderr: '',
      exitCode: 1,
    });
    expect(client(w, 'nslookup', 'web.default.svc.cluster.local')).toEqual({
      stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.5\n\n\n',
      stderr: '',
      exitCode: 0,
    });
    expect(client(w, 'nslookup', 'kubernetes.default').stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n",
    );
  });

  it('busybox nslookup times out when DNS egress is blocked', () => {
    const w = standardWorld();
    w.policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const t0 = w.nowMs;
    expect(client(w, 'nslookup', 'web')).toEqual({ stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 });
    expect(w.nowMs - t0).toBe(5000);
  });

  it('ping: a ClusterIP never answers, a pod does', () => {
    const w = standardWorld();
    const svc = client(w, 'ping', '-c', '1', 'web');
    expect(svc).toEqual({
      stdout: 'PING web (10.96.12.5): 56 data bytes\n\n--- web ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n',
      stderr: '',
      exitCode: 1,
    });
    expect(client(w, 'ping', '-c', '1', '10.244.1.5').stdout).toBe(
      'PING 10.244.1.5 (10.244.1.5): 56 data bytes\n64 bytes from 10.244.1.5: seq=0 ttl=63 time=0.050 ms\n\n--- 10.244.1.5 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = 0.050/0.050/0.050 ms\n',
    );
  });
});

describe('exec basics', () => {
  it('reports programs missing from the image as the runtime does', () => {
    const w = standardWorld();
    const r = client(w, 'curl', 'web');
    expect(r.exitCode).toBe(1);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.startError).toMatch(
      /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/,
    );
  });

  it('cats the kubelet-managed files', () => {
    const w = standardWorld();
    expect(client(w, 'cat', '/etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(client(w, 'cat', '/nope')).toEqual({ stdout: '', stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
    expect(client(w, 'hostname').stdout).toBe('client\n');
    expect(client(w, 'hostname', '-i').stdout).toBe('10.244.2.7\n');
  });

  it('runs sh -c sequences, && / ||, pipes and redirections', () => {
    const w = standardWorld();
    expect(client(w, 'sh', '-c', 'wget -qO- http://web | head -n 4 | grep title')).toEqual({ stdout: '<title>Welcome to nginx!</title>\n', stderr: '', exitCode: 0 });
    expect(client(w, 'sh', '-c', 'wget -qO- http://db:5432 || echo "db unreachable: $?"')).toEqual({
      stdout: 'db unreachable: 1\n',
      stderr: "wget: bad address 'db:5432'\n",
      exitCode: 0,
    });
    expect(client(w, 'sh', '-c', 'curl web; echo done')).toEqual({ stdout: 'done\n', stderr: 'sh: curl: not found\n', exitCode: 0 });
    // cd within one script: relative paths follow it; ash names the failing line (0 is -c's first).
    expect(client(w, 'sh', '-c', 'cd /etc && cat hostname; pwd\n\ncd /nope; echo $?; pwd')).toEqual({
      stdout: 'client\n/etc\n2\n/etc\n',
      stderr: "sh: cd: line 2: can't cd to /nope: No such file or directory\n",
      exitCode: 0,
      // Where the shell ended up, for a session that runs the next line there.
      cwd: '/etc',
      oldpwd: '/',
    });
    expect(client(w, 'sh', '-c', 'nc -zv web 80 2>&1 && echo ok')).toEqual({ stdout: 'web (10.96.12.5:80) open\nok\n', stderr: '', exitCode: 0 });
    expect(client(w, 'sh', '-c', 'wget -qO- web >/dev/null 2>&1; echo $?')).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
    expect(w.exec('default', 'web-7d4b9c8f6-abcde', ['bash', '-c', 'nslookup web'])).toEqual({
      stdout: '',
      stderr: 'bash: line 1: nslookup: command not found\n',
      exitCode: 127,
    });
  });

  it('sleep lets simulated time pass', () => {
    const w = standardWorld();
    const t0 = w.nowMs;
    expect(client(w, 'sleep', '30')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(w.nowMs - t0).toBe(30_000);
  });
});
