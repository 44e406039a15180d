import { z } from 'zod';

/** USD per million tokens. */
export const Pricing = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});
export type Pricing = z.infer<typeof Pricing>;

export const Capabilities = z.object({
  tools: z.boolean(),
  vision: z.boolean(),
  json: z.boolean(),
  reasoning: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

/** Where a model can be called: a provider (preset id) and that provider's name for it. */
export const Endpoint = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  pricing: Pricing.optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const CatalogModel = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  author: z.string().min(1),
  contextLength: z.number().int().positive(),
  maxOutput: z.number().int().positive(),
  pricing: Pricing,
  capabilities: Capabilities,
  endpoints: z.array(Endpoint).min(1),
  local: z.boolean().optional(),
  /** Listed by a provider but absent from any price list: its cost is unknown, not zero. */
  unpriced: z.boolean().optional(),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

export const CatalogSnapshot = z.object({
  sourceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  models: z.array(CatalogModel),
});
export type CatalogSnapshot = z.infer<typeof CatalogSnapshot>;
