import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { Simulation } from '../simulation.js';
import {
  createPod,
  cstatus,
  kubeletSim,
  pod,
  podEvents,
  podStatusColumn,
  sec,
  watchStatus,
} from './test-helpers.js';

const IMAGES = {
  'shop/leaky:1.0': {
    preloaded: true,
    memory: { start: '50Mi', perSecond: '10Mi', max: '10Gi' },
    logs: ['leaky starting'],
  },
  'shop/api:2.0': {
    preloaded: true,
    memory: '4Mi',
    ports: [8080],
    startupSeconds: 3,
    http: {
      '/healthz': 200,
      '/ready': [
        { status: 503, untilSeconds: 20 },
        { status: 200, fromSeconds: 20 },
      ],
    },
    logs: ['api starting', { at: 3, text: 'listening on :8080' }],
  },
  'shop/worker:1.0': {
    preloaded: true,
    requiredEnv: [
      { name: 'DB_HOST', log: 'FATAL: DB_HOST is not set', exitCode: 2, afterSeconds: 1 },
    ],
    memory: '30Mi',
  },
};

function sim(): Simulation {
  return kubeletSim({ images: IMAGES });
}

function deletePod(s: Simulation, name: string, grace?: number): void {
  const p = pod(s, name)!;
  const def = s.api.kindFor(p);
  if (!def.ok) throw new Error('no kind');
  s.api.delete(
    def.value,
    'default',
    name,
    grace === undefined ? {} : { gracePeriodSeconds: grace },
  );
  s.settle();
}

describe('kubelet: OOM crash loop', () => {
  it('kills at the exact crossing instant with 137, restarts at once, then backs off 10s, 20s, 40s … capped at 5m', () => {
    const s = sim();
    const log = watchStatus(s, 'leak');
    createPod(s, 'leak', {
      containers: [
        { name: 'app', image: 'shop/leaky:1.0', resources: { limits: { memory: '100Mi' } } },
      ],
    });
    // The sandbox takes 1 s; then 50Mi + 10Mi/s crosses 100Mi after exactly 5 s.
    sec(s, 6);
    let c = cstatus(s, 'leak', 'app');
    expect(c.state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(c.restartCount).toBe(0);
    sec(s, 1);
    c = cstatus(s, 'leak', 'app');
    expect(c.state.running).toBeDefined();
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
      startedAt: '2026-01-15T09:00:01Z',
      finishedAt: '2026-01-15T09:00:06Z',
    });
    s.advanceBy(1000_000);
    expect(log).toEqual([
      '+0s 0/1 Pending 0',
      '+0s 0/1 ContainerCreating 0',
      '+1s 1/1 Running 0',
      '+6s 0/1 OOMKilled 0',
      '+7s 1/1 Running 1',
      '+12s 0/1 OOMKilled 1',
      '+13s 0/1 CrashLoopBackOff 1',
      '+22s 1/1 Running 2',
      '+27s 0/1 OOMKilled 2',
      '+28s 0/1 CrashLoopBackOff 2',
      '+47s 1/1 Running 3',
      '+52s 0/1 OOMKilled 3',
      '+53s 0/1 CrashLoopBackOff 3',
      '+92s 1/1 Running 4',
      '+97s 0/1 OOMKilled 4',
      '+98s 0/1 CrashLoopBackOff 4',
      '+177s 1/1 Running 5',
      '+182s 0/1 OOMKilled 5',
      '+183s 0/1 CrashLoopBackOff 5',
      '+342s 1/1 Running 6',
      '+347s 0/1 OOMKilled 6',
      '+348s 0/1 CrashLoopBackOff 6',
      '+647s 1/1 Running 7',
      '+652s 0/1 OOMKilled 7',
      '+653s 0/1 CrashLoopBackOff 7',
      '+952s 1/1 Running 8',
      '+957s 0/1 OOMKilled 8',
      '+958s 0/1 CrashLoopBackOff 8',
    ]);
    const st = pod(s, 'leak')!.status as { phase: string };
    expect(st.phase).toBe('Running');
    c = cstatus(s, 'leak', 'app');
    expect(c.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(c.state.waiting.message).toMatch(
      /^back-off 5m0s restarting failed container=app pod=leak_default\(.+\)$/,
    );
    const ev = podEvents(s, 'leak');
    expect(ev).toContain(
      'Pulled: Container image "shop/leaky:1.0" already present on machine (x9)',
    );
    expect(ev).toContain('Created: Created container: app (x9)');
    expect(ev.find((e) => e.startsWith('BackOff:'))).toMatch(
      /^BackOff: Back-off restarting failed container app in pod leak_default\([0-9a-f-]{36}\) \(x8\)$/,
    );
    // The previous instance's logs are there; a container that has restarted keeps one previous.
    const prev = s.kubelet.logs('default', 'leak', 'app', true);
    expect(prev.ok && prev.lines.map((l) => l.text)).toEqual(['leaky starting']);
  });

  it('resets the back-off after 10 minutes of running', () => {
    const s = sim();
    createPod(s, 'slow', {
      containers: [
        { name: 'app', image: 'shop/leaky:1.0', resources: { limits: { memory: '7000Mi' } } },
      ],
    });
    // Crosses after 695 s each run: the first restart is immediate anyway (after the 1 s PLEG
    // relist); the second one too, because the run lasted more than 10 minutes.
    s.advanceBy(1000 + 695_000 + 1000 + 695_000 + 1000);
    expect(cstatus(s, 'slow', 'app').state.running).toMatchObject({
      startedAt: '2026-01-15T09:23:13Z',
    });
    expect(cstatus(s, 'slow', 'app').restartCount).toBe(2);
  });
});

