import { createWindowApi } from '@/lib/page-api/window-api';

/** `window.switchyard`, in the page's own world; registered only for the sites the user chose (lib/page-api/presence.ts). */
export default defineUnlistedScript(() => {
  if ('switchyard' in window) return;
  Object.defineProperty(window, 'switchyard', { value: createWindowApi(), enumerable: false, configurable: false, writable: false });
});
