import { Text, useApp } from 'ink';
import { Frame } from './components/frame.js';
import { Component, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Scenario } from '../scenarios/types.js';
import type { DrillSummary } from '../training/drill.js';
import { instantiateScenario } from '../scenarios/load.js';
import { recordDrill } from '../training/progress.js';
import { ServicesContext, useServices, type AppServices } from './services.js';
import { KeyboardProvider, useKeys } from './hooks/use-keys.js';
import { ChallengeScreen, type ChallengeOptions } from './screens/challenge-screen.js';
import { DebriefScreen } from './screens/debrief-screen.js';
import { DrillScreen } from './screens/drill-screen.js';
import { HelpScreen } from './screens/help-screen.js';
import { HomeScreen, type HomeChoice } from './screens/home-screen.js';
import { PickerScreen } from './screens/picker-screen.js';
import { ProgressScreen } from './screens/progress-screen.js';
import { QuizScreen } from './screens/quiz-screen.js';

export type Route =
  | { screen: 'home'; notice?: string }
  | { screen: 'picker'; selected?: string }
  | { screen: 'starting'; id: string }
  | { screen: 'drill'; scenario: Scenario; attempt: number; seed: number }
  | { screen: 'debrief'; scenario: Scenario; template: Scenario; seed: number; summary: DrillSummary; saved?: string }
  | { screen: 'progress' }
  | { screen: 'help' }
  | { screen: 'challenge'; options: ChallengeOptions }
  | { screen: 'quiz'; topic?: string; count?: number; seed?: number };

class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) return <Crashed error={this.state.error} />;
    return this.props.children;
  }
}

function Crashed({ error }: { error: Error }) {
  const { exit } = useApp();
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') exit();
  });
  return (
    <Text>
      {`kubedojo hit a bug: ${error.message}\n${error.stack ?? ''}\nPlease report it with the steps that led here. Press Ctrl+C to leave.`}
    </Text>
  );
}

function Screens({ initial }: { initial: Route }) {
  const services = useServices();
  const { exit } = useApp();
  const [route, setRoute] = useState<Route>(initial);
  const quit = useCallback(() => exit(), [exit]);
  const home = useCallback((notice?: string) => setRoute({ screen: 'home', notice }), []);

  // Loading and validating a scenario takes a moment: show that it is starting, then load on the next tick.
  const openDrill = (id: string) => setRoute({ screen: 'starting', id });
  const startingId = route.screen === 'starting' ? route.id : undefined;
  useEffect(() => {
    if (!startingId) return;
    const t = setTimeout(() => {
      const r = services.loadScenario(startingId);
      if (!r.ok) setRoute({ screen: 'home', notice: `! ${r.errors.join('; ')}` });
      else setRoute({ screen: 'drill', scenario: r.scenario, attempt: 0, seed: services.freshSeed() });
    }, 0);
    return () => clearTimeout(t);
  }, [startingId, services]);

  const finishDrill = (scenario: Scenario, summary: DrillSummary | undefined) => {
    if (!summary || scenario.objectives.length === 0) return;
    const ok = services.progress.update((p) =>
      recordDrill(p, scenario.id, { solved: summary.solved, timeMs: summary.wallMs, hints: summary.hintsUsed, at: new Date(services.clock.now()).toISOString() }),
    );
    return ok ? `Progress saved to ${services.progress.file}` : (services.progress.lastSaveError ?? 'Progress not saved.');
  };

  switch (route.screen) {
    case 'home':
      return (
        <HomeScreen
          notice={route.notice}
          onChoose={(c: HomeChoice) => {
            if (c === 'exit') return quit();
            if (c === 'drills') return setRoute({ screen: 'picker' });
            if (c === 'challenge') return setRoute({ screen: 'challenge', options: {} });
            if (c === 'quiz') return setRoute({ screen: 'quiz' });
            setRoute({ screen: c });
          }}
        />
      );
    case 'picker':
      return <PickerScreen selected={route.selected} onPick={openDrill} onBack={() => home()} onQuit={quit} />;
    case 'starting':
      return (
        <Frame title={`drill · ${route.id}`} footer="">
          <Text>{`Starting ${route.id}: building the cluster and letting it run until you arrive…`}</Text>
        </Frame>
      );
    case 'drill':
      return (
        <DrillScreen
          key={route.attempt}
          scenario={route.scenario}
          seed={route.seed}
          onSolved={(summary) => {
            const saved = finishDrill(route.scenario, summary);
            // The debrief speaks of the variant this seed built, not the template.
            setRoute({ screen: 'debrief', scenario: instantiateScenario(route.scenario, route.seed), template: route.scenario, seed: route.seed, summary, saved });
          }}
          onLeave={(summary) => {
            finishDrill(route.scenario, summary);
            setRoute({ screen: 'picker', selected: route.scenario.id });
          }}
          onQuit={quit}
        />
      );
    case 'debrief':
      return (
        <DebriefScreen
          scenario={route.scenario}
          summary={route.summary}
          saved={route.saved}
          onRetry={() => setRoute({ screen: 'drill', scenario: route.template, attempt: services.clock.now(), seed: route.seed })}
          onDone={() => setRoute({ screen: 'picker', selected: route.template.id })}
          onQuit={quit}
        />
      );
    case 'progress':
      return <ProgressScreen onBack={() => home()} onQuit={quit} />;
    case 'help':
      return <HelpScreen onBack={() => home()} onQuit={quit} />;
    case 'challenge':
      return <ChallengeScreen options={route.options} onDone={() => home()} onQuit={quit} />;
    case 'quiz':
      return <QuizScreen topic={route.topic} count={route.count} seed={route.seed} onDone={() => home()} onQuit={quit} />;
  }
}

/** The trainer: services for every screen, the keyboard, an error boundary, and the screen switch. */
export function App({ services, initial }: { services: AppServices; initial: Route }) {
  return (
    <ServicesContext.Provider value={services}>
      <KeyboardProvider>
        <ErrorBoundary>
          <Screens initial={initial} />
        </ErrorBoundary>
      </KeyboardProvider>
    </ServicesContext.Provider>
  );
}
