import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import { rankings } from '@/lib/conversations/votes';
import { pagesDb } from '@/lib/ledger/pages-db';
import type { TotalsRow } from '@/lib/ledger/summary';
import { chatUsage, whatIfCosts } from '@/lib/ledger/what-if';
import { wellRated } from '@/lib/ranking/preferences';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

const SHOWN = 12;
const usd = (v: number) => formatCost(v) || '$0';

function differenceText(difference: number, spent: number): string {
  if (Math.abs(difference) < 0.005) return 'about the same';
  const share = spent > 0 ? ` (${Math.round((Math.abs(difference) / spent) * 100)}%)` : '';
  return `${usd(Math.abs(difference))}${share} ${difference < 0 ? 'less' : 'more'}`;
}

/** What the period's chat tokens would have cost on other chat models, cheapest first: where routing could save. */
export function WhatIfCard({ byModel }: { byModel: TotalsRow[] }) {
  const catalog = useLoad(() => callBackground('catalog.models', {}));
  const ranked = useLiveQuery(() => rankings(pagesDb), []);
  const [usableOnly, setUsableOnly] = useState(true);
  const [all, setAll] = useState(false);
  const usage = useMemo(() => chatUsage(byModel, new Set(catalog.data?.embeddingModels.map((m) => m.id))), [byModel, catalog.data]);
  const { tokens, spent, requests } = usage;
  const rows = useMemo(() => {
    if (!catalog.data) return [];
    const liked = new Set(wellRated(ranked?.[0]?.ratings ?? []));
    return whatIfCosts(usage.tokens, usage.spent, catalog.data.models, { liked, used: new Set(usage.models) });
  }, [catalog.data, ranked, usage]);
  if (!requests || !(tokens.prompt + tokens.completion)) return null;
  const filtered = usableOnly && rows.some((r) => r.usable) ? rows.filter((r) => r.usable) : rows;
  const shown = all ? filtered : filtered.slice(0, SHOWN);
  return (
    <div className="sy-card" data-testid="what-if">
      <div className="sy-row">
        <h3>What it would cost elsewhere</h3>
        <span className="sy-spacer" />
        <label>
          <input type="checkbox" checked={usableOnly} onChange={(e) => setUsableOnly(e.target.checked)} /> only models I have a key for
        </label>
      </div>
      <p className="sy-small sy-muted">
        This period’s {requests.toLocaleString()} chat {requests === 1 ? 'request' : 'requests'}, {tokens.prompt.toLocaleString()} tokens in and {tokens.completion.toLocaleString()} out, at each model’s list price (without caching discounts), against the{' '}
        {usd(spent)} you spent.
      </p>
      {catalog.error && <p className="sy-alert">{catalog.error}</p>}
      <table className="sy-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Would have cost</th>
            <th scope="col">Against what you spent</th>
            <th scope="col">
              <span className="sy-visually-hidden">Notes</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.model} data-model={r.model}>
              <td>{r.name}</td>
              <td>{usd(r.cost)}</td>
              <td className={r.difference < -0.005 ? 'sy-saving' : undefined}>{differenceText(r.difference, spent)}</td>
              <td className="sy-small">
                {r.liked && (
                  <span className="sy-badge" title="Your comparison votes rate it above average">
                    ★ your votes
                  </span>
                )}
                {r.used && <span className="sy-badge">used</span>}
                {!r.usable && <span className="sy-badge">no key</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {filtered.length > SHOWN && (
        <Button onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${filtered.length} models`}
        </Button>
      )}
    </div>
  );
}
