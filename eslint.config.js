import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const timeAndRandomBan = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the simulation clock.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the simulation clock.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the seeded RNG.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/testdata/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/cluster/**/*.ts'],
    ignores: ['src/cluster/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...timeAndRandomBan],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval'],
      'no-restricted-imports': ['error', { patterns: ['ink', 'react', '**/ui/**', '**/kubectl/**'] }],
    },
  },
  {
    files: ['src/kubectl/**/*.ts', 'src/scenarios/**/*.ts', 'src/training/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['ink', 'react', '**/ui/**'] }],
    },
  },
);
