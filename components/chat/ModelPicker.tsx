import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { filterModels, formatContext, formatPrice, type Capability, type ModelSort } from '@/lib/models/filter';
import type { ModelPreferences } from '@/lib/models/preferences';
import { useGrowingList } from '../ui/useGrowingList';
import { ModelSortSelect } from './ModelSortSelect';

const CAPABILITIES: Capability[] = ['tools', 'vision', 'json', 'reasoning'];

interface Props {
  testId?: string;
  models: ModelSummary[];
  value: string;
  prefs: ModelPreferences;
  onChange(id: string): void;
  onToggleFavourite(id: string): void;
  onSetDefault(id: string): void;
}

const ModelRow = memo(function ModelRow({ model, selected, favourite, onPick, onStar }: { model: ModelSummary; selected: boolean; favourite: boolean; onPick(id: string): void; onStar(id: string): void }) {
  const usable = model.providers.length > 0;
  return (
    <li className="sy-model-row" data-selected={selected || undefined} data-usable={usable || undefined}>
      <button type="button" role="option" aria-selected={selected} disabled={!usable} onClick={() => onPick(model.id)} className="sy-model-main" title={model.id}>
        <span className="sy-model-name">{model.name}</span>
        <span className="sy-small sy-muted">
          {usable ? model.providers.join(', ') : 'no key for its providers'} · {formatPrice(model)} · {formatContext(model.contextLength)}{model.contextAssumed ? ' (assumed)' : ''}
          {CAPABILITIES.filter((c) => model.capabilities[c]).map((c) => (
            <span key={c} className="sy-badge">
              {c}
            </span>
          ))}
        </span>
      </button>
      <button type="button" className="sy-star" aria-label={favourite ? `Unstar ${model.name}` : `Star ${model.name}`} aria-pressed={favourite} onClick={() => onStar(model.id)}>
        {favourite ? '★' : '☆'}
      </button>
    </li>
  );
});

/** A searchable model list: favourites and recent first, then the catalog filtered by name, maker, provider and capability. */
export function ModelPicker({ testId = 'model-picker', models, value, prefs, onChange, onToggleFavourite, onSetDefault }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [capabilities, setCapabilities] = useState<Capability[]>([]);
  const [sort, setSort] = useState<ModelSort>('name');
  const [usableOnly, setUsableOnly] = useState(true);
  const search = useRef<HTMLInputElement>(null);
  const current = models.find((m) => m.id === value);

  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  const results = useMemo(() => filterModels(models, { text, capabilities, usableOnly, freeOnly: false, sort }), [models, text, capabilities, usableOnly, sort]);
  const pinned = (ids: string[]) => ids.map((id) => models.find((m) => m.id === id)).filter((m): m is ModelSummary => Boolean(m && m.providers.length));
  const { count: shown, more, end } = useGrowingList<HTMLLIElement>(JSON.stringify([open, text, capabilities, usableOnly, sort]), results.length);
  // Rows are memoised, so their handlers must not change from render to render: a list that grows
  // a page at a time then renders only the new rows.
  const latest = useRef({ onChange, onToggleFavourite });
  useLayoutEffect(() => {
    latest.current = { onChange, onToggleFavourite };
  });
  const pick = useCallback((id: string) => {
    latest.current.onChange(id);
    setOpen(false);
  }, []);
  const star = useCallback((id: string) => latest.current.onToggleFavourite(id), []);
  const row = (m: ModelSummary, key: string) => <ModelRow key={key} model={m} selected={m.id === value} favourite={prefs.favourites.includes(m.id)} onPick={pick} onStar={star} />;

  return (
    <div className="sy-picker">
      <button type="button" className="sy-picker-button" aria-haspopup="listbox" aria-expanded={open} aria-label="Model" onClick={() => setOpen(!open)} data-testid={testId}>
        <span>{current?.name ?? 'Choose a model'}</span>
        <span className="sy-small sy-muted">{current ? `${current.providers.join(', ')} · ${formatPrice(current)}` : ''}</span>
      </button>
      {open && (
        <div className="sy-picker-panel" role="dialog" aria-label="Choose a model" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <input ref={search} type="search" placeholder="Search models, makers, providers…" aria-label="Search models" value={text} onChange={(e) => setText(e.target.value)} />
          <div className="sy-picker-filters">
            {CAPABILITIES.map((c) => (
              <label key={c} className="sy-chip-toggle">
                <input type="checkbox" checked={capabilities.includes(c)} onChange={() => setCapabilities((all) => (all.includes(c) ? all.filter((x) => x !== c) : [...all, c]))} />
                {c}
              </label>
            ))}
            <label className="sy-chip-toggle">
              <input type="checkbox" checked={!usableOnly} onChange={() => setUsableOnly(!usableOnly)} />
              show all
            </label>
            <ModelSortSelect value={sort} onChange={setSort} />
          </div>
          <ul role="listbox" aria-label="Models" className="sy-model-list">
            {!text && pinned(prefs.favourites).length > 0 && <li className="sy-list-heading">Favourites</li>}
            {!text && pinned(prefs.favourites).map((m) => row(m, `f-${m.id}`))}
            {!text && pinned(prefs.recent).length > 0 && <li className="sy-list-heading">Recent</li>}
            {!text && pinned(prefs.recent).map((m) => row(m, `r-${m.id}`))}
            <li className="sy-list-heading">{text ? `${results.length} matching` : 'All models'}</li>
            {results.slice(0, shown).map((m) => row(m, m.id))}
            {more > 0 && (
              <li ref={end} className="sy-list-heading" aria-hidden="true">
                {more} more…
              </li>
            )}
          </ul>
          {current && (
            <button type="button" className="sy-link-button" onClick={() => onSetDefault(current.id)} disabled={prefs.defaultModel === current.id}>
              {prefs.defaultModel === current.id ? `${current.name} is the default` : `Make ${current.name} the default`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
