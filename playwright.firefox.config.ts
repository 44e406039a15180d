import { defineConfig } from '@playwright/test';

/** The Firefox build in Debian's firefox-esr, driven over WebDriver BiDi (test/e2e-firefox/browser.ts). */
export default defineConfig({
  testDir: 'test/e2e-firefox',
  outputDir: 'test-results/playwright-firefox',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-firefox.json' }]],
});
