import { createWindowApi } from '@/lib/page-api/window-api';

export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    if ('switchyard' in window) return;
    Object.defineProperty(window, 'switchyard', { value: createWindowApi(), enumerable: false, configurable: false, writable: false });
  },
});
