import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('.', import.meta.url)) },
      // The Dexie build the extension ships (see wxt.config.ts).
      { find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' },
    ],
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/worker/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
  },
});
