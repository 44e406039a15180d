import { useState } from 'react';
import type { BudgetSettings } from '@/lib/budgets/settings';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';

const money = (v: number) => `$${v.toFixed(v < 1 ? 4 : 2)}`;
const parseCap = (text: string) => (text.trim() === '' ? undefined : Number(text));

function CapInputs({ label, caps, onChange }: { label: string; caps: { daily?: number; monthly?: number }; onChange(c: { daily?: number; monthly?: number }): void }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {(['daily', 'monthly'] as const).map((period) => (
        <td key={period}>
          <input
            type="number"
            min="0"
            step="0.01"
            aria-label={`${label} ${period} cap in USD`}
            value={caps[period] ?? ''}
            placeholder="no cap"
            onChange={(e) => onChange({ ...caps, [period]: parseCap(e.target.value) })}
          />
        </td>
      ))}
    </tr>
  );
}

/** Spending caps, overall and per provider, and where spend stands now. */
export function BudgetsPanel() {
  const loaded = useLoad(() => Promise.all([callBackground('budgets.get', {}), callBackground('providers.list', {}), callBackground('budgets.status', {})]));
  if (!loaded.data) return <p className="sy-muted">{loaded.error ?? 'Loading…'}</p>;
  const [settings, providers, status] = loaded.data;
  return <BudgetsForm initial={settings} providers={providers} status={status} onSaved={loaded.reload} />;
}

type Loaded = [BudgetSettings, { id: string; name: string }[], { scope: string; period: string; spent: number; cap: number; share: number }[]];

function BudgetsForm({ initial, providers, status, onSaved }: { initial: Loaded[0]; providers: Loaded[1]; status: Loaded[2]; onSaved(): void }) {
  const [draft, setDraft] = useState<BudgetSettings>(initial);
  const action = useAction();

  return (
    <section aria-labelledby="budgets-title" className="sy-panel">
      <h2 id="budgets-title">Budgets</h2>
      <p className="sy-muted">Requests that could take spend past a cap are refused before they are sent. Days and months follow this computer's clock.</p>
      {status && status.length > 0 && (
        <ul className="sy-bars" aria-label="Spend against caps">
          {status.map((s) => (
            <li key={`${s.scope}-${s.period}`}>
              <span>
                {s.scope} · {s.period}: {money(s.spent)} of {money(s.cap)}
              </span>
              <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={Math.min(1, s.share)} aria-label={`${s.scope} ${s.period}`} />
            </li>
          ))}
        </ul>
      )}
      <form
        className="sy-card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await callBackground('budgets.save', draft);
            onSaved();
            return 'Budgets saved.';
          });
        }}
      >
        <table className="sy-table">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Daily cap (USD)</th>
              <th scope="col">Monthly cap (USD)</th>
            </tr>
          </thead>
          <tbody>
            <CapInputs label="All providers" caps={draft.global} onChange={(global) => setDraft({ ...draft, global })} />
            {providers.map((p) => (
              <CapInputs key={p.id} label={p.name} caps={draft.providers[p.id] ?? {}} onChange={(caps) => setDraft({ ...draft, providers: { ...draft.providers, [p.id]: caps } })} />
            ))}
          </tbody>
        </table>
        <p>
          <label>
            Warn at{' '}
            <input
              type="number"
              min="10"
              max="100"
              aria-label="Warning share in percent"
              value={Math.round(draft.warnAt * 100)}
              onChange={(e) => setDraft({ ...draft, warnAt: Number(e.target.value) / 100 })}
            />
            % of a cap
          </label>
        </p>
        <Notice message={action.message} />
        <Button variant="primary" type="submit" disabled={action.busy}>
          Save budgets
        </Button>
      </form>
    </section>
  );
}
