import { useEffect } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { keepBackgroundWarm } from '@/lib/ui/keep-background-warm';

/** Keeps the background worker running while this page is in use (lib/ui/keep-background-warm.ts). */
export function useKeepBackgroundWarm(): void {
  useEffect(
    () =>
      keepBackgroundWarm({
        ping: () => callBackground('app.status', {}),
        now: () => Date.now(),
        visible: () => document.visibilityState === 'visible',
        listen: (type, listener) => {
          window.addEventListener(type, listener, true);
          return () => window.removeEventListener(type, listener, true);
        },
        every: (work, ms) => {
          const timer = setInterval(work, ms);
          return () => clearInterval(timer);
        },
      }),
    [],
  );
}
