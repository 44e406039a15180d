import * as z from 'zod/mini';

const Usd = () => z.number().check(z.nonnegative());
const HourUtc = () => z.int().check(z.minimum(0), z.maximum(24));

/** USD per million tokens. */
export const Pricing = z.lazy(() =>
  z.object({
    input: Usd(),
    output: Usd(),
    cachedInput: z.optional(Usd()),
    cacheWrite: z.optional(Usd()),
    /**
     * Dearer prices for the whole request when its prompt is longer than `above` tokens, as Google
     * prices its Pro models and xAI its Grok 4 line.
     */
    longContext: z.optional(
      z.object({
        above: z.int().check(z.positive()),
        input: Usd(),
        output: Usd(),
        cachedInput: z.optional(Usd()),
      }),
    ),
    /**
     * Hours of every day (UTC, from inclusive, to exclusive) in which every price is multiplied
     * by `multiplier`, as DeepSeek bills its peak hours since August 2026. The prices above are
     * the ones outside these hours.
     */
    peak: z.optional(
      z.object({
        hoursUtc: z.array(z.tuple([HourUtc(), HourUtc()])).check(z.minLength(1)),
        multiplier: z.number().check(z.positive()),
      }),
    ),
  }),
);
export type Pricing = z.infer<typeof Pricing>;

export const Capabilities = z.lazy(() =>
  z.object({
    tools: z.boolean(),
    vision: z.boolean(),
    json: z.boolean(),
    reasoning: z.boolean(),
  }),
);
export type Capabilities = z.infer<typeof Capabilities>;

/** Where a model can be called: a provider (preset id) and that provider's name for it. */
export const Endpoint = z.lazy(() =>
  z.object({
    provider: z.string().check(z.minLength(1)),
    model: z.string().check(z.minLength(1)),
    pricing: z.optional(Pricing),
    /** The provider serves this model only through its Responses API (OpenAI's pro and codex models). */
    api: z.optional(z.enum(['responses'])),
  }),
);
export type Endpoint = z.infer<typeof Endpoint>;

export const CatalogModel = z.lazy(() =>
  z.object({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    author: z.string().check(z.minLength(1)),
    contextLength: z.int().check(z.positive()),
    /** Nobody said how big the window is (a custom host's /models had no length): contextLength is a working guess. */
    contextAssumed: z.optional(z.boolean()),
    maxOutput: z.int().check(z.positive()),
    pricing: Pricing,
    capabilities: Capabilities,
    endpoints: z.array(Endpoint).check(z.minLength(1)),
    local: z.optional(z.boolean()),
    /** Listed by a provider but absent from any price list: its cost is unknown, not zero. */
    unpriced: z.optional(z.boolean()),
    /** What the model does: chat (the default) or turn text into vectors (POST /embeddings). */
    kind: z.optional(z.enum(['chat', 'embedding'])),
    /**
     * How strong the model is, 0–100 (higher is stronger), as public leaderboards placed it on the
     * source date. `auto` builds its tiers from it; a model without one is placed by its price.
     */
    rank: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
    /** An embedding model's vector length (the most `dimensions` may ask for). */
    dimensions: z.optional(z.int().check(z.positive())),
  }),
);
export type CatalogModel = z.infer<typeof CatalogModel>;

export const isEmbeddingModel = (model: Pick<CatalogModel, 'kind'>) => model.kind === 'embedding';

const Day = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Where a provider publishes its prices, and the day the catalog's were last checked there. */
export const PriceSource = z.lazy(() => z.object({ checked: Day(), url: z.url({ protocol: /^https$/ }) }));
export type PriceSource = z.infer<typeof PriceSource>;
/** A price source with the provider it belongs to, as the Models panel lists them. */
export type ProviderPriceSource = PriceSource & { provider: string };

export const CatalogSnapshot = z.lazy(() =>
  z.object({
    sourceDate: Day(),
    /** By provider (preset id): when its prices in this catalog were last checked, and where. */
    priceSources: z.optional(z.record(z.string(), PriceSource)),
    models: z.array(CatalogModel),
  }),
);
export type CatalogSnapshot = z.infer<typeof CatalogSnapshot>;
