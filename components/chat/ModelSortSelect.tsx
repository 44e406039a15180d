import type { ModelSort } from '@/lib/models/filter';

/** How a list of models is ordered. */
export function ModelSortSelect({ value, onChange }: { value: ModelSort; onChange(sort: ModelSort): void }) {
  return (
    <select aria-label="Sort models" value={value} onChange={(e) => onChange(e.target.value as ModelSort)}>
      <option value="name">by name</option>
      <option value="price">by price</option>
      <option value="context">by context</option>
    </select>
  );
}
