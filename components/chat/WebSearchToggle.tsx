import { Button } from '../ui/Button';
import { useStoredFlag } from '../ui/useStoredFlag';

/** Whether answers search the web, kept for the next time a panel opens. */
export const useWebSearch = () => useStoredFlag('switchyard.webSearch', 'on', 'off');

/** "Search the web": the model searches with its provider's own search and cites what it finds; searches are billed apart. */
export function WebSearchToggle({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  return (
    <Button aria-pressed={on} onClick={() => onChange(!on)} title="The model searches the web with its provider's own search and cites its sources; searches are billed apart. Models without search answer from what they know.">
      Search the web
    </Button>
  );
}
