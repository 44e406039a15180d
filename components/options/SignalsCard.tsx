import { useMemo, useState } from 'react';
import type { Signal } from '@/lib/ledger/signals-summary';
import { changeText, durationText, ERROR_KIND_NAMES, rateText } from '@/lib/ledger/signals-text';
import { ERROR_KINDS } from '@/lib/ledger/signals';
import { callBackground } from '@/lib/messaging/browser';
import { BarChart } from '../ui/BarChart';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

const CHARTED = 10;

/** "6 rate limited · 4 overloaded": the kinds of a signal's errors, most first. */
function errorKinds(signal: Signal): string {
  return ERROR_KINDS.filter((kind) => signal.errors[kind] > 0)
    .sort((a, b) => signal.errors[b] - signal.errors[a])
    .map((kind) => `${signal.errors[kind]} ${ERROR_KIND_NAMES[kind]}`)
    .join(' · ');
}

/** How fast and how reliably each model and provider answered over the dashboard's period, and what changed this week. */
export function SignalsCard({ from, to }: { from: string; to: string }) {
  const signals = useLoad(() => callBackground('dashboard.signals', { from, to }), [from, to]);
  const [by, setBy] = useState<'model' | 'provider'>('model');
  const s = signals.data;
  const rows = useMemo(() => (s ? (by === 'model' ? s.byModel : s.byProvider) : []), [s, by]);
  // Built once per answer and choice: a chart is drawn again whenever its arrays change.
  const charts = useMemo(() => {
    const charted = rows.filter((r) => r.answered > 0).slice(0, CHARTED);
    return { labels: charted.map((r) => r.key), ttft: charted.map((r) => r.ttftP95 ?? 0), errors: charted.map((r) => r.errorRate ?? 0) };
  }, [rows]);
  const name = by === 'model' ? 'Model' : 'Provider';
  if (signals.error) return <p className="sy-alert">{signals.error}</p>;
  if (!s) return null;
  return (
    <div className="sy-card" data-testid="signals">
      <div className="sy-row">
        <h3 id="signals-title">Speed and errors</h3>
        <span className="sy-spacer" />
        <div role="group" aria-label="Signals by" className="sy-row">
          {(['model', 'provider'] as const).map((option) => (
            <Button key={option} variant={option === by ? 'primary' : 'secondary'} aria-pressed={option === by} onClick={() => setBy(option)}>
              By {option}
            </Button>
          ))}
        </div>
      </div>
      {s.changes.length > 0 && (
        <ul className="sy-changes" data-testid="signal-changes" aria-label="What changed this week">
          {s.changes.map((change) => (
            <li key={`${change.model}|${change.measure}`}>{changeText(change)}</li>
          ))}
        </ul>
      )}
      <p className="sy-small sy-muted">
        Each attempt at a {by} counts, fallbacks included; times run from the attempt’s own start. Percentiles are within 1%.
        {s.counting && ' Requests from before this version are still being counted: the numbers will grow.'}
      </p>
      {rows.length === 0 ? (
        <p className="sy-muted">No requests in this period.</p>
      ) : (
        <>
          <table className="sy-table" data-testid="signals-table" aria-labelledby="signals-title">
            <thead>
              <tr>
                <th scope="col">{name}</th>
                <th scope="col">Attempts</th>
                <th scope="col">First token p50 / p95</th>
                <th scope="col">Total p50 / p95</th>
                <th scope="col">Tokens/s</th>
                <th scope="col">Errors</th>
                <th scope="col">Fell back</th>
                <th scope="col">Cache hits</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <td>{r.key}</td>
                  <td>{r.attempts.toLocaleString()}</td>
                  <td>
                    {durationText(r.ttftP50)} / {durationText(r.ttftP95)}
                  </td>
                  <td>
                    {durationText(r.totalP50)} / {durationText(r.totalP95)}
                  </td>
                  <td>{r.tokensPerSecond === null ? '—' : Math.round(r.tokensPerSecond).toLocaleString()}</td>
                  <td data-testid="signal-errors">
                    {rateText(r.errorRate)}
                    {errorKinds(r) && <span className="sy-small sy-muted"> ({errorKinds(r)})</span>}
                  </td>
                  <td>{rateText(r.fallbackRate)}</td>
                  <td>{rateText(r.cacheHitRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {charts.labels.length > 0 && (
            <div className="sy-grid-2">
              <BarChart label={`p95 time to first token by ${by}`} labels={charts.labels} values={charts.ttft} format={durationText} horizontal height={Math.max(120, charts.labels.length * 28)} />
              <BarChart label={`Error rate by ${by}`} labels={charts.labels} values={charts.errors} format={rateText} horizontal height={Math.max(120, charts.labels.length * 28)} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
