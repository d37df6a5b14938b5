import { describe, expect, it } from 'vitest';
import { NGINX_PAGE, standardWorld } from './test-world.js';

describe('more tool outputs', () => {
  it('curl -v on success and on refusal', () => {
    const w = standardWorld();
    const ok = w.exec('frontend', 'ui', ['curl', '-v', 'http://web.default/']);
    expect(ok.stdout).toBe(NGINX_PAGE);
    expect(ok.stderr).toBe(
      '* Host web.default:80 was resolved.\n* IPv6: (none)\n* IPv4: 10.96.12.5\n*   Trying 10.96.12.5:80...\n' +
        '* Connected to web.default (10.96.12.5) port 80\n* using HTTP/1.x\n' +
        '> GET / HTTP/1.1\r\n> Host: web.default\r\n> User-Agent: curl/8.11.1\r\n> Accept: */*\r\n> \r\n* Request completely sent off\n' +
        '< HTTP/1.1 200 OK\r\n< Date: Thu, 15 Jan 2026 09:00:00 GMT\r\n< Content-Type: text/html\r\n< Content-Length: 615\r\n< Connection: close\r\n< \r\n' +
        '{ [615 bytes data]\n* Connection #0 to host web.default left intact\n',
    );
    w.service('default', 'api', { clusterIP: '10.96.0.12', selector: { app: 'api' }, ports: [{ port: 80 }] });
    const r = w.exec('frontend', 'ui', ['curl', '-v', 'http://10.96.0.12']);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toMatch(
      /^\* {3}Trying 10\.96\.0\.12:80\.\.\.\n\* connect to 10\.96\.0\.12 port 80 from 10\.244\.1\.11 port \d+ failed: Connection refused\n\* Failed to connect to 10\.96\.0\.12 port 80 after 1 ms: Couldn't connect to server\n\* closing connection #0\ncurl: \(7\) Failed to connect to 10\.96\.0\.12 port 80 after 1 ms: Couldn't connect to server\n$/,
    );
  });

  it('busybox wget -S shows the status line and headers', () => {
    const w = standardWorld();
    expect(w.exec('default', 'client', ['wget', '-S', '-q', '-O', '/dev/null', 'http://web']).stderr).toBe(
      '  HTTP/1.1 200 OK\n  Date: Thu, 15 Jan 2026 09:00:00 GMT\n  Content-Type: text/html\n  Content-Length: 615\n  Connection: close\n',
    );
  });

  it('OpenBSD nc in a Debian image', () => {
    const w = standardWorld();
    w.pod('default', 'debug', { ip: '10.244.2.50', node: 'node-2', container: 'debug', proc: { tools: ['sh', 'bash', 'nc', 'cat'] } });
    expect(w.exec('default', 'debug', ['nc', '-zv', 'web', '80'])).toEqual({ stdout: '', stderr: 'Connection to web (10.96.12.5) 80 port [tcp/http] succeeded!\n', exitCode: 0 });
    expect(w.exec('default', 'debug', ['nc', '-zv', '10.244.1.5', '81'])).toEqual({
      stdout: '',
      stderr: 'nc: connect to 10.244.1.5 port 81 (tcp) failed: Connection refused\n',
      exitCode: 1,
    });
    expect(w.exec('default', 'debug', ['nc', '-zv', 'db', '5432'])).toEqual({
      stdout: '',
      stderr: 'nc: getaddrinfo for host "db" port 5432: Name or service not known\n',
      exitCode: 1,
    });
    w.policy('default', 'deny', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    expect(w.exec('default', 'debug', ['nc', '-zv', '-w', '3', 'web', '80']).stderr).toBe(
      'nc: connect to web (10.96.12.5) port 80 (tcp) timed out: Operation now in progress\n',
    );
  });

  it('dig +short, getent hosts', () => {
    const w = standardWorld();
    w.pod('default', 'tools', { ip: '10.244.2.51', node: 'node-2', container: 'tools', proc: { tools: ['sh', 'dig', 'getent'] } });
    expect(w.exec('default', 'tools', ['dig', '+short', 'web.default.svc.cluster.local'])).toEqual({ stdout: '10.96.12.5\n', stderr: '', exitCode: 0 });
    expect(w.exec('default', 'tools', ['dig', '+short', 'web']).stdout).toBe('');
    expect(w.exec('default', 'tools', ['dig', '+short', '+search', 'web']).stdout).toBe('10.96.12.5\n');
    expect(w.exec('default', 'tools', ['getent', 'hosts', 'web'])).toEqual({ stdout: '10.96.12.5      web.default.svc.cluster.local\n', stderr: '', exitCode: 0 });
    expect(w.exec('default', 'tools', ['getent', 'hosts', 'db'])).toEqual({ stdout: '', stderr: '', exitCode: 2 });
  });

  it('nslookup of a headless Service lists the ready pods; ExternalName shows the CNAME', () => {
    const w = standardWorld();
    w.pod('prod', 'cache-0', { labels: { app: 'cache' }, ip: '10.244.2.40', node: 'node-2' });
    w.pod('prod', 'cache-1', { labels: { app: 'cache' }, ip: '10.244.1.41', node: 'node-1', ready: false });
    w.service('prod', 'cache', { clusterIP: 'None', selector: { app: 'cache' }, ports: [{ port: 6379 }] });
    w.service('default', 'legacy', { clusterIP: '', type: 'ExternalName', externalName: 'db.prod.svc.cluster.local', ports: [] });
    expect(w.exec('default', 'client', ['nslookup', 'cache.prod.svc.cluster.local']).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tcache.prod.svc.cluster.local\nAddress: 10.244.2.40\n\n\n',
    );
    expect(w.exec('default', 'client', ['nslookup', 'legacy.default.svc.cluster.local']).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        'legacy.default.svc.cluster.local\tcanonical name = db.prod.svc.cluster.local\nName:\tdb.prod.svc.cluster.local\nAddress: 10.96.30.1\n\n' +
        'legacy.default.svc.cluster.local\tcanonical name = db.prod.svc.cluster.local\n\n',
    );
  });

  it('nslookup reports read errors when kube-dns has no endpoints', () => {
    const w = standardWorld();
    w.store.remove('pods', 'kube-system', 'coredns-668d6bf9bc-x7x2p');
    w.endpoints('kube-system', 'kube-dns');
    expect(w.exec('default', 'client', ['nslookup', 'web'])).toEqual({
      stdout: ';; connection timed out; no servers could be reached\n\n',
      stderr: 'nslookup: read: Connection refused\nnslookup: read: Connection refused\n',
      exitCode: 1,
    });
    expect(w.exec('default', 'client', ['wget', '-qO-', 'web'])).toEqual({ stdout: '', stderr: "wget: bad address 'web'\n", exitCode: 1 });
  });

  it('a hostNetwork pod uses the node resolver, which knows no cluster names', () => {
    const w = standardWorld();
    w.pod('default', 'agent', { ip: '192.168.49.3', node: 'node-2', container: 'agent', hostNetwork: true, proc: { tools: ['busybox', 'sh'] } });
    expect(w.exec('default', 'agent', ['cat', '/etc/resolv.conf']).stdout).toBe('nameserver 8.8.8.8\n');
    expect(w.exec('default', 'agent', ['nslookup', 'web']).stdout).toBe(
      "Server:\t\t8.8.8.8\nAddress:\t8.8.8.8:53\n\n** server can't find web: NXDOMAIN\n\n** server can't find web: NXDOMAIN\n\n",
    );
    expect(w.exec('default', 'agent', ['wget', '-qO-', 'web.default.svc.cluster.local']).stderr).toBe("wget: bad address 'web.default.svc.cluster.local'\n");
    expect(w.exec('default', 'agent', ['wget', '-qO-', '10.96.12.5']).stdout).toBe(NGINX_PAGE);
  });

  it('env, ip addr, rm, and programs the simulation does not run', () => {
    const w = standardWorld();
    w.pod('default', 'box', { ip: '10.244.2.52', node: 'node-2', container: 'box', proc: { tools: ['sh', 'ash', 'env', 'ip', 'rm', 'cat', 'echo', 'vi'], env: { WEB_SERVICE_HOST: '10.96.12.5' } } });
    expect(w.exec('default', 'box', ['env']).stdout).toBe(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=box\nWEB_SERVICE_HOST=10.96.12.5\nHOME=/root\n',
    );
    expect(w.exec('default', 'box', ['ip', 'addr']).stdout).toContain('    inet 10.244.2.52/32 scope global eth0\n');
    expect(w.exec('default', 'box', ['sh', '-c', 'echo hi > /tmp/x; cat /tmp/x; rm /tmp/x; cat /tmp/x'])).toEqual({
      stdout: 'hi\n',
      stderr: "cat: can't open '/tmp/x': No such file or directory\n",
      exitCode: 1,
    });
    expect(w.exec('default', 'box', ['vi'])).toEqual({
      stdout: '',
      stderr: 'vi: not available in this simulated container (kubedojo simulates the network and file tools)\n',
      exitCode: 1,
    });
  });

  it('targetPort by name reaches the container port', () => {
    const w = standardWorld();
    w.service('default', 'web-named', { clusterIP: '10.96.40.6', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 'http' }] });
    expect(w.exec('default', 'client', ['wget', '-qO-', 'web-named:8080']).stdout).toBe(NGINX_PAGE);
  });
});

