import type { KeyboardEvent } from 'react';
import { Button } from '../ui/Button';

interface Props {
  label: string;
  placeholder: string;
  value: string;
  rows?: number;
  busy: boolean;
  canSend: boolean;
  sendLabel: string;
  stopLabel: string;
  onChange(value: string): void;
  onSend(): void;
  onStop(): void;
}

/** The prompt box: Enter sends, Shift+Enter starts a new line, Esc stops what is streaming. */
export function Composer({ label, placeholder, value, rows = 3, busy, canSend, sendLabel, stopLabel, onChange, onSend, onStop }: Props) {
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!busy && canSend) onSend();
    } else if (event.key === 'Escape' && busy) {
      event.preventDefault();
      onStop();
    }
  }
  return (
    <form
      className="sy-composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && canSend) onSend();
      }}
    >
      <textarea aria-label={label} placeholder={placeholder} value={value} rows={rows} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} />
      {busy ? (
        <Button onClick={onStop} data-testid="stop">
          {stopLabel}
        </Button>
      ) : (
        <Button variant="primary" type="submit" disabled={!canSend}>
          {sendLabel}
        </Button>
      )}
    </form>
  );
}
