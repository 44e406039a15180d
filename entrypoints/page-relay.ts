import { relayPageRequests } from '@/lib/page-api/relay';

/** Carries `window.switchyard` requests to the background; registered beside page-api.js, only where the user allowed the page API. */
export default defineUnlistedScript(() => {
  const marker = '__switchyardPageRelay';
  const scope = globalThis as Record<string, unknown>;
  if (scope[marker]) return;
  scope[marker] = true;
  relayPageRequests();
});
