import { useState } from 'react';
import { Button } from '../ui/Button';

const KEY = 'switchyard.webSearch';

/** Whether answers search the web, kept for the next time a panel opens. */
export function useWebSearch(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === 'on');
  return [
    on,
    (next) => {
      localStorage.setItem(KEY, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

/** "Search the web": the model searches with its provider's own search and cites what it finds; searches are billed apart. */
export function WebSearchToggle({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  return (
    <Button aria-pressed={on} onClick={() => onChange(!on)} title="The model searches the web with its provider's own search and cites its sources; searches are billed apart. Models without search answer from what they know.">
      Search the web
    </Button>
  );
}
