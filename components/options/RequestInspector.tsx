import { formatCost } from '@/lib/chat/answer';
import { costLinesOf, type CostLine, type Rates } from '@/lib/catalog/pricing';
import type { AttemptExchange } from '@/lib/gateway/details';
import type { RequestRow } from '@/lib/ledger/db';
import { durationText } from '@/lib/ledger/signals-text';
import { callBackground } from '@/lib/messaging/browser';
import { useLoad } from '../ui/useCall';
import { ReplayPanel } from './ReplayPanel';

/** Longest body shown before "the rest" is cut: a page of text or a long history is still readable. */
const SHOWN_CHARS = 200_000;

/** A JSON body pretty-printed; anything else as it is. */
function pretty(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  let shown = text;
  if (typeof body === 'string') {
    try {
      shown = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // Not JSON: shown as sent.
    }
  }
  return shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS)}\n… (${(shown.length - SHOWN_CHARS).toLocaleString()} more characters)` : shown;
}

function Body({ label, body, testId }: { label: string; body: unknown; testId?: string }) {
  return (
    <details className="sy-inspect-body">
      <summary>{label}</summary>
      <pre className="sy-inspect-pre" data-testid={testId}>
        {pretty(body)}
      </pre>
    </details>
  );
}

function Exchange({ exchange, index }: { exchange: AttemptExchange; index: number }) {
  const { sent } = exchange;
  return (
    <>
      <p className="sy-small sy-muted">
        {sent.method} {sent.url}
      </p>
      <Body label="Headers sent" body={sent.headers} />
      {sent.body !== undefined && <Body label="Request as the provider received it" body={sent.body} testId={`sent-body-${index}`} />}
      {exchange.errorBody !== undefined && <Body label={`Provider’s answer (HTTP ${exchange.status})`} body={exchange.errorBody} testId={`error-body-${index}`} />}
    </>
  );
}

const KINDS: Record<CostLine['kind'], string> = { input: 'Input', cached: 'Cached input', cacheWrite: 'Written to the cache', output: 'Output' };
const perMillion = (usd: number) => `$${usd.toLocaleString('en', { maximumFractionDigits: 4 })}/M`;

/** The bill line by line: each kind of token at the price it was charged. */
function CostLines({ row, rates }: { row: RequestRow; rates: Rates }) {
  const lines = costLinesOf({ prompt: row.promptTokens, completion: row.completionTokens, cached: row.cachedTokens, cacheWrite: row.cacheWriteTokens ?? 0 }, rates);
  return (
    <table className="sy-table sy-small" data-testid="cost-lines">
      <tbody>
        {lines.map((line) => (
          <tr key={line.kind}>
            <th scope="row">{KINDS[line.kind]}</th>
            <td>
              {line.tokens.toLocaleString()} × {perMillion(line.perMillion)}
            </td>
            <td>{formatCost(line.usd) || '$0'}</td>
          </tr>
        ))}
        {row.searchCost ? (
          <tr>
            <th scope="row">Web searches</th>
            <td>{row.webSearches}</td>
            <td>{formatCost(row.searchCost)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Usage({ row }: { row: RequestRow }) {
  const parts = [
    ['Prompt', row.promptTokens],
    ['of it from the cache', row.cachedTokens],
    ['written to the cache', row.cacheWriteTokens ?? 0],
    ['Output', row.completionTokens],
    ['of it reasoning', row.reasoningTokens],
  ] as const;
  return (
    <dl className="sy-inspect-usage">
      {parts
        .filter(([, n], i) => i === 0 || i === 3 || n > 0)
        .map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {n.toLocaleString()}
              {row.usageEstimated ? ' (estimated)' : ''}
            </dd>
          </div>
        ))}
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(row.cost, row.priced) || '$0'}</dd>
      </div>
      {row.searchCost ? (
        <div>
          <dt>of it for {row.webSearches} web searches</dt>
          <dd>{formatCost(row.searchCost)}</dd>
        </div>
      ) : null}
      {row.cacheSaved ? (
        <div>
          <dt>Saved by the cache</dt>
          <dd>{formatCost(row.cacheSaved)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * One request, opened: its route and every attempt with why it was tried or passed over, its
 * timings, the request as received and as each provider got it after mapping (never a key),
 * the provider's error answers, the answer, and its usage and cost.
 */
export function RequestInspector({ id, row: listed }: { id: string; row?: RequestRow }) {
  const loaded = useLoad(() => callBackground('ledger.details', { id }), [id]);
  const details = loaded.data?.details ?? null;
  const row = listed ?? loaded.data?.row;
  if (!row) {
    if (loaded.error) return <p className="sy-alert">{loaded.error}</p>;
    return loaded.data ? <p className="sy-muted">No request {id} in the ledger (it may have been removed by the retention setting).</p> : null;
  }
  return (
    <div className="sy-inspect" data-testid="request-inspector">
      {row.route && <p className="sy-small">Route: {row.route}</p>}
      <p className="sy-small">
        First token {durationText(row.ttftMs)} · total {durationText(row.totalMs)} · {row.stream ? 'streamed' : 'whole answer'} · from {row.source}
        {row.site ? ` (${row.site})` : ''}
        {row.finishReason ? ` · finished: ${row.finishReason}` : ''}
      </p>
      <ol className="sy-inspect-attempts">
        {row.attempts.map((a, i) => {
          const exchange = details?.exchanges[i];
          return (
            <li key={i} data-attempt={i}>
              <strong>
                {a.provider}/{a.model}
              </strong>
              : {a.status === 'skipped' ? 'passed over' : a.status}
              {a.httpStatus ? ` ${a.httpStatus}` : ''}
              {a.status !== 'skipped' ? ` in ${durationText(a.ms)}` : ''}
              {a.status !== 'skipped' && (a.startMs !== undefined || a.headersMs !== undefined) && (
                <span className="sy-small sy-muted">
                  {' '}
                  ({[a.startMs !== undefined ? `started at +${durationText(a.startMs)}` : '', a.headersMs !== undefined ? `headers after ${durationText(a.headersMs)}` : ''].filter(Boolean).join(', ')})
                </span>
              )}
              {a.error ? ` — ${a.error}` : ''}
              {exchange && <Exchange exchange={exchange} index={i} />}
            </li>
          );
        })}
      </ol>
      {row.error && <p className="sy-alert sy-small">{row.error.message}</p>}
      <Usage row={row} />
      {loaded.error && <p className="sy-alert">{loaded.error}</p>}
      {loaded.data?.problem && <p className="sy-alert">{loaded.data.problem}</p>}
      {loaded.data && !details && !loaded.data.problem && (
        <p className="sy-small sy-muted" data-testid="no-details">
          What was sent and answered was not kept for this request: keeping request bodies was off, or they were dropped after their period (Storage, below).
        </p>
      )}
      {details && (
        <>
          {details.rates && <CostLines row={row} rates={details.rates} />}
          <Body label="Request as Switchyard received it" body={details.received} testId="received-body" />
          {details.asChat !== undefined && <Body label="The chat request it was answered as" body={details.asChat} />}
          {details.answer && (
            <div className="sy-inspect-answer">
              <h4>Answer</h4>
              {details.answer.reasoning && <Body label="Reasoning" body={details.answer.reasoning} />}
              <pre className="sy-inspect-pre" data-testid="answer-text">
                {details.answer.text || '(no text)'}
              </pre>
              {details.answer.toolCalls && <Body label={`${details.answer.toolCalls.length} tool calls`} body={details.answer.toolCalls} />}
            </div>
          )}
          {details.answer && (
            <ReplayPanel received={details.asChat ?? details.received} original={{ model: row.model ?? row.requestedModel, text: details.answer.text, cost: row.cost, priced: row.priced }} />
          )}
        </>
      )}
    </div>
  );
}
