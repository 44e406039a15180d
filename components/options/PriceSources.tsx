import type { ProviderPriceSource } from '@/lib/catalog/schema';

/** When each provider's prices in the catalog were last checked against its own pricing page, with the page. */
export function PriceSources({ sourceDate, sources }: { sourceDate: string | undefined; sources: ProviderPriceSource[] }) {
  return (
    <details className="sy-price-sources" data-testid="price-sources">
      <summary className="sy-small sy-muted">Prices as of {sourceDate ?? '…'}</summary>
      <ul className="sy-small">
        {sources.map((s) => (
          <li key={s.provider}>
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.provider}
            </a>{' '}
            checked {s.checked}
          </li>
        ))}
      </ul>
    </details>
  );
}
