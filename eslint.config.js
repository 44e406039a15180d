import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Playwright fixtures declare their dependencies with an object pattern, empty when there are none.
    files: ['test/e2e/**', 'test/e2e-firefox/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The gateway runs in the service worker, in Node and in benchmarks: no extension APIs.
    files: ['lib/gateway/**', 'lib/catalog/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', 'wxt/*', 'react*'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document'],
    },
  },
);