describe('kubelet: image pulls', () => {
  it("a wrong tag gives ErrImagePull then ImagePullBackOff with containerd's message, retried with back-off", () => {
    const s = sim();
    const log = watchStatus(s, 'web');
    createPod(s, 'web', { containers: [{ name: 'nginx', image: 'nginx:latests' }] });
    s.advanceBy(100_000);
    expect(log.map((l) => l.replace(/^\+[\d.]+s /, ''))).toEqual([
      '0/1 Pending 0',
      '0/1 ContainerCreating 0',
      '0/1 ErrImagePull 0',
      '0/1 ImagePullBackOff 0',
      '0/1 ErrImagePull 0',
      '0/1 ImagePullBackOff 0',
      '0/1 ErrImagePull 0',
      '0/1 ImagePullBackOff 0',
      '0/1 ErrImagePull 0',
      '0/1 ImagePullBackOff 0',
    ]);
    const msg =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latests": failed to resolve reference "docker.io/library/nginx:latests": docker.io/library/nginx:latests: not found';
    expect(podEvents(s, 'web')).toEqual([
      'Pulling: Pulling image "nginx:latests" (x4)',
      `Failed: Failed to pull image "nginx:latests": ${msg} (x4)`,
      'Failed: Error: ErrImagePull (x4)',
      'BackOff: Back-off pulling image "nginx:latests" (x4)',
      'Failed: Error: ImagePullBackOff (x4)',
    ]);
    expect(cstatus(s, 'web').state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "nginx:latests"',
    });
    expect(s.kubelet.logs('default', 'web', 'nginx', false)).toEqual({
      ok: false,
      message:
        'container "nginx" in pod "web" is waiting to start: trying and failing to pull image',
    });
  });

  it('private repositories are denied; an invalid name is InvalidImageName; Never without the image is ErrImageNeverPull', () => {
    const s = sim();
    createPod(s, 'priv', { containers: [{ name: 'c', image: 'k8s-lab-web:v3' }] });
    createPod(s, 'bad', { containers: [{ name: 'c', image: 'busyBOX' }] });
    createPod(s, 'never', {
      containers: [{ name: 'c', image: 'app:dev', imagePullPolicy: 'Never' }],
    });
    sec(s, 5);
    expect(podEvents(s, 'priv').join('\n')).toContain(
      'failed to resolve reference "docker.io/library/k8s-lab-web:v3": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(cstatus(s, 'bad').state.waiting.reason).toBe('InvalidImageName');
    expect(podEvents(s, 'bad')).toContain(
      'InspectFailed: Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    );
    expect(cstatus(s, 'never').state.waiting).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "app:dev" is not present with pull policy of Never',
    });
  });

  it('reports pull time, waiting time of serialized pulls and image size; a second pod finds the image present', () => {
    const s = sim();
    createPod(s, 'a', { containers: [{ name: 'c', image: 'nginx:1.27' }] });
    createPod(s, 'b', { containers: [{ name: 'c', image: 'redis:7.4' }] });
    sec(s, 20);
    const pulledA = podEvents(s, 'a').find((e) => e.startsWith('Pulled:'))!;
    const pulledB = podEvents(s, 'b').find((e) => e.startsWith('Pulled:'))!;
    expect(pulledA).toMatch(
      /^Pulled: Successfully pulled image "nginx:1.27" in ([\d.]+m?s) \(\1 including waiting\)\. Image size: 72950534 bytes\.$/,
    );
    // Pulls are serialized per node: redis waited for nginx.
    const [, own, total] = /in ([\d.]+)m?s \(([\d.]+)s including waiting\)/.exec(pulledB)!;
    expect(Number(total)).toBeGreaterThan(Number(own));
    createPod(s, 'c', { containers: [{ name: 'c', image: 'nginx:1.27' }] });
    sec(s, 1);
    expect(podEvents(s, 'c')[0]).toBe(
      'Pulled: Container image "nginx:1.27" already present on machine',
    );
    expect(cstatus(s, 'a').imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cstatus(s, 'a').containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cstatus(s, 'a').image).toBe('docker.io/library/nginx:1.27');
  });
});

