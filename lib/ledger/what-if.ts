import { costOf } from '../catalog/pricing';
import type { Pricing } from '../catalog/schema';
import type { TotalsRow } from './summary';

export interface PricedModel {
  id: string;
  name: string;
  pricing: Pricing | null;
  /** Configured providers that serve it now. */
  providers: string[];
}

export interface WhatIfRow {
  model: string;
  name: string;
  /** What the tokens would have cost on this model at its list price. */
  cost: number;
  /** That cost against what was really spent: negative is cheaper. */
  difference: number;
  usable: boolean;
  /** The user's votes rate it above average. */
  liked: boolean;
  /** The period's requests went (partly) to it. */
  used: boolean;
}

/**
 * What the same tokens (a period's prompt and completion token sums) would have cost on each
 * priced model, at list prices without caching discounts, cheapest first.
 */
export function whatIfCosts(
  tokens: { prompt: number; completion: number },
  spent: number,
  models: PricedModel[],
  marks: { liked: ReadonlySet<string>; used: ReadonlySet<string> },
): WhatIfRow[] {
  return models
    .filter((m): m is PricedModel & { pricing: Pricing } => m.pricing !== null && m.pricing.input + m.pricing.output > 0)
    .map((m) => {
      const cost = costOf({ prompt: tokens.prompt, completion: tokens.completion, cached: 0, cacheWrite: 0 }, m.pricing);
      return {
        model: m.id,
        name: m.name,
        cost,
        difference: Math.round((cost - spent) * 1e8) / 1e8,
        usable: m.providers.length > 0,
        liked: marks.liked.has(m.id),
        used: marks.used.has(m.id),
      };
    })
    .sort((a, b) => a.cost - b.cost || a.model.localeCompare(b.model));
}

export interface ChatUsage {
  tokens: { prompt: number; completion: number };
  spent: number;
  requests: number;
  models: string[];
}

/**
 * A period's chat use, from its totals by model: embedding requests left out, since their tokens
 * are nothing a chat model would have been paid for (a million embedded tokens cost cents).
 */
export function chatUsage(byModel: readonly TotalsRow[], embeddingModels: ReadonlySet<string>): ChatUsage {
  const chat = byModel.filter((row) => !embeddingModels.has(row.key));
  const sum = (pick: (row: TotalsRow) => number) => chat.reduce((total, row) => total + pick(row), 0);
  return {
    tokens: { prompt: sum((r) => r.promptTokens), completion: sum((r) => r.completionTokens) },
    spent: sum((r) => r.cost),
    requests: sum((r) => r.requests),
    models: chat.map((row) => row.key),
  };
}
