import { useCallback, useRef } from 'react';

/**
 * Coalesces many updates per frame into one: streaming answers deliver tokens faster than the
 * screen refreshes, and re-rendering markdown for each token would block the main thread.
 */
export function useFrameUpdates() {
  const pending = useRef(new Map<string, () => void>());
  const scheduled = useRef(false);
  return useCallback((key: string, apply: () => void) => {
    pending.current.set(key, apply);
    if (scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      const updates = [...pending.current.values()];
      pending.current.clear();
      for (const update of updates) update();
    });
  }, []);
}
