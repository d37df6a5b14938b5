/**
 * End-to-end: an interactive shell inside a container in the built trainer,
 * in a real pseudo-terminal. `kubectl exec -it POD -- sh` changes the prompt
 * to the container's, `wget` runs inside (through the simulated pod network
 * and the NetworkPolicy), and `exit` brings the trainer's prompt back.
 */
import { afterEach, describe, it } from 'vitest';
import { spawnProgram, type Program } from '../pty.js';

let p: Program | undefined;
afterEach(() => {
  p?.kill();
  p = undefined;
});

describe('a shell in a container', () => {
  it('kubectl exec -it … -- sh, wget inside, exit', async () => {
    p = spawnProgram(['drill', 'netpol-frontend']);
    await p.waitFor('The storefront cannot reach its API');
    await p.run('kubectl -n store exec -it deploy/frontend -- sh');
    await p.waitFor(/^\/ #$/m);
    await p.waitFor(/in pod\/frontend-[a-z0-9]+-[a-z0-9]+, container frontend/);
    // The default-deny policy drops the frontend's traffic: busybox wget times out.
    await p.run('wget -qO- --timeout=2 http://api');
    await p.waitFor(/^\/ # wget -qO- --timeout=2 http:\/\/api\nwget: download timed out$/m);
    await p.run('exit');
    await p.waitFor(/^\/ # exit\n/m);
    await p.waitFor(/^\$$/m);
    // Back at the trainer: kubectl works again.
    await p.run('kubectl -n store get svc api');
    await p.waitFor(/^api\s+ClusterIP/m);
  });
});
