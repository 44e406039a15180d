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

const usd = (v: number) => `$${+v.toFixed(v < 0.1 ? 4 : 3)}`;

export function formatPrice(m: ModelSummary): string {
  if (!m.pricing) return 'price unknown';
  if (m.pricing.input === 0 && m.pricing.output === 0) return 'free';
  return `${usd(m.pricing.input)} / ${usd(m.pricing.output)} per M`;
}

const hour = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

/** What a model's one price leaves out: dearer long prompts and peak hours, one line each. */
export function priceConditions(m: ModelSummary): string[] {
  const p = m.pricing;
  if (!p) return [];
  const lines: string[] = [];
  if (p.longContext) lines.push(`${usd(p.longContext.input)} / ${usd(p.longContext.output)} for prompts over ${formatContext(p.longContext.above)} tokens`);
  if (p.peak) {
    const hours = p.peak.hoursUtc.map(([from, to]) => `${hour(from)}–${hour(to)}`).join(' and ');
    lines.push(`×${p.peak.multiplier} from ${hours} UTC`);
  }
  return lines;
}
