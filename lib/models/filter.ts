import type { ModelSummary } from '../messaging/contracts';

export type Capability = 'tools' | 'vision' | 'json' | 'reasoning';
export type ModelSort = 'name' | 'price' | 'context';

export interface ModelQuery {
  text: string;
  capabilities: Capability[];
  /** Only models a configured provider can serve now. */
  usableOnly: boolean;
  freeOnly: boolean;
  sort: ModelSort;
}

export const priceOf = (m: ModelSummary) => (m.pricing ? m.pricing.input + m.pricing.output : Infinity);

/** Every word of the query must appear in the model's id, name, maker or providers. */
export function filterModels(models: ModelSummary[], query: ModelQuery): ModelSummary[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = models.filter((m) => {
    if (query.usableOnly && m.providers.length === 0) return false;
    if (query.freeOnly && priceOf(m) !== 0) return false;
    if (!query.capabilities.every((c) => m.capabilities[c])) return false;
    const haystack = `${m.id} ${m.name} ${m.author} ${m.providers.join(' ')}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const by: Record<ModelSort, (a: ModelSummary, b: ModelSummary) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    price: (a, b) => priceOf(a) - priceOf(b) || a.name.localeCompare(b.name),
    context: (a, b) => b.contextLength - a.contextLength || a.name.localeCompare(b.name),
  };
  return [...matches].sort(by[query.sort]);
}

export function formatContext(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  return tokens >= 1_000_000 ? `${+(tokens / 1_000_000).toFixed(1)}M` : `${Math.round(tokens / 1000)}k`;
}

export function formatPrice(m: ModelSummary): string {
  if (!m.pricing) return 'price unknown';
  if (m.pricing.input === 0 && m.pricing.output === 0) return 'free';
  const n = (v: number) => (v < 1 ? v.toFixed(2).replace(/0$/, '') : String(+v.toFixed(2)));
  return `$${n(m.pricing.input)} / $${n(m.pricing.output)} per M`;
}
