import { sourcesOf, type Citation } from '@/lib/chat/citations';
import { safeUrl } from '@/lib/chat/safe-url';

/** The numbered web sources under an answer that cites them. */
export function Sources({ citations }: { citations: readonly Citation[] }) {
  const sources = sourcesOf(citations).filter((s) => safeUrl(s.url));
  if (sources.length === 0) return null;
  return (
    <details className="sy-sources" open data-testid="answer-sources">
      <summary>Sources</summary>
      <ol>
        {sources.map((s) => (
          <li key={s.url} value={s.number}>
            <a href={safeUrl(s.url)} target="_blank" rel="noopener noreferrer nofollow">
              {s.title}
            </a>{' '}
            <span className="sy-muted">{new URL(s.url).hostname}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
