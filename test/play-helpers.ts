import { memoryFileSystem } from '../src/kubectl/node-fs.js';
import { runPlay } from '../src/play/play-runner.js';
import { sessionTarget } from '../src/play/targets.js';
import { loadScenario } from '../src/scenarios/load.js';
import { Session } from '../src/training/session.js';

/** Starts a catalogue scenario in a fresh session (throws when it does not load). */
export function startScenario(id: string, seed = 1): Session {
  const loaded = loadScenario(id);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const started = Session.start({ scenario: loaded.scenario, seed, fs: memoryFileSystem({}) });
  if (!started.ok) throw new Error(started.error);
  return started.session;
}

/** Runs a play script on a session, as `kubedojo play` would. */
export function play(session: Session, script: string, json = false) {
  return runPlay(sessionTarget(session), script, json);
}
