import { useEffect, useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { errorMessage } from './errorMessage';
import { StatusDot } from './ui/StatusDot';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; version: string; startedAt: number }
  | { kind: 'error'; message: string };

/** A one-line health check of the background service worker. */
export function BackgroundStatus() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    callBackground('app.status', {})
      .then((status) => live && setState({ kind: 'ready', ...status }))
      .catch((error: unknown) => live && setState({ kind: 'error', message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, []);

  if (state.kind === 'loading') {
    return (
      <p className="sy-status sy-small sy-muted" role="status">
        <StatusDot tone="idle" /> Connecting to the background…
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <p className="sy-status sy-small" role="alert" data-testid="background-status">
        <StatusDot tone="danger" /> Background not reachable: {state.message}
      </p>
    );
  }
  return (
    <p className="sy-status sy-small sy-muted" role="status" data-testid="background-status">
      <StatusDot tone="ok" /> Background ready · v{state.version} · up since{' '}
      {new Date(state.startedAt).toLocaleTimeString()}
    </p>
  );
}
