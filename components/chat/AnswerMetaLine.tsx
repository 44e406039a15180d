import { formatCost, type AnswerMeta } from '@/lib/chat/answer';
import { browser } from '@/lib/platform/browser';

/** Model, provider, tokens, cost and timing of an answer, and the fallback trace when there was one. */
export function AnswerMetaLine({ meta }: { meta: AnswerMeta }) {
  const failed = meta.attempts.filter((a) => a.status !== 'ok');
  const parts = [
    `${meta.model} via ${meta.provider}`,
    meta.completionTokens !== undefined ? `${meta.promptTokens ?? 0} → ${meta.completionTokens} tokens` : undefined,
    meta.reasoningTokens ? `${meta.reasoningTokens} thinking` : undefined,
    meta.cachedTokens ? `${meta.cachedTokens} cached` : undefined,
    meta.cost !== undefined ? formatCost(meta.cost, meta.priced) : undefined,
    meta.searches ? `${meta.searches} web ${meta.searches === 1 ? 'search' : 'searches'} ${formatCost(meta.searchCost ?? 0)}` : undefined,
    meta.cacheSaved && meta.cacheSaved > 0 ? `caching saved ${formatCost(meta.cacheSaved)}` : undefined,
    meta.ttftMs != null ? `first token ${(meta.ttftMs / 1000).toFixed(2)} s` : undefined,
    meta.tokensPerSec ? `${Math.round(meta.tokensPerSec)} tok/s` : undefined,
  ].filter(Boolean);
  return (
    <div className="sy-meta" data-testid="answer-meta">
      <span>{parts.join(' · ')}</span>{' '}
      <a className="sy-meta-link" href={browser.runtime.getURL(`/options.html#request/${encodeURIComponent(meta.requestId)}`)} target="_blank" rel="noreferrer">
        Inspect
      </a>
      {failed.length > 0 && (
        <details className="sy-trace">
          <summary>
            fell back after {failed.length} {failed.length === 1 ? 'attempt' : 'attempts'}
          </summary>
          <ol>
            {meta.attempts.map((a, i) => (
              <li key={i} data-status={a.status}>
                {a.provider}/{a.model}: {a.status}
                {a.httpStatus ? ` (${a.httpStatus})` : ''}
                {a.error ? ` — ${a.error}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
