import { describe, expect, it } from 'vitest';
import { testEnv } from './testkit.js';

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('kubectl create token SA', () => {
  it('prints a JWT-shaped token for the service account, deterministic and not shifting cluster draws', () => {
    const a = testEnv();
    const b = testEnv();
    a.run('create serviceaccount app');
    b.run('create serviceaccount app');
    const r = a.run('create token app --duration=2h');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{342}\n$/);
    const c = claims(r.stdout.trim());
    const uid = a.sim.store.get('serviceaccounts', 'default', 'app')!.metadata.uid;
    expect(c).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:app',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'app', uid } },
    });
    expect((c.exp as number) - (c.iat as number)).toBe(7200);
    // Same seed, same token; a second request differs (a new jti).
    expect(b.run('create token app --duration=2h').stdout).toBe(r.stdout);
    expect(a.run('create token app --duration=2h').stdout).not.toBe(r.stdout);
    // The token requests drew nothing from the cluster's rng.
    a.run('create deployment web --image=nginx');
    b.run('create deployment web --image=nginx');
    const uidOf = (e: typeof a) => e.run('get deploy web -o jsonpath={.metadata.uid}').stdout;
    expect(uidOf(a)).not.toBe('');
    expect(uidOf(a)).toBe(uidOf(b));
  });

  it('defaults to an hour, and takes --audience', () => {
    const env = testEnv();
    env.run('create serviceaccount app -n kube-system');
    const c = claims(env.run('create token app -n kube-system --audience=vault --audience=x').stdout.trim());
    expect((c.exp as number) - (c.iat as number)).toBe(3600);
    expect(c.aud).toEqual(['vault', 'x']);
    expect(c.sub).toBe('system:serviceaccount:kube-system:app');
  });

  it('errors as kubectl and the API server do', () => {
    const env = testEnv();
    expect(env.run('create token nope').stderr).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    env.run('create serviceaccount app');
    expect(env.run('create token app --duration=1m').stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    // The service account is looked up before the request is validated.
    expect(env.run('create token nope --duration=1m').stderr).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    // Recorded from kubectl v1.32.4 (checked before any request).
    expect(env.run('create token app --duration=-1s').stderr).toBe('error: --duration must be greater than or equal to 0\n');
    expect(env.run('create token app --duration=1.5s').stderr).toBe('error: --duration cannot be expressed in units less than seconds\n');
    expect(env.run('create token').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n");
    expect(env.run('create token a b').stderr).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create token -h' for help and examples\n");
    // Recorded from kubectl v1.32.4: flag checks made before any request.
    expect(env.run('create token app --audience=').stderr).toBe('error: --audience must not be an empty string\n');
    expect(env.run('create token app --bound-object-name=x').stderr).toBe('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    expect(env.run('create token app --bound-object-uid=x').stderr).toBe('error: --bound-object-uid can only be set if --bound-object-kind is provided\n');
    expect(env.run('create token app --bound-object-kind=Foo').stderr).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect(env.run('create token app --bound-object-kind=Pod').stderr).toBe('error: --bound-object-name is required if --bound-object-kind is provided\n');
    expect(env.run('create token app -o foo').stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  it('binds a token to a pod of the service account, and refuses a pod of another', () => {
    const env = testEnv();
    env.run('create serviceaccount app');
    env.sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { serviceAccountName: 'app', containers: [{ name: 'c', image: 'nginx' }] } });
    env.sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const uid = env.sim.store.get('pods', 'default', 'p')!.metadata.uid;
    const r = env.run('create token app --bound-object-kind=Pod --bound-object-name=p');
    expect(r.stderr).toBe('');
    expect(claims(r.stdout.trim())['kubernetes.io']).toMatchObject({ pod: { name: 'p', uid } });
    expect(env.run('create token app --bound-object-kind=Pod --bound-object-name=q').stderr).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "app" to pod running with different serviceaccount name.\n',
    );
    expect(env.run('create token app --bound-object-kind=Pod --bound-object-name=zz').stderr).toBe('error: failed to create token: pods "zz" not found\n');
    expect(env.run('create token app --bound-object-kind=Pod --bound-object-name=p --bound-object-uid=abc').stderr).toBe(
      'error: failed to create token: Operation cannot be fulfilled on Pod "p": the UID in the bound object reference (abc) does not match the UID in record. The object might have been deleted and then recreated\n',
    );
  });

  it('prints the TokenRequest for -o yaml, json and name', () => {
    const env = testEnv();
    env.run('create serviceaccount app');
    const y = env.run('create token app -o yaml').stdout;
    expect(y).toMatch(/^apiVersion: authentication\.k8s\.io\/v1\nkind: TokenRequest\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}name: app\n {2}namespace: default\nspec:\n {2}audiences:\n {2}- https:\/\/kubernetes\.default\.svc\.cluster\.local\n {2}boundObjectRef: null\n {2}expirationSeconds: 3600\nstatus:\n {2}expirationTimestamp: "[^"]+"\n {2}token: eyJ/);
    // Typed JSON keeps Go's struct order: kind before apiVersion, token before expirationTimestamp.
    expect(env.run('create token app -o json').stdout).toMatch(/^\{\n {4}"kind": "TokenRequest",\n {4}"apiVersion": "authentication.k8s.io\/v1",[\s\S]*"status": \{\n {8}"token": "eyJ[^"]+",\n {8}"expirationTimestamp"/);
    expect(env.run('create token app -o name').stdout).toBe('tokenrequest.authentication.k8s.io/app\n');
  });

  it('refuses a user without create on serviceaccounts/token', () => {
    const env = testEnv();
    env.run('create serviceaccount app');
    const r = env.run('create token app --as=bob');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: failed to create token: serviceaccounts "app" is forbidden: User "bob" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"\n',
    );
  });
});

describe('kubectl create secret tls / create ingress against the cluster', () => {
  it('creates both objects', () => {
    const env = testEnv({ 'c.crt': 'CERT\n', 'k.key': 'KEY\n' });
    expect(env.run('create secret tls t --cert=c.crt --key=k.key').stdout).toBe('secret/t created\n');
    expect(env.run('get secret t -o jsonpath={.type}').stdout).toBe('kubernetes.io/tls');
    expect(env.run('create ingress web --rule=a.io/*=web:80,tls=t --class=nginx').stdout).toBe('ingress.networking.k8s.io/web created\n');
    expect(env.run('get ingress web -o jsonpath={.spec.tls[0].hosts[0]}').stdout).toBe('a.io');
  });
});