describe("kubelet: changing a bare pod's image", () => {
  function setImage(s: Simulation, name: string, image: string): void {
    const p = pod(s, name)!;
    const spec = p.spec as { containers: { image: string }[] };
    s.api.update({ ...p, spec: { ...spec, containers: [{ ...spec.containers[0], image }] } });
    s.settle();
  }

  it('fixing the tag of a pod in ImagePullBackOff pulls the new image at once', () => {
    const s = sim();
    createPod(s, 'web', { containers: [{ name: 'nginx', image: 'nginx:latests' }] });
    sec(s, 30);
    expect(cstatus(s, 'web').state.waiting.reason).toBe('ImagePullBackOff');
    setImage(s, 'web', 'nginx:1.27');
    sec(s, 10);
    expect(cstatus(s, 'web').state.running).toBeDefined();
    expect(cstatus(s, 'web').image).toBe('docker.io/library/nginx:1.27');
    expect(podEvents(s, 'web')).toContain('Pulling: Pulling image "nginx:1.27"');
  });

  it('a new image on a running container replaces it: Killing "definition changed", restart count 1', () => {
    const s = sim();
    createPod(s, 'api', { containers: [{ name: 'api', image: 'shop/api:2.0' }] });
    sec(s, 5);
    setImage(s, 'api', 'shop/leaky:1.0');
    sec(s, 3);
    expect(podEvents(s, 'api')).toContain(
      'Killing: Container api definition changed, will be restarted',
    );
    expect(cstatus(s, 'api').state.running).toBeDefined();
    expect(cstatus(s, 'api').restartCount).toBe(1);
    const l = s.kubelet.logs('default', 'api', 'api', false);
    expect(l.ok && l.lines.map((x) => x.text)).toEqual(['leaky starting']);
  });
});

describe('kubelet: configuration', () => {
  it('CreateContainerConfigError until the ConfigMap and its key exist, re-checked every 10 s', () => {
    const s = sim();
    createPod(s, 'cfg', {
      containers: [
        {
          name: 'app',
          image: 'shop/api:2.0',
          env: [
            { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'level' } } },
          ],
        },
      ],
    });
    sec(s, 1);
    expect(cstatus(s, 'cfg').state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'configmap "app-config" not found',
    });
    expect(podEvents(s, 'cfg')).toContain('Failed: Error: configmap "app-config" not found');
    sec(s, 5);
    s.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', namespace: 'default' },
      data: { other: 'x' },
    });
    sec(s, 5);
    expect(cstatus(s, 'cfg').state.waiting.message).toBe(
      "couldn't find key level in ConfigMap default/app-config",
    );
    const cm = s.store.get('configmaps', 'default', 'app-config')! as KubeObject;
    s.api.update({ ...cm, data: { level: 'debug' } });
    sec(s, 9);
    expect(cstatus(s, 'cfg').state.waiting).toBeDefined();
    sec(s, 1);
    expect(cstatus(s, 'cfg').state.running).toBeDefined();
    expect(s.kubelet.process('default', 'cfg', 'app')!.env.LEVEL).toBe('debug');
  });

  it('secretKeyRef: missing secret, missing key; optional refs are skipped', () => {
    const s = sim();
    createPod(s, 's1', {
      containers: [
        {
          name: 'app',
          image: 'shop/api:2.0',
          env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
        },
      ],
    });
    sec(s, 1);
    expect(cstatus(s, 's1').state.waiting.message).toBe('secret "db" not found');
    s.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      data: { user: 'YWRtaW4=' },
    });
    sec(s, 10);
    expect(cstatus(s, 's1').state.waiting.message).toBe(
      "couldn't find key password in Secret default/db",
    );
    createPod(s, 's2', {
      containers: [
        {
          name: 'app',
          image: 'shop/api:2.0',
          env: [
            { name: 'P', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } },
          ],
          envFrom: [{ configMapRef: { name: 'x', optional: true } }],
        },
      ],
    });
    sec(s, 1);
    expect(cstatus(s, 's2').state.running).toBeDefined();
  });

  it('a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount until it exists', () => {
    const s = sim();
    createPod(s, 'vol', {
      containers: [
        {
          name: 'app',
          image: 'shop/api:2.0',
          volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'app-files' } }],
    });
    expect(podStatusColumn(pod(s, 'vol'))).toBe('0/1 ContainerCreating 0');
    expect(podEvents(s, 'vol')).toEqual([
      'FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-files" not found',
    ]);
    sec(s, 30);
    expect(podEvents(s, 'vol')[0]).toMatch(/^FailedMount: .* \(x\d\)$/);
    s.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-files', namespace: 'default' },
      data: { 'app.yaml': 'debug: true\n' },
    });
    sec(s, 130);
    expect(cstatus(s, 'vol').state.running).toBeDefined();
    expect(s.kubelet.process('default', 'vol', 'app')!.files['/etc/app/app.yaml']).toBe(
      'debug: true\n',
    );
    expect(s.kubelet.process('default', 'vol', 'app')!.files['/etc/resolv.conf']).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('a required env var missing: the app logs and exits; kubectl logs --previous shows why', () => {
    const s = sim();
    createPod(s, 'w', { containers: [{ name: 'worker', image: 'shop/worker:1.0' }] });
    sec(s, 2);
    expect(cstatus(s, 'w').state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    sec(s, 30);
    const prev = s.kubelet.logs('default', 'w', 'worker', true);
    expect(prev.ok && prev.lines.map((l) => l.text)).toEqual(['FATAL: DB_HOST is not set']);
    expect(s.kubelet.logs('default', 'w', 'nope', false)).toEqual({
      ok: false,
      message: 'container nope is not valid for pod w',
    });
  });
});

