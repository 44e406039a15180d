import { defineConfig } from 'wxt';
import { BUNDLED_CATALOG } from './lib/catalog/snapshot';
import { CatalogSnapshot } from './lib/catalog/schema';
import { CATALOG_FILE, TOKENIZER_FILE } from './lib/platform/packaged-files';

const providerHosts = [
  'https://api.openai.com/*',
  'https://api.anthropic.com/*',
  'https://generativelanguage.googleapis.com/*',
  'https://api.mistral.ai/*',
  'https://openrouter.ai/*',
  'https://api.groq.com/*',
  'https://api.deepseek.com/*',
  'https://api.x.ai/*',
  'https://api.together.xyz/*',
  'https://api.fireworks.ai/*',
  'https://api.perplexity.ai/*',
  'https://api.cerebras.ai/*',
];
const localHosts = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // What Firefox Add-ons' reviewers get to rebuild the add-on (store/AMO-BUILD.md says how).
  zip: {
    includeSources: ['entrypoints/**', 'components/**', 'lib/**', 'public/**', 'wxt.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'README.md', 'CHANGELOG.md', 'store/AMO-BUILD.md'],
    excludeSources: ['**/*.test.ts'],
  },
  // Dexie's ES2018 build: the default one carries ES5 helpers every browser we support has built in.
  vite: () => ({ resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] } }),
  hooks: {
    // The tokenizer's ranks ship as a file the background loads when first needed,
    // so they stay out of the service worker's bundle.
    'build:publicAssets': async (_wxt, files) => {
      const { default: ranks } = await import('js-tiktoken/ranks/cl100k_base');
      files.push({ relativeDest: TOKENIZER_FILE.slice(1), contents: JSON.stringify(ranks) });
      // So is the bundled model catalog: the worker reads it at start, and it is data, not code.
      // It is validated here, at build time, so a cold worker does not spend milliseconds doing it again.
      files.push({ relativeDest: CATALOG_FILE.slice(1), contents: JSON.stringify(CatalogSnapshot.parse(BUNDLED_CATALOG)) });
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'contextMenus',
      'activeTab',
      'scripting',
      'alarms',
      // The ledger and history are kept locally for years: the browser must not evict them.
      'unlimitedStorage',
      // Chrome's service worker has no DOM: the pages a search found are read in an offscreen document.
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    host_permissions: [...providerHosts, ...localHosts],
    // Custom OpenAI-compatible hosts, and the sites the page API is turned on for, are granted
    // one by one when the user adds them (Firefox's MV2 manifest names them optional_permissions).
    // <all_urls> is asked for only when the user wants to capture tabs without opening the panel
    // from each one first (the browser's tab capture wants it or activeTab).
    optional_host_permissions: ['https://*/*', 'http://*/*', '<all_urls>'],
    // "Add tabs…" lists the window's tabs by title and site: the browser tells those of sites
    // without host access only with "tabs", asked for when the user wants them listed.
    optional_permissions: browser === 'firefox' ? ['https://*/*', 'http://*/*', '<all_urls>', 'tabs'] : ['tabs'],
    action: { default_title: '__MSG_extName__' },
    // The page reader answers the background only; the page API's scripts are registered at run
    // time for the sites the user allows (lib/page-api/presence.ts), never for every page.
    content_scripts: [{ matches: ['<all_urls>'], js: ['page-reader.js'], run_at: 'document_idle' }],
    commands:
      browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+Y' }, description: 'Open the Switchyard sidebar' } }
        : { 'open-side-panel': { suggested_key: { default: 'Alt+Shift+Y' }, description: 'Open the Switchyard side panel' } },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Switchyard itself collects nothing: prompts go only to the providers the user sets up.
            // 140 (the ESR since June 2025) is the first to read data_collection_permissions; Android's is 142.
            gecko: { id: 'switchyard@switchyard.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