describe('GNU wget (Debian images)', () => {
  function py(): ReturnType<typeof standardWorld> {
    const w = standardWorld();
    w.pod('default', 'py', { ip: '10.244.2.60', node: 'node-2', container: 'py', proc: { tools: ['sh', 'bash', 'wget', 'cat'], env: { LANG: 'C.UTF-8' } } });
    return w;
  }

  it('downloads with the classic log', () => {
    const w = py();
    expect(w.exec('default', 'py', ['wget', 'http://web'])).toEqual({
      stdout: '',
      stderr:
        '--2026-01-15 09:00:00--  http://web/\nResolving web (web)... 10.96.12.5\nConnecting to web (web)|10.96.12.5|:80... connected.\n' +
        'HTTP request sent, awaiting response... 200 OK\nLength: 615 [text/html]\nSaving to: \u2018index.html\u2019\n\n' +
        `     0K${' '.repeat(55)}100% 56.1M=0s\n\n2026-01-15 09:00:00 (56.1 MB/s) - \u2018index.html\u2019 saved [615/615]\n\n`,
      exitCode: 0,
    });
    expect(w.exec('default', 'py', ['wget', '-q', 'web']).exitCode).toBe(0);
    expect(w.exec('default', 'py', ['cat', 'index.html.1']).stdout).toBe(NGINX_PAGE);
  });

  it('fails with exit 4 on DNS and connection errors, 8 on HTTP errors', () => {
    const w = py();
    expect(w.exec('default', 'py', ['wget', '-q', 'http://db:5432'])).toEqual({ stdout: '', stderr: '', exitCode: 4 });
    expect(w.exec('default', 'py', ['wget', 'http://db:5432']).stderr).toBe(
      '--2026-01-15 09:00:00--  http://db:5432/\nResolving db (db)... failed: Name or service not known.\nwget: unable to resolve host address \u2018db\u2019\n',
    );
    expect(w.exec('default', 'py', ['wget', '-O-', 'http://web/missing']).stderr).toContain(
      'HTTP request sent, awaiting response... 404 Not Found\n2026-01-15 09:00:00 ERROR 404: Not Found.\n\n',
    );
    w.policy('default', 'deny', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    const t0 = w.nowMs;
    const r = w.exec('default', 'py', ['wget', '-T', '2', '-t', '2', 'web']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe(
      '--2026-01-15 09:00:00--  http://web/\nResolving web (web)... 10.96.12.5\nConnecting to web (web)|10.96.12.5|:80... failed: Connection timed out.\nRetrying.\n\n' +
        '--2026-01-15 09:00:03--  (try: 2)  http://web/\nConnecting to web (web)|10.96.12.5|:80... failed: Connection timed out.\nGiving up.\n\n',
    );
    expect(w.nowMs - t0).toBe(5000);
  });
});

describe('with a terminal (kubectl exec -t)', () => {
  it('curl drops the meter when the body goes to the terminal; busybox wget draws its bar with \\r', () => {
    const w = standardWorld();
    expect(w.net.exec('frontend', 'ui', 'ui', ['curl', 'web.default'], '', { tty: true })).toEqual({ stdout: NGINX_PAGE, stderr: '', exitCode: 0 });
    expect(w.net.exec('default', 'client', 'client', ['wget', '-O', '/tmp/i', 'web'], '', { tty: true }).stderr).toBe(
      "Connecting to web (10.96.12.5:80)\nsaving to '/tmp/i'\n\ri                    100% |********************************|   615  0:00:00 ETA\n'/tmp/i' saved\n",
    );
  });
});

describe('curl when DNS is blocked', () => {
  it('waits for the resolver (musl 5 s) or -m, then exits 6 or 28', () => {
    const w = standardWorld();
    w.policy('frontend', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    let t0 = w.nowMs;
    expect(w.exec('frontend', 'ui', ['curl', '-sS', 'http://web.default'])).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web.default\n', exitCode: 6 });
    expect(w.nowMs - t0).toBe(5000);
    t0 = w.nowMs;
    expect(w.exec('frontend', 'ui', ['curl', '-sS', '-m', '2', 'http://web.default'])).toEqual({
      stdout: '',
      stderr: 'curl: (28) Resolving timed out after 2002 milliseconds\n',
      exitCode: 28,
    });
    expect(w.nowMs - t0).toBe(2000);
  });
});

describe('busybox telnet', () => {
  it('is silent when the port is open, and reports refusals', () => {
    const w = standardWorld();
    w.pod('default', 'bb', { ip: '10.244.2.70', node: 'node-2', container: 'bb', proc: { tools: ['sh', 'ash', 'telnet'] } });
    expect(w.exec('default', 'bb', ['telnet', 'web', '80'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(w.exec('default', 'bb', ['telnet', '10.244.1.5', '81'])).toEqual({ stdout: '', stderr: "telnet: can't connect to remote host (10.244.1.5): Connection refused\n", exitCode: 1 });
  });
});

describe('busybox netstat', () => {
  it('lists the listening sockets it can find', () => {
    const w = standardWorld();
    w.pod('default', 'nx', { ip: '10.244.2.71', node: 'node-2', container: 'nx', ports: [{ containerPort: 8081 }], proc: { tcp: [80, 8081], tools: ['sh', 'ash', 'netstat'] } });
    expect(w.exec('default', 'nx', ['netstat', '-tln']).stdout).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n' +
        'tcp        0      0 0.0.0.0:8081            0.0.0.0:*               LISTEN      \n',
    );
  });
});

describe('shell loops', () => {
  it('unrolls a for loop over $(seq) to hit a Service several times', () => {
    const w = standardWorld();
    w.pod('default', 'web-7d4b9c8f6-fghij', {
      labels: { app: 'web' },
      ip: '10.244.2.5',
      node: 'node-2',
      container: 'nginx',
      proc: { tcp: [80], http: { 80: () => ({ status: 200, body: 'web-7d4b9c8f6-fghij\n' }) } },
    });
    w.endpoints('default', 'web');
    const r = w.exec('default', 'client', ['sh', '-c', 'for i in $(seq 1 6); do wget -qO- -T 1 web | head -n 1; done']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(6);
    expect(new Set(lines)).toEqual(new Set(['<!DOCTYPE html>', 'web-7d4b9c8f6-fghij']));
    expect(w.exec('default', 'client', ['sh', '-c', 'for h in web db.prod; do nc -zv -w 1 $h 80 2>&1; done']).stdout).toBe(
      'web (10.96.12.5:80) open\nnc: db.prod (10.96.30.1:80): Connection timed out\n',
    );
  });
});