describe('kubelet: probes', () => {
  it('liveness on a wrong path: Unhealthy ×3, Killing, restart', () => {
    const s = sim();
    createPod(s, 'live', {
      containers: [
        {
          name: 'web',
          image: 'shop/api:2.0',
          livenessProbe: {
            httpGet: { path: '/wrong', port: 8080 },
            initialDelaySeconds: 5,
            periodSeconds: 5,
            failureThreshold: 3,
          },
        },
      ],
    });
    // Started at 1 s (sandbox), listening from 4 s: 404 at 6, 11, 16 → killed at 16.
    sec(s, 15);
    expect(cstatus(s, 'live').restartCount).toBe(0);
    sec(s, 1);
    expect(podEvents(s, 'live')).toEqual([
      'Pulled: Container image "shop/api:2.0" already present on machine',
      'Created: Created container: web',
      'Started: Started container web',
      'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404 (x3)',
      'Killing: Container web failed liveness probe, will be restarted',
    ]);
    sec(s, 2);
    expect(cstatus(s, 'live').restartCount).toBe(1);
    expect(cstatus(s, 'live').lastState.terminated).toMatchObject({
      reason: 'Completed',
      exitCode: 0,
    });
  });

  it('readiness drives Ready and ContainersReady; the probe message names the pod IP', () => {
    const s = sim();
    createPod(s, 'rd', {
      containers: [
        {
          name: 'api',
          image: 'shop/api:2.0',
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
        },
      ],
    });
    expect((pod(s, 'rd')!.status as { podIP?: string }).podIP).toBeUndefined();
    sec(s, 1);
    const ip = (pod(s, 'rd')!.status as { podIP: string }).podIP;
    expect(ip).toBe('10.244.1.2');
    sec(s, 1);
    expect(podEvents(s, 'rd')).toContain(
      `Unhealthy: Readiness probe failed: Get "http://${ip}:8080/ready": dial tcp ${ip}:8080: connect: connection refused`,
    );
    sec(s, 5);
    expect(podEvents(s, 'rd')).toContain(
      'Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503',
    );
    const ready = () =>
      (
        pod(s, 'rd')!.status as {
          conditions: { type: string; status: string; lastTransitionTime: string }[];
        }
      ).conditions.find((c) => c.type === 'Ready')!;
    expect(ready().status).toBe('False');
    sec(s, 14); // t = 21: the route answers 200 from 20 s after start (21 s) on; the probe at 22 s sees it.
    expect(ready().status).toBe('False');
    sec(s, 1);
    expect(ready()).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-15T09:00:22Z' });
    expect(podStatusColumn(pod(s, 'rd'))).toBe('1/1 Running 0');
  });

  it('the classic liveness-exec: cat /tmp/healthy fails once the file is removed', () => {
    const s = sim();
    createPod(s, 'liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox:1.27',
          imagePullPolicy: 'IfNotPresent',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ],
    });
    s.advanceBy(60_000);
    const ev = podEvents(s, 'liveness-exec');
    expect(ev).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
    );
    expect(ev).toContain('Killing: Container liveness failed liveness probe, will be restarted');
  });

  it('a startup probe holds liveness off until it succeeds; started flips to true', () => {
    const s = kubeletSim({
      images: {
        'shop/slow:1': {
          preloaded: true,
          ports: [8080],
          startupSeconds: 40,
          http: { '/healthz': 200 },
        },
      },
    });
    createPod(s, 'st', {
      containers: [
        {
          name: 'app',
          image: 'shop/slow:1',
          startupProbe: {
            httpGet: { path: '/healthz', port: 8080 },
            periodSeconds: 10,
            failureThreshold: 30,
          },
          livenessProbe: {
            httpGet: { path: '/healthz', port: 8080 },
            periodSeconds: 5,
            failureThreshold: 1,
          },
        },
      ],
    });
    sec(s, 30);
    expect(cstatus(s, 'st').started).toBe(false);
    expect(cstatus(s, 'st').ready).toBe(false);
    expect(podEvents(s, 'st').find((e) => e.startsWith('Unhealthy'))).toMatch(
      /^Unhealthy: Startup probe failed: Get "http:\/\/10\.244\.1\.2:8080\/healthz": dial tcp 10\.244\.1\.2:8080: connect: connection refused \(x3\)$/,
    );
    sec(s, 30);
    expect(cstatus(s, 'st')).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });

  it('a slow endpoint fails a probe whose timeout is shorter', () => {
    const s = kubeletSim({
      images: {
        'shop/slowhttp:1': {
          preloaded: true,
          ports: [8080],
          http: { '/healthz': { status: 200, delaySeconds: 3 } },
        },
      },
    });
    createPod(s, 'to', {
      containers: [
        {
          name: 'app',
          image: 'shop/slowhttp:1',
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, timeoutSeconds: 1 },
        },
      ],
    });
    sec(s, 3);
    expect(podEvents(s, 'to')).toContain(
      'Unhealthy: Readiness probe failed: Get "http://10.244.1.2:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
  });

  it('nginx logs the kubelet probe requests (404s with their error-log line)', () => {
    const s = sim();
    createPod(s, 'ng', {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 },
        },
      ],
    });
    sec(s, 30);
    const l = s.kubelet.logs('default', 'ng', 'web', false);
    const lines = l.ok ? l.lines.map((x) => x.text) : [];
    expect(lines.filter((x) => x.includes('kube-probe/1.32'))[0]).toMatch(
      /^172\.18\.0\.3 - - \[15\/Jan\/2026:09:00:\d\d \+0000\] "GET \/healthz HTTP\/1\.1" 404 153 "-" "kube-probe\/1\.32" "-"$/,
    );
    expect(
      lines.some((x) =>
        /\[error\] 29#29: \*1 open\(\) "\/usr\/share\/nginx\/html\/healthz" failed \(2: No such file or directory\), client: 172\.18\.0\.3, server: localhost, request: "GET \/healthz HTTP\/1\.1", host: "10\.244\.1\.2:80"$/.test(
          x,
        ),
      ),
    ).toBe(true);
  });

  it("requests from other pods land in nginx's access log when the network names the client", () => {
    const s = sim();
    createPod(s, 'ng2', {
      containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }],
    });
    sec(s, 10);
    const p = s.kubelet.process('default', 'ng2', 'web')!;
    expect(p.http(80, '/', { ip: '10.244.2.7', userAgent: 'Wget' })?.status).toBe(200);
    const l = s.kubelet.logs('default', 'ng2', 'web', false);
    expect(l.ok && l.lines.at(-1)?.text).toBe(
      '10.244.2.7 - - [15/Jan/2026:09:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"',
    );
  });

  it('healthy probed pods schedule no timers while time passes', () => {
    const s = sim();
    for (let i = 0; i < 20; i++) {
      createPod(s, `h${i}`, {
        containers: [
          {
            name: 'api',
            image: 'shop/api:2.0',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
      });
    }
    sec(s, 60);
    // Compared with the same cluster without the pods: its own periodic loops
    // (heartbeats, the control plane's lease renewals) are not the pods' doing.
    const idle = sim();
    sec(idle, 60);
    expect(s.clock.pending() - idle.clock.pending()).toBeLessThan(3);
  });
});

