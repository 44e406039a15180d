import { useState } from 'react';
import { PENDING_KEY, type PendingAccess } from '@/lib/page-api/protocol';
import { callBackground } from '@/lib/messaging/browser';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { useStorageChange } from '../ui/useStorageChange';

const PENDING_KEYS = [PENDING_KEY];

function ConsentPrompt({ request, models, onDone }: { request: PendingAccess; models: ModelSummary[]; onDone(): void }) {
  const [model, setModel] = useState(request.model && models.some((m) => m.id === request.model) ? request.model : '');
  const [cap, setCap] = useState('0.05');
  const action = useAction();
  const decide = (decision: 'once' | 'always' | 'deny') =>
    void action.run(async () => {
      await callBackground('pageApi.decide', { origin: request.origin, decision, model: model || null, costCap: cap.trim() ? Number(cap) : null });
      onDone();
    });
  return (
    <div className="sy-card sy-warning" data-testid="consent-prompt" role="alertdialog" aria-label={`${request.origin} asks to use Switchyard`}>
      <p>
        <strong>{request.origin}</strong> asks to use your models through Switchyard. It never sees your keys; its requests count against your budgets.
      </p>
      <label className="sy-small">
        Model it may use{' '}
        <select aria-label="Model the site may use" value={model} onChange={(e) => setModel(e.target.value)}>
          <option value="">any of mine</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="sy-small">
        Most one request may cost (USD){' '}
        <input aria-label="Cost cap per request" type="number" min="0.0001" step="0.01" value={cap} onChange={(e) => setCap(e.target.value)} />
      </label>
      <div className="sy-row">
        <Button variant="primary" onClick={() => decide('once')}>
          Allow once
        </Button>
        <Button onClick={() => decide('always')}>Always allow</Button>
        <Button onClick={() => decide('deny')}>Deny</Button>
      </div>
      <Notice message={action.message} />
    </div>
  );
}

/** Sites waiting for the user's permission to use `window.switchyard`. */
export function ConsentPrompts() {
  const state = useLoad(() => Promise.all([callBackground('pageApi.pending', {}), callBackground('catalog.models', {})]));
  // A site that asks while this page is open shows up at once.
  useStorageChange('session', PENDING_KEYS, state.reload);
  if (!state.data || state.data[0].length === 0) return null;
  const [pending, catalog] = state.data;
  const usable = catalog.models.filter((m) => m.providers.length > 0);
  return (
    <div className="sy-consents">
      {pending.map((request) => (
        <ConsentPrompt key={request.origin} request={request} models={usable} onDone={state.reload} />
      ))}
    </div>
  );
}
