import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { filterModels, formatPrice, type Capability, type ModelSort } from '@/lib/models/filter';
import type { ModelPreferences } from '@/lib/models/preferences';
import { ModelList, type ModelListEntry } from './ModelList';
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
  // Rows are memoised, so their handlers must not change from render to render.
  const latest = useRef({ onChange, onToggleFavourite });
  useLayoutEffect(() => {
    latest.current = { onChange, onToggleFavourite };
  });
  const pick = useCallback((id: string) => {
    latest.current.onChange(id);
    setOpen(false);
  }, []);
  const star = useCallback((id: string) => latest.current.onToggleFavourite(id), []);
  const entries = useMemo(() => listEntries(models, results, text ? undefined : prefs), [models, results, text, prefs]);

  return (
    <div className="sy-picker">
      <button type="button" className="sy-picker-button" aria-haspopup="listbox" aria-expanded={open} aria-label="Model" onClick={() => setOpen(!open)} data-testid={testId}>
        <span>{current?.name ?? 'Choose a model'}</span>
        <span className="sy-small sy-muted">{current ? `${current.providers.join(', ')} · ${formatPrice(current)}` : ''}</span>
      </button>
      {open && (
        <div className="sy-picker-panel" role="dialog" aria-label="Choose a model" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <input
            ref={search}
            type="search"
            placeholder="Search models, makers, providers…"
            aria-label="Search models"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Down from the search goes to the first model that can be picked.
              if (e.key !== 'ArrowDown') return;
              e.preventDefault();
              e.currentTarget.closest('.sy-picker-panel')?.querySelector<HTMLElement>('[role="option"]:not(:disabled)')?.focus();
            }}
          />
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
          <ModelList entries={entries} value={value} favourites={prefs.favourites} onPick={pick} onStar={star} />
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

/** The list's lines: favourites and recent models first (when not searching), then the results. */
function listEntries(models: ModelSummary[], results: ModelSummary[], pinnedFrom: ModelPreferences | undefined): ModelListEntry[] {
  const entries: ModelListEntry[] = [];
  const section = (label: string, prefix: string, list: ModelSummary[], heading = list.length > 0) => {
    if (heading) entries.push({ kind: 'heading', key: `h-${prefix}`, label });
    list.forEach((model, i) => entries.push({ kind: 'model', key: `${prefix}${model.id}`, model, position: i + 1, of: list.length }));
  };
  const byId = new Map(models.map((m) => [m.id, m]));
  const pinned = (ids: string[]) => ids.map((id) => byId.get(id)).filter((m): m is ModelSummary => Boolean(m && m.providers.length));
  if (pinnedFrom) {
    section('Favourites', 'f-', pinned(pinnedFrom.favourites));
    section('Recent', 'r-', pinned(pinnedFrom.recent));
  }
  section(pinnedFrom ? 'All models' : `${results.length} matching`, '', results, true);
  return entries;
}