describe('kubelet: init containers, phases, deletion', () => {
  it('Init:0/1 → PodInitializing → Running; init logs stay readable', () => {
    const s = sim();
    const log = watchStatus(s, 'i');
    createPod(s, 'i', {
      initContainers: [
        {
          name: 'init',
          image: 'busybox:1.36',
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', 'echo preparing; sleep 5; echo ready'],
        },
      ],
      containers: [{ name: 'app', image: 'shop/api:2.0' }],
    });
    s.advanceBy(30_000);
    expect(log.map((l) => l.replace(/^\+[\d.]+s /, ''))).toEqual([
      '0/1 Pending 0',
      '0/1 Init:0/1 0',
      '0/1 PodInitializing 0',
      '1/1 Running 0',
    ]);
    const l = s.kubelet.logs('default', 'i', 'init', false);
    expect(l.ok && l.lines.map((x) => x.text)).toEqual(['preparing', 'ready']);
    expect(cstatus(s, 'i', 'init', true).state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('an init container waiting for a Service: Init:0/1 with its loop in the logs until the name resolves', () => {
    const s = sim();
    let exists = false;
    s.images.setConnectivity((_from, host) =>
      exists && host === 'myservice.default.svc.cluster.local' ? 'ok' : 'nxdomain',
    );
    createPod(s, 'myapp', {
      initContainers: [
        {
          name: 'init-myservice',
          image: 'busybox:1.28',
          imagePullPolicy: 'IfNotPresent',
          command: [
            'sh',
            '-c',
            'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done',
          ],
        },
      ],
      containers: [{ name: 'app', image: 'shop/api:2.0' }],
    });
    s.advanceBy(60_000);
    expect(podStatusColumn(pod(s, 'myapp'))).toBe('0/1 Init:0/1 0');
    const l = s.kubelet.logs('default', 'myapp', 'init-myservice', false);
    expect(l.ok && l.lines.length).toBeGreaterThan(20);
    expect(l.ok && l.lines[0].text).toBe('waiting for myservice');
    exists = true;
    s.advanceBy(5_000);
    expect(podStatusColumn(pod(s, 'myapp'))).toBe('1/1 Running 0');
  });

  it('a sidecar (restartable init container) starts first, keeps running, and counts in READY', () => {
    const s = sim();
    createPod(s, 'sc', {
      initContainers: [{ name: 'proxy', image: 'shop/api:2.0', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'shop/api:2.0' }],
    });
    sec(s, 1);
    expect(cstatus(s, 'sc', 'proxy', true).state.running).toBeDefined();
    expect(cstatus(s, 'sc', 'app').state.waiting.reason).toBe('PodInitializing');
    sec(s, 2);
    expect(cstatus(s, 'sc', 'proxy', true).state.running).toBeDefined();
    expect(cstatus(s, 'sc', 'app').state.running).toBeDefined();
    const st = pod(s, 'sc')!.status as {
      phase: string;
      conditions: { type: string; status: string }[];
    };
    expect(st.phase).toBe('Running');
    expect(st.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('a failing init container: Init:Error then Init:CrashLoopBackOff', () => {
    const s = sim();
    const log = watchStatus(s, 'ie');
    createPod(s, 'ie', {
      initContainers: [{ name: 'init', image: 'shop/worker:1.0' }],
      containers: [{ name: 'app', image: 'shop/api:2.0' }],
    });
    s.advanceBy(30_000);
    expect(log.map((l) => l.replace(/^\+[\d.]+s /, ''))).toEqual([
      '0/1 Pending 0',
      '0/1 Init:0/1 0',
      '0/1 Init:Error 0',
      '0/1 Init:0/1 0',
      '0/1 Init:Error 0',
      '0/1 Init:CrashLoopBackOff 0',
      '0/1 Init:0/1 0',
      '0/1 Init:Error 0',
      '0/1 Init:CrashLoopBackOff 0',
    ]);
  });

  it('a command that does not exist: RunContainerError, then CrashLoopBackOff with StartError 128', () => {
    const s = sim();
    const log = watchStatus(s, 'bad');
    createPod(s, 'bad', {
      containers: [{ name: 'web', image: 'nginx:1.27', command: ['nginxzz'] }],
    });
    s.advanceBy(10_000);
    expect(log.map((l) => l.replace(/^\+[\d.]+s /, ''))).toEqual([
      '0/1 Pending 0',
      '0/1 ContainerCreating 0',
      '0/1 RunContainerError 0',
      '0/1 RunContainerError 1',
      '0/1 CrashLoopBackOff 1',
    ]);
    const runc =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nginxzz": executable file not found in $PATH: unknown';
    expect(cstatus(s, 'bad').lastState.terminated).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      message: runc,
      startedAt: '1970-01-01T00:00:00Z',
    });
    expect(podEvents(s, 'bad')).toContain(`Failed: Error: ${runc} (x2)`);
  });

  it('FallbackToLogsOnError puts the log tail in the termination message', () => {
    const s = sim();
    createPod(s, 'msg', {
      containers: [
        {
          name: 'worker',
          image: 'shop/worker:1.0',
          terminationMessagePolicy: 'FallbackToLogsOnError',
        },
      ],
    });
    sec(s, 2);
    expect(cstatus(s, 'msg').state.terminated).toMatchObject({
      exitCode: 2,
      message: 'FATAL: DB_HOST is not set\n',
    });
  });

  it('activeDeadlineSeconds: DeadlineExceeded, containers killed, phase Failed', () => {
    const s = sim();
    createPod(s, 'dl', {
      activeDeadlineSeconds: 30,
      containers: [{ name: 'c', image: 'shop/api:2.0' }],
    });
    sec(s, 29);
    expect((pod(s, 'dl')!.status as { phase: string }).phase).toBe('Running');
    sec(s, 1);
    expect(pod(s, 'dl')!.status).toMatchObject({
      phase: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
    });
    expect(podEvents(s, 'dl')).toContain(
      'DeadlineExceeded: Pod was active on the node longer than the specified deadline',
    );
  });

  it('restartPolicy Never/OnFailure give Failed/Succeeded', () => {
    const s = sim();
    createPod(s, 'fail', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'shop/worker:1.0' }],
    });
    createPod(s, 'ok', {
      restartPolicy: 'OnFailure',
      containers: [
        {
          name: 'c',
          image: 'busybox:1.36',
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', 'echo done'],
        },
      ],
    });
    sec(s, 10);
    expect((pod(s, 'fail')!.status as { phase: string }).phase).toBe('Failed');
    expect((pod(s, 'ok')!.status as { phase: string }).phase).toBe('Succeeded');
    expect(podStatusColumn(pod(s, 'ok'))).toBe('0/1 Completed 0');
    const ready = (
      pod(s, 'ok')!.status as { conditions: { type: string; reason?: string }[] }
    ).conditions.find((c) => c.type === 'Ready');
    expect(ready?.reason).toBe('PodCompleted');
  });

  it('graceful deletion: Killing, process exits at SIGTERM (nginx) or after the grace period (sleep), then the pod is gone', () => {
    const s = sim();
    createPod(s, 'ng', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    createPod(s, 'sl', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    });
    sec(s, 20);
    deletePod(s, 'ng');
    deletePod(s, 'sl');
    expect(podEvents(s, 'ng')).toContain('Killing: Stopping container web');
    sec(s, 1);
    expect(pod(s, 'ng')).toBeUndefined();
    expect(pod(s, 'sl')?.metadata.deletionTimestamp).toBeDefined();
    sec(s, 28);
    expect(pod(s, 'sl')).toBeDefined();
    sec(s, 1);
    expect(pod(s, 'sl')).toBeUndefined();
  });

  it('a stopped kubelet makes no progress; started again it adopts what runs', () => {
    const s = sim();
    createPod(s, 'n', {
      containers: [
        { name: 'c', image: 'shop/leaky:1.0', resources: { limits: { memory: '100Mi' } } },
      ],
    });
    sec(s, 2);
    s.kubelet.stopNode('node-1');
    const lease = () =>
      (
        s.store.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1')!.spec as {
          renewTime: string;
        }
      ).renewTime;
    const renewed = lease();
    sec(s, 60);
    expect(lease()).toBe(renewed);
    expect(cstatus(s, 'n').state.running).toBeDefined();
    s.kubelet.startNode('node-1');
    s.settle();
    // It had been over its limit for a while: the adopted process is OOM-killed at once.
    sec(s, 1);
    expect(
      cstatus(s, 'n').state.terminated?.reason ?? cstatus(s, 'n').lastState.terminated?.reason,
    ).toBe('OOMKilled');
    expect(lease()).not.toBe(renewed);
  });
});

