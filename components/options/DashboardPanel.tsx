import { useMemo, useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import { exportCsv } from '@/lib/ledger/csv';
import { dayOf } from '@/lib/ledger/days';
import { pagesDb } from '@/lib/ledger/pages-db';
import { callBackground } from '@/lib/messaging/browser';
import { BarChart } from '../ui/BarChart';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { download } from '../ui/download';
import { RequestInspector } from './RequestInspector';
import { RequestsTable } from './RequestsTable';
import { SignalsCard } from './SignalsCard';
import { StorageCard } from './StorageCard';
import { WhatIfCard } from './WhatIfCard';

const RANGES = [
  { days: 1, label: 'Today' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
];
const usd = (v: number) => formatCost(v) || '$0';
const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** Where the money went: spend by day, model and provider, rates and latency, and the ledger itself. */
function rangeOf(days: number) {
  const to = Date.now();
  const from = new Date(new Date().setHours(0, 0, 0, 0)).getTime() - (days - 1) * 86_400_000;
  return { days, from, to, fromDay: dayOf(from), toDay: dayOf(to) };
}

export function DashboardPanel({ inspect }: { inspect?: string } = {}) {
  const [range, setRange] = useState(() => rangeOf(30));
  const days = range.days;
  const setDays = (d: number) => setRange(rangeOf(d));
  const summary = useLoad(() => callBackground('dashboard.summary', { from: range.fromDay, to: range.toDay }), [range.fromDay, range.toDay]);
  const exporting = useAction();
  const s = summary.data;

  const charts = useMemo(() => {
    if (!s) return null;
    const byDay = new Map(s.byDay.map((d) => [d.key, d.cost]));
    const dayLabels: string[] = [];
    for (let t = range.from; t <= range.to; t += 86_400_000) dayLabels.push(dayOf(t));
    return {
      dayLabels,
      dayValues: dayLabels.map((d) => byDay.get(d) ?? 0),
      models: s.byModel.slice(0, 10),
      providers: s.byProvider,
    };
  }, [s, range]);

  return (
    <section aria-labelledby="dashboard-title" className="sy-panel">
      <div className="sy-row">
        <h2 id="dashboard-title">Spending</h2>
        <span className="sy-spacer" />
        <div role="group" aria-label="Range" className="sy-row">
          {RANGES.map((r) => (
            <Button key={r.days} variant={r.days === days ? 'primary' : 'secondary'} aria-pressed={r.days === days} onClick={() => setDays(r.days)}>
              {r.label}
            </Button>
          ))}
        </div>
        <Button
          onClick={() =>
            void exporting.run(async () => {
              // Read straight from the ledger's database: a long ledger is too big to pass as one message.
              download(`switchyard-ledger-${dayOf(Date.now())}.csv`, await exportCsv(pagesDb), 'text/csv');
              return 'Ledger exported as CSV.';
            })
          }
        >
          Export CSV
        </Button>
      </div>
      <Notice message={exporting.message} />
      {summary.error && <p className="sy-alert">{summary.error}</p>}
      {inspect && (
        <div className="sy-card" data-testid="inspected-request">
          <div className="sy-row">
            <h3>Request {inspect}</h3>
            <span className="sy-spacer" />
            <a href="#dashboard">Close</a>
          </div>
          <RequestInspector id={inspect} />
        </div>
      )}
      {s && charts && (
        <>
          <div className="sy-stats" data-testid="dashboard-totals">
            <div className="sy-stat">
              <span>Spent</span>
              <strong data-testid="total-cost">{usd(s.overall.cost)}</strong>
            </div>
            <div className="sy-stat">
              <span>Requests</span>
              <strong data-testid="total-requests">{s.overall.requests.toLocaleString()}</strong>
            </div>
            <div className="sy-stat">
              <span>Tokens in / out</span>
              <strong>
                {s.overall.promptTokens.toLocaleString()} / {s.overall.completionTokens.toLocaleString()}
              </strong>
            </div>
            <div className="sy-stat">
              <span>Errors</span>
              <strong data-testid="error-rate">{percent(s.overall.errors, s.overall.requests)}</strong>
            </div>
            <div className="sy-stat">
              <span>Fallbacks</span>
              <strong>{percent(s.overall.fallbacks, s.overall.requests)}</strong>
            </div>
            <div className="sy-stat">
              <span>Saved by prompt caching</span>
              <strong data-testid="cache-saved">{usd(s.overall.cacheSaved)}</strong>
            </div>
            <div className="sy-stat">
              <span>Web searches (in the spend)</span>
              <strong data-testid="web-searches">
                {s.overall.webSearches.toLocaleString()} · {usd(s.overall.searchCost)}
              </strong>
            </div>
            <div className="sy-stat">
              <span>Average latency</span>
              <strong>{s.overall.requests ? `${Math.round(s.overall.totalMs / s.overall.requests)} ms` : '—'}</strong>
            </div>
          </div>
          <div className="sy-card">
            <BarChart label="Spend by day" labels={charts.dayLabels} values={charts.dayValues} format={usd} />
          </div>
          <div className="sy-grid-2">
            <div className="sy-card">
              <BarChart label="Spend by model" labels={charts.models.map((m) => m.key)} values={charts.models.map((m) => m.cost)} format={usd} horizontal height={Math.max(120, charts.models.length * 28)} />
            </div>
            <div className="sy-card">
              <BarChart label="Spend by provider" labels={charts.providers.map((p) => p.key)} values={charts.providers.map((p) => p.cost)} format={usd} horizontal height={Math.max(120, charts.providers.length * 28)} />
            </div>
          </div>
          <SignalsCard from={range.fromDay} to={range.toDay} />
          <WhatIfCard byModel={s.byModel} />
          <RequestsTable from={range.from} to={range.to} providers={s.byProvider.map((p) => p.key)} models={s.byModel.map((m) => m.key)} />
        </>
      )}
      <StorageCard />
    </section>
  );
}
