import * as z from 'zod/mini';
import type { CatalogModel, CatalogSnapshot, Pricing } from './schema';

/** Where OpenRouter shows the prices its model list carries. */
export const OPENROUTER_MODELS_PAGE = 'https://openrouter.ai/models';

/** One model of OpenRouter's public GET /api/v1/models answer (prices in USD per token, as strings). */
const OpenRouterModel = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.string(),
    context_length: z.nullish(z.number()),
    pricing: z.unknown(),
    architecture: z.nullish(z.looseObject({ input_modalities: z.nullish(z.array(z.string())) })),
    top_provider: z.nullish(z.looseObject({ max_completion_tokens: z.nullish(z.number()), context_length: z.nullish(z.number()) })),
    supported_parameters: z.nullish(z.array(z.string())),
  }),
);
export const OpenRouterModelList = z.lazy(() =>
  z.looseObject({ data: z.array(z.unknown()) }),
);

const perMillion = (perToken: string | null | undefined) => {
  const value = Number(perToken);
  // OpenRouter marks variable-priced routers (openrouter/auto) with -1.
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 1e6 * 1e6) / 1e6 : undefined;
};

const ListedPricing = z.lazy(() =>
  z.looseObject({ prompt: z.string(), completion: z.string(), input_cache_read: z.nullish(z.string()), input_cache_write: z.nullish(z.string()) }),
);

/**
 * Prices as OpenRouter lists them, USD per token in decimal strings, in the catalog's USD per
 * million; undefined unless both the prompt and completion prices are there. Some providers
 * (Groq) list their own prices at their models endpoint in this shape.
 */
export function listedPricing(raw: unknown): Pricing | undefined {
  const parsed = ListedPricing.safeParse(raw);
  if (!parsed.success) return undefined;
  const input = perMillion(parsed.data.prompt);
  const output = perMillion(parsed.data.completion);
  if (input === undefined || output === undefined) return undefined;
  const cachedInput = perMillion(parsed.data.input_cache_read);
  const cacheWrite = perMillion(parsed.data.input_cache_write);
  return { input, output, ...(cachedInput !== undefined ? { cachedInput } : {}), ...(cacheWrite !== undefined ? { cacheWrite } : {}) };
}

export function fromOpenRouterModel(raw: unknown): CatalogModel | undefined {
  const parsed = OpenRouterModel.safeParse(raw);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  const pricing = listedPricing(m.pricing);
  if (!pricing) return undefined;
  const params = new Set(m.supported_parameters ?? []);
  const contextLength = m.context_length ?? m.top_provider?.context_length ?? 4096;
  const author = m.id.includes('/') ? m.id.split('/')[0]! : 'openrouter';
  return {
    id: m.id,
    name: m.name.replace(/^[^:]+:\s*/, ''),
    author,
    contextLength,
    maxOutput: m.top_provider?.max_completion_tokens ?? Math.min(contextLength, 16_384),
    pricing,
    capabilities: {
      tools: params.has('tools'),
      vision: m.architecture?.input_modalities?.includes('image') ?? false,
      json: params.has('response_format') || params.has('structured_outputs'),
      reasoning: params.has('reasoning') || params.has('include_reasoning'),
    },
    endpoints: [{ provider: 'openrouter', model: m.id }],
  };
}

/**
 * Merges OpenRouter's model list into a snapshot: known models gain OpenRouter's endpoint price,
 * unknown ones are added. Entries that fail validation are skipped and counted.
 */
export function mergeOpenRouterModels(
  snapshot: CatalogSnapshot,
  json: unknown,
  sourceDate: string,
): { snapshot: CatalogSnapshot; added: number; updated: number; skipped: number } {
  const list = OpenRouterModelList.parse(json);
  const models = snapshot.models.map((m) => ({ ...m, endpoints: [...m.endpoints] }));
  const byOpenRouterId = new Map<string, CatalogModel>();
  for (const model of models) {
    const endpoint = model.endpoints.find((e) => e.provider === 'openrouter');
    byOpenRouterId.set(endpoint?.model ?? model.id, model);
  }
  let added = 0;
  let updated = 0;
  let skipped = 0;
  for (const raw of list.data) {
    const imported = fromOpenRouterModel(raw);
    if (!imported) {
      skipped++;
      continue;
    }
    const known = byOpenRouterId.get(imported.id);
    if (known) {
      known.endpoints = known.endpoints.filter((e) => e.provider !== 'openrouter');
      known.endpoints.push({ provider: 'openrouter', model: imported.id, pricing: imported.pricing });
      updated++;
    } else {
      models.push(imported);
      byOpenRouterId.set(imported.id, imported);
      added++;
    }
  }
  const priceSources = { ...snapshot.priceSources, openrouter: { checked: sourceDate, url: OPENROUTER_MODELS_PAGE } };
  return { snapshot: { sourceDate, priceSources, models }, added, updated, skipped };
}
