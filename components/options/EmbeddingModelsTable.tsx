import type { ModelSummary } from '@/lib/messaging/contracts';
import { formatContext } from '@/lib/models/filter';
import { ModelNameCell, UsableViaCell } from './ModelCells';

const perMillion = (m: ModelSummary) => (!m.pricing ? 'price unknown' : m.pricing.input === 0 ? 'free' : `$${+m.pricing.input.toFixed(3)} per M tokens`);

/** The catalog's embedding models: what `POST /embeddings` (and `window.switchyard.embeddings`) can call. */
export function EmbeddingModelsTable({ models }: { models: ModelSummary[] }) {
  return (
    <>
      <h3 id="embedding-models-title">Embedding models</h3>
      <p className="sy-small sy-muted">
        Turn text into vectors for search and retrieval through <code>POST /embeddings</code>, the same way as OpenAI’s API; priced and recorded like chat.
      </p>
      <table className="sy-table" data-testid="embedding-models-table" aria-labelledby="embedding-models-title">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Price (input)</th>
            <th scope="col">Dimensions</th>
            <th scope="col">Input limit</th>
            <th scope="col">Usable via</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id}>
              <ModelNameCell model={m} />
              <td>{perMillion(m)}</td>
              <td>{m.dimensions?.toLocaleString('en') ?? '—'}</td>
              <td>{formatContext(m.contextLength)}</td>
              <UsableViaCell model={m} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
