import { useState } from 'react';
import { Button } from '../ui/Button';

/** An ordered list of ids with buttons to add, move up or down, and remove (keyboard friendly, unlike drag). */
export function OrderedList({ label, items, options, onChange }: { label: string; items: string[]; options: { id: string; name: string }[]; onChange(items: string[]): void }) {
  const [adding, setAdding] = useState('');
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
  };
  const nameOf = (id: string) => options.find((o) => o.id === id)?.name ?? id;
  return (
    <div className="sy-ordered" aria-label={label} role="group">
      <ol>
        {items.map((id, i) => (
          <li key={id}>
            <span>{nameOf(id)}</span>
            <span className="sy-small sy-muted">{id}</span>
            <span className="sy-spacer" />
            <Button aria-label={`Move ${nameOf(id)} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
              ↑
            </Button>
            <Button aria-label={`Move ${nameOf(id)} down`} disabled={i === items.length - 1} onClick={() => move(i, i + 1)}>
              ↓
            </Button>
            <Button aria-label={`Remove ${nameOf(id)}`} onClick={() => onChange(items.filter((x) => x !== id))}>
              ✕
            </Button>
          </li>
        ))}
      </ol>
      <div className="sy-row">
        <select aria-label={`Add to ${label}`} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">Add…</option>
          {options
            .filter((o) => !items.includes(o.id))
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </select>
        <Button
          disabled={!adding}
          onClick={() => {
            onChange([...items, adding]);
            setAdding('');
          }}
        >
          Add
        </Button>
      </div>
    </div>
  );
}
