import { useState } from 'react';

/**
 * A yes/no choice kept in the page's localStorage for the next time a page opens, written as the
 * two words given (each choice keeps the words it was first stored with).
 */
export function useStoredFlag(key: string, on = 'true', off = 'false'): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => localStorage.getItem(key) === on);
  return [
    value,
    (next) => {
      localStorage.setItem(key, next ? on : off);
      setValue(next);
    },
  ];
}
