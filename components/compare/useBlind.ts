import { useState } from 'react';

const KEY = 'switchyard.compare.blind';

/** Whether comparisons hide which model wrote which answer until the vote, kept for the next time. */
export function useBlind(): [boolean, (blind: boolean) => void] {
  const [blind, setBlind] = useState(() => localStorage.getItem(KEY) === 'true');
  return [
    blind,
    (next) => {
      localStorage.setItem(KEY, String(next));
      setBlind(next);
    },
  ];
}

/** "Answer A", "Answer B", …: a column's name while its model is hidden. */
export const answerName = (index: number) => `Answer ${String.fromCharCode(65 + index)}`;
