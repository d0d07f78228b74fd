import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import rooms from './scripts/lint/rooms.js';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'static/',
      'test-results/',
      '.tmp/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The UI never imports TensorFlow: only the inference worker and Node tooling may.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/worker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'TensorFlow.js belongs in the inference worker.' },
          ],
        },
      ],
    },
  },
  {
    // The rooms of src/ import one way: see scripts/lint/rooms.js and docs/architecture.md.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    plugins: { rooms },
    rules: { 'rooms/import-direction': 'error' },
  },
);
