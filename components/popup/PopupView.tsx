import { useState } from 'react';
import { browser } from '@/lib/platform/browser';
import { formatCost } from '@/lib/chat/answer';
import { dayOf, monthOf } from '@/lib/ledger/days';
import { callBackground } from '@/lib/messaging/browser';
import { loadPreferences, savePreferences } from '@/lib/models/preferences';
import { openSidePanel } from '@/lib/ui/open-side-panel';
import { ConsentPrompts } from '../pageapi/ConsentPrompts';
import { HealthLine } from '../HealthLine';
import { SitePresence } from './SitePresence';
import { TeamBudgets } from './TeamBudgets';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { Icon } from '../ui/Icon';

async function loadPopup() {
  const now = Date.now();
  const month = monthOf(now);
  const [vault, providers, caps, today, thisMonth, health, catalog, prefs, window, [tab]] = await Promise.all([
    callBackground('vault.status', {}),
    callBackground('providers.list', {}),
    callBackground('budgets.status', {}),
    callBackground('ledger.spent', { from: dayOf(now), to: dayOf(now) }),
    callBackground('ledger.spent', { from: month.first, to: month.last }),
    callBackground('health.status', {}),
    callBackground('catalog.models', {}),
    loadPreferences(),
    browser.windows.getCurrent(),
    browser.tabs.query({ active: true, currentWindow: true }),
  ]);
  return { vault, providers, caps, today: today.cost, month: thisMonth.cost, health, models: catalog.models.filter((m) => m.providers.length > 0), prefs, windowId: window.id, tab };
}

function SpendLine({ label, spent, cap, testId }: { label: string; spent: number; cap?: number; testId: string }) {
  return (
    <div className="sy-spend">
      <div className="sy-row">
        <span>{label}</span>
        <span className="sy-spacer" />
        <strong data-testid={testId}>{formatCost(spent) || '$0'}</strong>
        {cap !== undefined && <span className="sy-small sy-muted">of {formatCost(cap)}</span>}
      </div>
      {cap !== undefined && <meter min={0} max={cap} low={cap * 0.8} high={cap * 0.95} optimum={0} value={Math.min(spent, cap)} aria-label={`${label} against its budget`} />}
    </div>
  );
}

/** The toolbar popup: default model, today's and this month's spend, provider health, the way to the side panel. */
export function PopupView() {
  const state = useLoad(loadPopup);
  const [passphrase, setPassphrase] = useState('');
  const unlock = useAction();
  const s = state.data;
  if (!s) return <p className="sy-muted">{state.error ?? 'Loading…'}</p>;
  const globalCap = (period: 'daily' | 'monthly') => s.caps.find((c) => c.scope === 'all providers' && c.period === period)?.cap;
  const defaultModel = s.prefs.defaultModel ?? '';

  return (
    <div className="sy-popup">
      <ConsentPrompts />
      {s.providers.length === 0 && (
        <div className="sy-card sy-warning" data-testid="no-provider">
          <strong>No provider yet.</strong> Add a key, or a local Ollama or LM Studio, to start.
          <Button variant="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            Add a provider
          </Button>
        </div>
      )}
      {s.vault.locked && (
        <form
          className="sy-card sy-warning"
          onSubmit={(e) => {
            e.preventDefault();
            void unlock.run(async () => {
              await callBackground('vault.unlock', { passphrase });
              setPassphrase('');
              state.reload();
            });
          }}
        >
          <strong>
            <Icon name="lock" />
            Switchyard is locked.
          </strong>
          <input type="password" aria-label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} placeholder="Passphrase" />
          <Button variant="primary" type="submit" disabled={!passphrase || unlock.busy}>
            Unlock
          </Button>
          <Notice message={unlock.message} />
        </form>
      )}
      <label className="sy-field">
        <span className="sy-small sy-muted">Default model</span>
        <select
          aria-label="Default model"
          value={defaultModel}
          onChange={(e) => {
            const id = e.target.value;
            void savePreferences((p) => ({ ...p, defaultModel: id || null })).then(() => state.reload());
          }}
        >
          <option value="">Automatic</option>
          {s.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.providers.join(', ')})
            </option>
          ))}
        </select>
      </label>
      <SpendLine label="Today" spent={s.today} cap={globalCap('daily')} testId="spend-today" />
      <SpendLine label="This month" spent={s.month} cap={globalCap('monthly')} testId="spend-month" />
      <TeamBudgets />
      {s.health.length > 0 && (
        <ul className="sy-health" aria-label="Provider health">
          {s.health.map((h) => (
            <li key={h.provider} title={h.errorRate !== null ? `${Math.round(h.errorRate * 100)}% errors` : 'no requests yet'}>
              <HealthLine health={h} compact />
            </li>
          ))}
        </ul>
      )}
      <SitePresence tab={s.tab} />
      <div className="sy-row">
        {/* The window is known before the click: opening the side panel must not wait on anything, or the click's gesture is lost. */}
        <Button variant="primary" onClick={() => void openSidePanel(s.windowId).then(() => window.close())}>
          Open side panel
        </Button>
        <Button onClick={() => void browser.runtime.openOptionsPage()}>Settings</Button>
        <Button onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#dashboard') })}>Spending</Button>
      </div>
    </div>
  );
}
