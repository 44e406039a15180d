import type { CatalogModel } from '../catalog/schema';
import type { AutoTiers, Tier } from './auto-router';

/** What placing a model in a tier needs to know about it. */
export interface TierCandidate {
  id: string;
  /** USD per million tokens; null when its price is unknown (such models stay out of `auto`). */
  pricing: { input: number; output: number } | null;
  rank?: number;
  kind?: 'chat' | 'embedding';
}

/** A catalog model as tier placement sees it (an unpriced one has no price). */
export function tierCandidate(model: CatalogModel): TierCandidate {
  return { id: model.id, pricing: model.unpriced ? null : model.pricing, ...(model.rank !== undefined ? { rank: model.rank } : {}), ...(model.kind ? { kind: model.kind } : {}) };
}

const STRONG = 85;
const BALANCED = 65;
/** Output prices above this (the "pro" models) are never `auto`'s to spend. */
const PREMIUM_OUTPUT = 40;
/** A cheap model costs at most this for a million tokens in and a million out. */
const CHEAP_TOTAL = 2;
const PER_TIER = 8;

/** A model's rank, or one its price suggests when it has none (a newly listed model): below the ranked ones. */
function strength(model: TierCandidate): number {
  if (model.rank !== undefined) return model.rank;
  const output = model.pricing!.output;
  return output >= 10 ? 75 : output >= 2 ? 60 : 40;
}

/**
 * `auto`'s tiers from catalog data instead of fixed lists, so a refreshed catalog keeps them
 * current: strong from rank 85, balanced from 65, and cheap: every model a million tokens each
 * way cost at most $2 for, however strong (a strong cheap model serves simple requests best, and
 * may serve the other tiers too); strongest first (cheapest first among equals), at most 8 a tier.
 * Embedding models, models without a price and premium ones stay out.
 */
export function autoTiersFrom(models: readonly TierCandidate[]): AutoTiers {
  const eligible = models.filter((m) => m.kind !== 'embedding' && m.pricing !== null && m.pricing.output <= PREMIUM_OUTPUT);
  const price = (m: TierCandidate) => m.pricing!.input + m.pricing!.output;
  const tiersOf = (m: TierCandidate): Tier[] => {
    const s = strength(m);
    const byRank: Tier[] = s >= STRONG ? ['strong'] : s >= BALANCED ? ['balanced'] : [];
    return price(m) <= CHEAP_TOTAL ? [...byRank, 'cheap'] : byRank;
  };
  const tiers: AutoTiers = { cheap: [], balanced: [], strong: [] };
  const ordered = [...eligible].sort((a, b) => strength(b) - strength(a) || price(a) - price(b));
  for (const model of ordered) {
    for (const tier of tiersOf(model)) if (tiers[tier].length < PER_TIER) tiers[tier].push(model.id);
  }
  return tiers;
}
