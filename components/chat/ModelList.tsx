import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { formatContext, formatPrice, type Capability } from '@/lib/models/filter';

const CAPABILITIES: Capability[] = ['tools', 'vision', 'json', 'reasoning'];

/** A line of the picker's list: a heading (Favourites, Recent, All models) or a model. */
export type ModelListEntry = { kind: 'heading'; key: string; label: string } | { kind: 'model'; key: string; model: ModelSummary; position: number; of: number };

interface RowProps {
  entry: Extract<ModelListEntry, { kind: 'model' }>;
  selected: boolean;
  favourite: boolean;
  index: number;
  style: CSSProperties;
  measure(element: HTMLLIElement | null): void;
  onPick(id: string): void;
  onStar(id: string): void;
}

const ModelRow = memo(function ModelRow({ entry: { model, position, of }, selected, favourite, index, style, measure, onPick, onStar }: RowProps) {
  const usable = model.providers.length > 0;
  return (
    <li ref={measure} data-index={index} style={style} className="sy-model-row" data-selected={selected || undefined} data-usable={usable || undefined}>
      <button type="button" role="option" aria-selected={selected} aria-posinset={position} aria-setsize={of} disabled={!usable} onClick={() => onPick(model.id)} className="sy-model-main" title={model.id}>
        <span className="sy-model-name">{model.name}</span>
        <span className="sy-small sy-muted">
          {usable ? model.providers.join(', ') : 'no key for its providers'} · {formatPrice(model)} · {formatContext(model.contextLength)}
          {model.contextAssumed ? ' (assumed)' : ''}
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

const placed = (start: number): CSSProperties => ({ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${start}px)` });

/**
 * The picker's list, rendering only the lines in view (and a few either side): with a refreshed
 * catalog's ~550 models, opening it, filtering it or scrolling it costs the same as with ten.
 * The list box itself scrolls; a spacer gives it the whole list's height.
 */
export function ModelList({ entries, value, favourites, onPick, onStar }: { entries: ModelListEntry[]; value: string; favourites: string[]; onPick(id: string): void; onStar(id: string): void }) {
  const scroller = useRef<HTMLUListElement>(null);
  // The virtualizer re-renders this list itself as it scrolls; nothing memoised holds its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (entries[i]!.kind === 'heading' ? 26 : 50),
    getItemKey: (i) => entries[i]!.key,
    overscan: 6,
  });
  // Keys move between the options, rendered or not: the list scrolls to the next one, which takes focus once it is rendered.
  const focusNext = useRef<number | undefined>(undefined);
  const optionAt = (index: number) => scroller.current?.querySelector<HTMLElement>(`li[data-index="${index}"] [role="option"]`);
  useEffect(() => {
    if (focusNext.current === undefined) return;
    const option = optionAt(focusNext.current);
    if (option) {
      option.focus();
      focusNext.current = undefined;
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const models = entries.flatMap((entry, index) => (entry.kind === 'model' && entry.model.providers.length > 0 ? [index] : []));
    if (!models.length) return;
    const at = Number((event.target as HTMLElement).closest('li[data-index]')?.getAttribute('data-index') ?? -1);
    const here = models.indexOf(at);
    const next = { ArrowDown: models[Math.min(here + 1, models.length - 1)], ArrowUp: models[Math.max(here - 1, 0)], Home: models[0], End: models.at(-1) }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusNext.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const rendered = optionAt(next);
    if (rendered) {
      rendered.focus();
      focusNext.current = undefined;
    }
  };
  return (
    <ul ref={scroller} role="listbox" aria-label="Models" className="sy-model-list" onKeyDown={onKeyDown}>
      <li aria-hidden="true" style={{ height: virtualizer.getTotalSize() }} />
      {virtualizer.getVirtualItems().map((item) => {
        const entry = entries[item.index]!;
        if (entry.kind === 'heading') {
          return (
            <li key={item.key} ref={virtualizer.measureElement} data-index={item.index} role="presentation" className="sy-list-heading" style={placed(item.start)}>
              {entry.label}
            </li>
          );
        }
        return (
          <ModelRow
            key={item.key}
            entry={entry}
            index={item.index}
            style={placed(item.start)}
            measure={virtualizer.measureElement}
            selected={entry.model.id === value}
            favourite={favourites.includes(entry.model.id)}
            onPick={onPick}
            onStar={onStar}
          />
        );
      })}
    </ul>
  );
}
