import { Fragment, useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import type { RequestRow } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { RequestInspector } from './RequestInspector';
import { useLoad } from '../ui/useCall';

const PAGE_SIZE = 25;

/** Ledger rows, newest first, filtered and paged through the index, with each request's attempts. */
export function RequestsTable({ from, to, providers, models }: { from: number; to: number; providers: string[]; models: string[] }) {
  const [filter, setFilter] = useState({ provider: '', model: '', status: '', source: '' });
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
  const rows = useLoad(() => callBackground('ledger.list', { filter: { ...clean, from, to }, page, pageSize: PAGE_SIZE }), [JSON.stringify(clean), page, from, to]);
  const select = (key: keyof typeof filter, label: string, options: string[]) => (
    <select
      aria-label={`Filter by ${label}`}
      value={filter[key]}
      onChange={(e) => {
        setFilter({ ...filter, [key]: e.target.value });
        setPage(0);
      }}
    >
      <option value="">All {label}s</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );

  return (
    <div className="sy-card">
      <h3>Requests</h3>
      <div className="sy-row">
        {select('provider', 'provider', providers)}
        {select('model', 'model', models)}
        {select('status', 'status', ['ok', 'error', 'aborted', 'interrupted', 'in_progress'])}
        {select('source', 'source', ['sidepanel', 'compare', 'context-menu', 'popup', 'options', 'page-api', 'api'])}
      </div>
      <table className="sy-table" data-testid="requests-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Model</th>
            <th scope="col">Provider</th>
            <th scope="col">Status</th>
            <th scope="col">Tokens</th>
            <th scope="col">Cost</th>
            <th scope="col">Latency</th>
            <th scope="col" aria-label="Details" />
          </tr>
        </thead>
        <tbody>
          {(rows.data?.rows ?? []).map((r: RequestRow) => (
            <Fragment key={r.id}>
              <tr data-status={r.status}>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>
                  {r.model ?? r.requestedModel}
                  {r.endpoint && <span className="sy-badge">{r.endpoint}</span>}
                </td>
                <td>{r.provider ?? '—'}</td>
                <td>
                  {r.status.replace('_', ' ')}
                  {r.fellBack ? ' · fell back' : ''}
                </td>
                <td>
                  {r.promptTokens.toLocaleString()} → {r.completionTokens.toLocaleString()}
                  {r.usageEstimated ? '*' : ''}
                </td>
                <td>{formatCost(r.cost, r.priced)}</td>
                <td>{r.ttftMs != null ? `${Math.round(r.ttftMs)} ms` : '—'}</td>
                <td>
                  <button type="button" className="sy-link-button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                    {r.attempts.length} {r.attempts.length === 1 ? 'attempt' : 'attempts'}
                  </button>
                </td>
              </tr>
              {open === r.id && (
                <tr className="sy-trace-row">
                  <td colSpan={8}>
                    <RequestInspector id={r.id} row={r} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {rows.data?.rows.length === 0 && <p className="sy-muted">No requests in this range.</p>}
      <div className="sy-row">
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
          Newer
        </Button>
        <span className="sy-small sy-muted">Page {page + 1}</span>
        <Button disabled={!rows.data?.hasMore} onClick={() => setPage(page + 1)}>
          Older
        </Button>
      </div>
    </div>
  );
}
