import { useMemo, useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { filterModels, formatContext, formatPrice, priceConditions, type ModelSort } from '@/lib/models/filter';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { ModelSortSelect } from '../chat/ModelSortSelect';
import { EmbeddingModelsTable } from './EmbeddingModelsTable';
import { PriceSources } from './PriceSources';
import { ModelNameCell, UsableViaCell } from './ModelCells';

/** Every catalog model with price, context and capabilities, and whether a configured provider can serve it. */
export function ModelsPanel() {
  const catalog = useLoad(() => callBackground('catalog.models', {}));
  const [text, setText] = useState('');
  const [usableOnly, setUsableOnly] = useState(false);
  const [sort, setSort] = useState<ModelSort>('name');
  const refresh = useAction();
  const models = useMemo(
    () => filterModels(catalog.data?.models ?? [], { text, capabilities: [], usableOnly, freeOnly: false, sort }),
    [catalog.data, text, usableOnly, sort],
  );

  return (
    <section aria-labelledby="models-title" className="sy-panel">
      <h2 id="models-title">Models</h2>
      <div className="sy-row">
        <input type="search" aria-label="Search models" placeholder="Search…" value={text} onChange={(e) => setText(e.target.value)} />
        <label>
          <input type="checkbox" checked={usableOnly} onChange={(e) => setUsableOnly(e.target.checked)} /> usable now
        </label>
        <ModelSortSelect value={sort} onChange={setSort} />
        <span className="sy-spacer" />
        <PriceSources sourceDate={catalog.data?.sourceDate} sources={catalog.data?.priceSources ?? []} />
        <Button
          onClick={() =>
            void refresh.run(async () => {
              const report = await callBackground('catalog.refresh', {});
              catalog.reload();
              return report.sources.map((s) => `${s.source}: ${s.ok ? s.detail : `failed (${s.detail})`}`).join(' · ');
            })
          }
          disabled={refresh.busy}
        >
          {refresh.busy ? 'Refreshing…' : 'Refresh prices and models'}
        </Button>
      </div>
      <Notice message={refresh.message} />
      <table className="sy-table" data-testid="models-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Price (in / out)</th>
            <th scope="col">Context</th>
            <th scope="col">Capabilities</th>
            <th scope="col">Usable via</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id}>
              <ModelNameCell model={m} />
              <td>
                {formatPrice(m)}
                {priceConditions(m).map((line) => (
                  <div key={line} className="sy-small sy-muted">
                    {line}
                  </div>
                ))}
              </td>
              <td title={m.contextAssumed ? 'No provider told this model’s window: Switchyard assumes it. Set it in the provider’s settings.' : undefined}>{formatContext(m.contextLength)}{m.contextAssumed ? ' (assumed)' : ''}</td>
              <td className="sy-small">{(['tools', 'vision', 'json', 'reasoning'] as const).filter((c) => m.capabilities[c]).join(', ')}</td>
              <UsableViaCell model={m} />
            </tr>
          ))}
        </tbody>
      </table>
      <EmbeddingModelsTable models={(catalog.data?.embeddingModels ?? []).filter((m) => (!usableOnly || m.providers.length > 0) && m.name.toLowerCase().includes(text.toLowerCase()))} />
    </section>
  );
}
