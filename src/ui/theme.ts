/**
 * Colours are decoration only: every signal also has a symbol or a word
 * ([x]/[ ], ✔/✘, "error"). NO_COLOR turns colour off (start.ts sets
 * FORCE_COLOR=0 for Ink's chalk, which does not read NO_COLOR itself).
 */
export const theme = {
  accent: 'cyan',
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  dim: 'gray',
  prompt: 'green',
} as const;

export const sym = {
  ok: '✔',
  bad: '✘',
  todo: '○',
  pointer: '›',
  solved: '✔',
};
