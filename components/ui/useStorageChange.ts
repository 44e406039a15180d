import { useEffect, useRef } from 'react';
import { browser } from '@/lib/platform/browser';

/** Calls `onChange` when any of `keys` changes in an extension storage area, so an open page stays current. */
export function useStorageChange(area: 'local' | 'session', keys: readonly string[], onChange: () => void): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  const watched = keys.join('\n');
  useEffect(() => {
    const names = watched.split('\n');
    const listener = (changes: Record<string, unknown>, changed: string) => {
      if (changed === area && names.some((key) => key in changes)) latest.current();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [area, watched]);
}