describe('kubelet: node heartbeats', () => {
  it('renews its Lease every 10 s and re-posts node conditions every 5 minutes', () => {
    const s = sim();
    const lease = () =>
      s.store.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1')!.spec as {
        renewTime: string;
        holderIdentity: string;
      };
    const ready = () =>
      (
        s.store.get('nodes', '', 'node-1')!.status as {
          conditions: {
            type: string;
            status: string;
            reason: string;
            message: string;
            lastHeartbeatTime: string;
          }[];
        }
      ).conditions.find((c) => c.type === 'Ready')!;
    expect(lease().holderIdentity).toBe('node-1');
    expect(ready()).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
    const hb = ready().lastHeartbeatTime;
    sec(s, 60);
    expect(lease().renewTime).toMatch(/^2026-01-15T09:0[01]:\d\d\.\d{6}Z$/);
    expect(ready().lastHeartbeatTime).toBe(hb);
    sec(s, 300);
    expect(ready().lastHeartbeatTime).not.toBe(hb);
  });

  it('CPU use is capped by the container limit', () => {
    const s = kubeletSim({ images: { 'shop/hot:1': { preloaded: true, cpu: '2' } } });
    createPod(s, 'hot', {
      containers: [{ name: 'c', image: 'shop/hot:1', resources: { limits: { cpu: '500m' } } }],
    });
    sec(s, 90);
    expect(s.kubelet.usage('default', 'hot')![0].cpuMillis).toBe(500);
  });
});

