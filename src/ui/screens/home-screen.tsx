import { Box, Text } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { bestChallengeScore, streak } from '../../training/progress.js';
import { dueCount } from '../../training/quiz.js';
import { Frame } from '../components/frame.js';
import { useKeys } from '../hooks/use-keys.js';
import { commandFor, footer, KEYMAP, keyLabel, type Command } from '../keymap.js';
import { useServices } from '../services.js';
import { sym, theme } from '../theme.js';

export type HomeChoice = 'drills' | 'challenge' | 'quiz' | 'progress' | 'help' | 'exit';

const ITEMS: HomeChoice[] = ['drills', 'challenge', 'quiz', 'progress', 'help', 'exit'];

/** The menu: where the learner stands, and the five ways in. */
export function HomeScreen({ onChoose, notice }: { onChoose: (c: HomeChoice) => void; notice?: string }) {
  const services = useServices();
  const progress = useSyncExternalStore(services.progress.subscribe, services.progress.snapshot);
  const [index, setIndex] = useState(0);
  // The catalogue and quiz banks load after the first frame: the menu shows at once, the counts a moment later.
  const [loaded, setLoaded] = useState<{ drills: string[]; errors: number; due: number } | undefined>(undefined);
  useEffect(() => {
    const id = setImmediate(() => {
      const cat = services.catalogue();
      setLoaded({
        drills: cat.entries.filter((e) => e.hasObjectives).map((e) => e.id),
        errors: cat.errors.length,
        due: dueCount(services.quizBank().questions, services.progress.get()),
      });
    });
    return () => clearImmediate(id);
  }, [services]);
  const solved = loaded?.drills.filter((id) => (progress.drills[id]?.solvedCount ?? 0) > 0).length ?? 0;
  const due = loaded?.due;
  const days = streak(progress, services.today());
  const best = bestChallengeScore(progress);

  useKeys((input, key) => {
    const cmd = commandFor(['global', 'menu'], input, key);
    switch (cmd) {
      case 'up':
        return setIndex((i) => (i + ITEMS.length - 1) % ITEMS.length);
      case 'down':
        return setIndex((i) => (i + 1) % ITEMS.length);
      case 'select':
        return onChoose(ITEMS[index]);
      case 'quit':
      case 'exit':
        return onChoose('exit');
      case 'drills':
      case 'challenge':
      case 'quiz':
      case 'progress':
      case 'help':
        return onChoose(cmd);
      default:
        return;
    }
  });

  const label: Record<HomeChoice, string> = {
    drills: `Drills      ${loaded ? `${solved}/${loaded.drills.length} solved` : ''}`,
    challenge: `Challenge   ${best !== undefined ? `best score ${best}` : 'not tried yet'}`,
    quiz: `Quiz        ${due === undefined ? '' : `${due} question${due === 1 ? '' : 's'} due`}`,
    progress: 'Progress',
    help: 'Help',
    exit: 'Exit',
  };
  const keyOf: Record<HomeChoice, Command> = { drills: 'drills', challenge: 'challenge', quiz: 'quiz', progress: 'progress', help: 'help', exit: 'exit' };
  return (
    <Frame title="home" right={days > 0 ? `streak ${days} day${days === 1 ? '' : 's'}` : undefined} footer={`↑↓ move · Enter open · letters jump · ${footer(['quit'])}`}>
      <Text bold>Fix broken Kubernetes clusters with real kubectl, on a simulated clock.</Text>
      <Text> </Text>
      {ITEMS.map((item, i) => (
        <Text key={item} color={i === index ? theme.accent : undefined} bold={i === index} wrap="truncate-end">
          {i === index ? `${sym.pointer} ` : '  '}[{keyLabel(keyOf[item])}] {label[item]}
          <Text color={theme.dim}>{i === index ? `  ${KEYMAP[keyOf[item]].description.split(':')[1]?.trim() ?? ''}` : ''}</Text>
        </Text>
      ))}
      <Text> </Text>
      {services.progress.warning && <Text color={theme.warn} wrap="wrap">{`! ${services.progress.warning}`}</Text>}
      {!!loaded?.errors && (
        <Text color={theme.warn} wrap="truncate-end">{`! ${loaded.errors} scenario file(s) failed to load: run kubedojo validate`}</Text>
      )}
      {notice && <Text color={theme.warn} wrap="wrap">{notice}</Text>}
      <Box flexGrow={1} />
    </Frame>
  );
}