describe('kubelet: restarts of the kubelet', () => {
  it('a crash-looping pod keeps its restart count and back-off across a kubelet restart', () => {
    const s = sim();
    createPod(s, 'cl', {
      containers: [
        { name: 'app', image: 'shop/leaky:1.0', resources: { limits: { memory: '100Mi' } } },
      ],
    });
    s.advanceBy(30_000);
    const before = cstatus(s, 'cl').restartCount;
    const ip = (pod(s, 'cl')!.status as { podIP: string }).podIP;
    expect(before).toBeGreaterThanOrEqual(2);
    s.kubelet.stopNode('node-1');
    s.kubelet.startNode('node-1');
    s.settle();
    s.advanceBy(60_000);
    expect(cstatus(s, 'cl').restartCount).toBeGreaterThan(before);
    expect((pod(s, 'cl')!.status as { podIP: string }).podIP).toBe(ip);
  });
});

describe('kubelet: node memory pressure', () => {
  it('evicts the pod using most over its request when memory.available drops under 100Mi', () => {
    const s = kubeletSim({
      images: {
        'shop/hog:1': {
          preloaded: true,
          memory: { start: '100Mi', perSecond: '50Mi', max: '20Gi' },
        },
        'shop/steady:1': { preloaded: true, memory: '200Mi' },
      },
    });
    createPod(s, 'steady', {
      containers: [
        {
          name: 'app',
          image: 'shop/steady:1',
          resources: { requests: { memory: '256Mi' }, limits: { memory: '256Mi' } },
        },
      ],
    });
    createPod(s, 'hog', { containers: [{ name: 'hog', image: 'shop/hog:1' }] });
    // 412Mi system + 200Mi + 100Mi + 50Mi/s reaches 8Gi - 100Mi after 147.6 s (+1 s sandbox).
    sec(s, 148);
    expect((pod(s, 'hog')!.status as { phase: string }).phase).toBe('Running');
    sec(s, 1);
    const st = pod(s, 'hog')!.status as {
      phase: string;
      reason: string;
      message: string;
      conditions: { type: string; reason?: string }[];
    };
    expect(st.phase).toBe('Failed');
    expect(st.reason).toBe('Evicted');
    expect(st.message).toMatch(
      /^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container hog was using \d+Ki, request is 0, has larger consumption of memory\. $/,
    );
    expect(st.conditions[0]).toMatchObject({
      type: 'DisruptionTarget',
      reason: 'TerminationByKubelet',
    });
    // v1.32 shows the killed container's reason (Error, exit 137), not Evicted, in STATUS.
    expect(podStatusColumn(pod(s, 'hog'))).toBe('0/1 Error 0');
    expect(cstatus(s, 'hog').state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(podEvents(s, 'hog')).toContain(`Evicted: ${st.message}`);
    expect((pod(s, 'steady')!.status as { phase: string }).phase).toBe('Running');
    const pressure = () =>
      (
        s.store.get('nodes', '', 'node-1')!.status as {
          conditions: { type: string; status: string; reason: string }[];
        }
      ).conditions.find((c) => c.type === 'MemoryPressure')!;
    expect(pressure()).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory' });
    sec(s, 301);
    expect(pressure()).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory' });
  });
});

describe('kubelet: time', () => {
  function scenario(steps: number[]): string {
    const s = sim();
    createPod(s, 'a', {
      containers: [
        { name: 'app', image: 'shop/leaky:1.0', resources: { limits: { memory: '100Mi' } } },
      ],
    });
    createPod(s, 'b', { containers: [{ name: 'web', image: 'nginx:latests' }] });
    createPod(s, 'c', {
      containers: [
        {
          name: 'api',
          image: 'shop/api:2.0',
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 3 },
        },
      ],
    });
    createPod(s, 'd', {
      containers: [
        { name: 'c', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/x', port: 80 } } },
      ],
    });
    for (const ms of steps) s.advanceBy(ms);
    const dump: Record<string, unknown> = {};
    for (const r of s.store.resources())
      dump[r] = s.store
        .list(r)
        .map((o) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } }));
    return JSON.stringify(dump);
  }

  it('one big jump equals many small steps (full store state)', () => {
    const big = scenario([900_000]);
    const small = scenario(Array.from({ length: 900 }, () => 1000));
    const odd = scenario([1, 333, 77_777, 500_000, 321_889]);
    expect(small).toBe(big);
    expect(odd).toBe(big);
  });

  it('a 1,000-pod workload starts quickly and an hour of steady probing costs nothing', () => {
    const s = sim();
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      s.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `w-${i}`, namespace: 'default' },
        spec: {
          nodeName: 'node-1',
          containers: [
            {
              name: 'api',
              image: 'shop/api:2.0',
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            },
          ],
        },
      });
    }
    s.settle();
    s.advanceBy(120_000);
    const elapsed = performance.now() - t0;
    const running = s.store
      .list('pods', 'default')
      .filter((p) => (p.status as { phase?: string }).phase === 'Running').length;
    expect(running).toBe(1000);
    const t1 = performance.now();
    s.advanceBy(3_600_000);
    const idle = performance.now() - t1;
    // About 1 s on an idle machine (most of it in API-server writes); the bound is loose
    // because tests share two cores with other suites.
    expect(elapsed).toBeLessThan(20_000);
    // An hour of steady, probed pods costs (almost) nothing next to starting them: no
    // per-period timers (a timer per probe period would make it cost far more than the start).
    expect(idle).toBeLessThan(Math.max(300, elapsed / 4));
    expect(s.clock.pending()).toBeLessThan(10);
  });
});

describe('kubelet: adoption of a bootstrapped cluster', () => {
  it('resumes running system pods without pulling or emitting events', () => {
    const s = new Simulation({ seed: 1 });
    s.advanceBy(600_000);
    const kubeletEvents = s.store
      .list('events')
      .filter((e) => (e.source as { component?: string }).component === 'kubelet');
    expect(kubeletEvents).toEqual([]);
    const pods = s.store.list('pods', 'kube-system');
    expect(pods.length).toBeGreaterThan(5);
    for (const p of pods) expect((p.status as { phase: string }).phase).toBe('Running');
  });
});
