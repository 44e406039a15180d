import { OPENROUTER_MODELS_PAGE } from './openrouter-import';
import type { CatalogModel, CatalogSnapshot, Endpoint, PriceSource, Pricing } from './schema';
import { SOURCE_DATE } from './source-date';

/**
 * The bundled catalog: the main models of every provider preset, with list prices in USD per
 * million tokens as each provider publishes them, and the date they were last checked there
 * (PRICE_SOURCES). Refreshed at run time from OpenRouter's model list and from each provider's own list.
 */
export { SOURCE_DATE };

/**
 * Where each provider publishes its prices, and when the bundled ones were last checked against
 * that page. The 2026 checks read the pages as stored copies (this build had no network): Anthropic's
 * pricing and model pages as published after Claude Fable 5.2 (November 10); Google's pricing page
 * as transcribed word for word on October 7; OpenAI's pricing page as of GPT-6.1 Terra (October 26),
 * through price trackers that cite it; xAI's model and pricing pages as of Grok 4.7 (September 16)
 * and Mistral's model cards and pricing page (August 27), through catalogs that cite them with the
 * day they read them; DeepSeek's pricing page after its peak-hour billing began (August 17).
 * The hosts of open models, through the same catalogs and price trackers citing their pages: Groq's
 * pricing page (August 29; gpt-oss prices cut May 27, cached input at half price), Cerebras's models and
 * pricing (September 3: only gpt-oss-120b and Qwen3.8 27B are left on its shared tier, Llama, Qwen3 and
 * GLM 4.7 retired), Together's and Fireworks' serverless pages (September 23 and August 29: DeepSeek V4,
 * GLM-5.3, Kimi K3), Perplexity's Sonar prices (June 25; unchanged since, while Sonar's chat completions
 * became Agent API requests on September 27) and Bedrock's pricing page (September 18: Kimi K3, GLM-5.3,
 * GPT-5.6 Terra; Nova's prices unchanged as reconciled against AWS's price list on September 1).
 * Groq's Llama prices were unchanged on its page on June 8. Host prices these sources did not name
 * again (Groq's Kimi row, Together's and Fireworks' older models, Bedrock's Llama and Mistral rows)
 * are the last ones checked.
 */
export const PRICE_SOURCES: Record<string, PriceSource> = {
  anthropic: { checked: '2026-11-10', url: 'https://platform.claude.com/docs/en/about-claude/pricing' },
  openai: { checked: '2026-10-26', url: 'https://developers.openai.com/api/docs/pricing' },
  google: { checked: '2026-10-07', url: 'https://ai.google.dev/gemini-api/docs/pricing' },
  mistral: { checked: '2026-08-27', url: 'https://docs.mistral.ai/inference/pricing' },
  groq: { checked: '2026-08-29', url: 'https://groq.com/pricing' },
  deepseek: { checked: '2026-08-17', url: 'https://api-docs.deepseek.com/quick_start/pricing' },
  xai: { checked: '2026-09-16', url: 'https://docs.x.ai/developers/pricing' },
  together: { checked: '2026-09-23', url: 'https://www.together.ai/pricing' },
  fireworks: { checked: '2026-08-29', url: 'https://docs.fireworks.ai/serverless/pricing' },
  cerebras: { checked: '2026-09-03', url: 'https://www.cerebras.ai/pricing' },
  perplexity: { checked: '2026-06-25', url: 'https://docs.perplexity.ai/getting-started/pricing' },
  bedrock: { checked: '2026-09-18', url: 'https://aws.amazon.com/bedrock/pricing/' },
  openrouter: { checked: '2025-11-24', url: OPENROUTER_MODELS_PAGE },
};

type Caps = string; // any of: t(ools) v(ision) j(son) r(easoning)
type Price = [input: number, output: number, cachedInput?: number, cacheWrite?: number, conditions?: Pick<Pricing, 'longContext' | 'peak'>];

function price([input, output, cachedInput, cacheWrite, conditions]: Price): Pricing {
  return {
    input,
    output,
    ...(cachedInput !== undefined ? { cachedInput } : {}),
    ...(cacheWrite !== undefined ? { cacheWrite } : {}),
    ...conditions,
  };
}

/** Prices for prompts longer than `above` tokens (Google's Pro models, xAI's Grok 4 line). */
const over = (above: number, input: number, output: number, cachedInput?: number): Pick<Pricing, 'longContext'> => ({
  longContext: { above, input, output, ...(cachedInput !== undefined ? { cachedInput } : {}) },
});

/** DeepSeek bills twice its prices from 09:00 to 12:00 and 14:00 to 18:00 Beijing time since August 16, 2026. */
const DEEPSEEK_PEAK: Pick<Pricing, 'peak'> = { peak: { hoursUtc: [[1, 4], [6, 10]], multiplier: 2 } };

function model(
  id: string,
  name: string,
  contextLength: number,
  maxOutput: number,
  pricing: Price,
  caps: Caps,
  endpoints: (string | [provider: string, model: string, pricing?: Price])[],
  local = false,
): CatalogModel {
  const author = id.split('/')[0]!;
  return {
    id,
    name,
    author,
    contextLength,
    maxOutput,
    pricing: price(pricing),
    capabilities: { tools: caps.includes('t'), vision: caps.includes('v'), json: caps.includes('j'), reasoning: caps.includes('r') },
    endpoints: endpoints.map((e): Endpoint => {
      if (typeof e === 'string') return { provider: e, model: e === 'openrouter' ? id : id.slice(author.length + 1) };
      const [provider, native, p] = e;
      return { provider, model: native, ...(p ? { pricing: price(p) } : {}) };
    }),
    ...(local ? { local } : {}),
  };
}

const FREE: Price = [0, 0];

/** A model OpenAI serves only through its Responses API; other hosts (OpenRouter) keep chat completions. */
function responsesOnly(m: CatalogModel): CatalogModel {
  return { ...m, endpoints: m.endpoints.map((e) => (e.provider === 'openai' ? { ...e, api: 'responses' as const } : e)) };
}

/** A model that turns text into vectors: priced per million input tokens, nothing out. */
function embedding(id: string, name: string, contextLength: number, dimensions: number, inputPrice: number, endpoints: Parameters<typeof model>[6], local = false): CatalogModel {
  return { ...model(id, name, contextLength, 1, [inputPrice, 0], '', endpoints, local), kind: 'embedding', dimensions };
}

const MODELS: CatalogModel[] = [
  // OpenAI: cached input at 0.1x; GPT-5.6 and later write their cache at 1.25x the input price
  model('openai/gpt-6-astra', 'GPT-6 Astra', 1_050_000, 128_000, [10, 50, 1], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-6-sol', 'GPT-6 Sol', 1_050_000, 128_000, [2, 10, 0.2, 2.5], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-6.1-terra', 'GPT-6.1 Terra', 1_050_000, 128_000, [1, 5, 0.05, 1.25], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-6-luna', 'GPT-6 Luna', 1_050_000, 128_000, [0.1, 0.5, 0.01, 0.125], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5.6-sol', 'GPT-5.6 Sol', 1_050_000, 128_000, [5, 30, 0.5, 6.25], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5.6-terra', 'GPT-5.6 Terra', 1_050_000, 128_000, [2, 12, 0.2, 2.5], 'tvjr', [
    'openai',
    'openrouter',
    ['bedrock', 'global.openai.gpt-5.6-terra', [2, 12, 0.2, 2.5, over(272_000, 4, 18, 0.4)]],
  ]),
  model('openai/gpt-5.6-luna', 'GPT-5.6 Luna', 1_050_000, 128_000, [0.2, 1.2, 0.02, 0.25], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5.5', 'GPT-5.5', 1_050_000, 128_000, [5, 30, 0.5], 'tvjr', ['openai', 'openrouter']),
  responsesOnly(model('openai/gpt-5.5-pro', 'GPT-5.5 pro', 1_050_000, 128_000, [30, 180], 'tvjr', ['openai', 'openrouter'])),
  model('openai/gpt-5.4', 'GPT-5.4', 1_050_000, 128_000, [2.5, 15, 0.25], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5.4-mini', 'GPT-5.4 mini', 1_050_000, 128_000, [0.75, 4.5, 0.075], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5.4-nano', 'GPT-5.4 nano', 1_050_000, 128_000, [0.2, 1.25, 0.02], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5', 'GPT-5', 400_000, 128_000, [1.25, 10, 0.125], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5-mini', 'GPT-5 mini', 400_000, 128_000, [0.25, 2, 0.025], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-5-nano', 'GPT-5 nano', 400_000, 128_000, [0.05, 0.4, 0.005], 'tvjr', ['openai', 'openrouter']),
  model('openai/gpt-4.1', 'GPT-4.1', 1_047_576, 32_768, [2, 8, 0.5], 'tvj', ['openai', 'openrouter']),
  model('openai/gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, 32_768, [0.4, 1.6, 0.1], 'tvj', ['openai', 'openrouter']),
  model('openai/gpt-4.1-nano', 'GPT-4.1 nano', 1_047_576, 32_768, [0.1, 0.4, 0.025], 'tvj', ['openai', 'openrouter']),
  model('openai/gpt-4o', 'GPT-4o', 128_000, 16_384, [2.5, 10, 1.25], 'tvj', ['openai', 'openrouter']),
  model('openai/gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, [0.15, 0.6, 0.075], 'tvj', ['openai', 'openrouter']),
  responsesOnly(model('openai/gpt-5-pro', 'GPT-5 pro', 400_000, 272_000, [15, 120], 'tvjr', ['openai', 'openrouter'])),
  responsesOnly(model('openai/gpt-5-codex', 'GPT-5-Codex', 400_000, 128_000, [1.25, 10, 0.125], 'tvjr', ['openai', 'openrouter'])),
  responsesOnly(model('openai/gpt-5.1-codex', 'GPT-5.1-Codex', 400_000, 128_000, [1.25, 10, 0.125], 'tvjr', ['openai', 'openrouter'])),
  responsesOnly(model('openai/gpt-5.1-codex-mini', 'GPT-5.1-Codex-Mini', 400_000, 128_000, [0.25, 2, 0.025], 'tvjr', ['openai', 'openrouter'])),
  responsesOnly(model('openai/o3-pro', 'o3-pro', 200_000, 100_000, [20, 80], 'tvjr', ['openai', 'openrouter'])),
  model('openai/o3', 'o3', 200_000, 100_000, [2, 8, 0.5], 'tvjr', ['openai', 'openrouter']),
  model('openai/o4-mini', 'o4-mini', 200_000, 100_000, [1.1, 4.4, 0.275], 'tvjr', ['openai', 'openrouter']),
  model('openai/o3-mini', 'o3-mini', 200_000, 100_000, [1.1, 4.4, 0.55], 'tjr', ['openai', 'openrouter']),
  model('openai/gpt-oss-120b', 'gpt-oss-120b', 131_072, 32_768, [0.15, 0.6], 'tjr', [
    ['groq', 'openai/gpt-oss-120b', [0.15, 0.6, 0.075]],
    ['cerebras', 'gpt-oss-120b', [0.35, 0.75]],
    ['together', 'openai/gpt-oss-120b', [0.15, 0.6]],
    ['fireworks', 'accounts/fireworks/models/gpt-oss-120b', [0.15, 0.6, 0.01]],
    'openrouter',
    ['ollama', 'gpt-oss:120b', FREE],
  ]),
  model('openai/gpt-oss-20b', 'gpt-oss-20b', 131_072, 32_768, [0.1, 0.5], 'tjr', [
    ['groq', 'openai/gpt-oss-20b', [0.075, 0.3, 0.0375]],
    ['together', 'openai/gpt-oss-20b', [0.05, 0.2]],
    ['fireworks', 'accounts/fireworks/models/gpt-oss-20b', [0.05, 0.2]],
    'openrouter',
    ['ollama', 'gpt-oss:20b', FREE],
    ['lmstudio', 'openai/gpt-oss-20b', FREE],
  ]),

  // Anthropic: 5-minute cache writes at 1.25x the input price; cache reads at 0.1x (0.025x to 0.05x on the 5.2 and 5.5 models)
  model('anthropic/claude-fable-5-2', 'Claude Fable 5.2', 1_000_000, 128_000, [8, 40, 0.2, 10], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-fable-5.2']]),
  model('anthropic/claude-opus-5-5', 'Claude Opus 5.5', 1_000_000, 128_000, [4, 20, 0.2, 5], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-opus-5.5']]),
  model('anthropic/claude-sonnet-5-5', 'Claude Sonnet 5.5', 1_000_000, 128_000, [2, 10, 0.1, 2.5], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-sonnet-5.5']]),
  // Haiku 5.5's price for prompts up to 100,000 tokens; longer ones cost five times as much.
  model('anthropic/claude-haiku-5-5', 'Claude Haiku 5.5', 1_000_000, 128_000, [0.1, 0.5, 0.01, 0.125], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-haiku-5.5']]),
  model('anthropic/claude-opus-5', 'Claude Opus 5', 1_000_000, 128_000, [5, 25, 0.5, 6.25], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-opus-5']]),
  model('anthropic/claude-sonnet-5', 'Claude Sonnet 5', 1_000_000, 128_000, [2, 10, 0.2, 2.5], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-sonnet-5']]),
  model('anthropic/claude-opus-4-5', 'Claude Opus 4.5', 200_000, 64_000, [5, 25, 0.5, 6.25], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-opus-4.5']]),
  model('anthropic/claude-opus-4-1', 'Claude Opus 4.1', 200_000, 32_000, [15, 75, 1.5, 18.75], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-opus-4.1']]),
  model('anthropic/claude-sonnet-4-5', 'Claude Sonnet 4.5', 200_000, 64_000, [3, 15, 0.3, 3.75], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-sonnet-4.5'], ['bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']]),
  model('anthropic/claude-sonnet-4-0', 'Claude Sonnet 4', 200_000, 64_000, [3, 15, 0.3, 3.75], 'tvjr', [
    ['anthropic', 'claude-sonnet-4-0'],
    ['openrouter', 'anthropic/claude-sonnet-4'],
  ]),
  model('anthropic/claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, 64_000, [1, 5, 0.1, 1.25], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-haiku-4.5'], ['bedrock', 'us.anthropic.claude-haiku-4-5-20251001-v1:0']]),
  model('anthropic/claude-3-7-sonnet-latest', 'Claude 3.7 Sonnet', 200_000, 64_000, [3, 15, 0.3, 3.75], 'tvjr', ['anthropic', ['openrouter', 'anthropic/claude-3.7-sonnet']]),
  model('anthropic/claude-3-5-haiku-latest', 'Claude 3.5 Haiku', 200_000, 8_192, [0.8, 4, 0.08, 1], 'tvj', ['anthropic', ['openrouter', 'anthropic/claude-3.5-haiku']]),

  // Google: prices for prompts up to 200,000 tokens
  model('google/gemini-3.1-pro-preview', 'Gemini 3.1 Pro (preview)', 1_048_576, 65_536, [2, 12, 0.2, undefined, over(200_000, 4, 18, 0.4)], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-3.5-flash', 'Gemini 3.5 Flash', 1_048_576, 65_536, [1.5, 9, 0.15], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-3.5-flash-lite', 'Gemini 3.5 Flash-Lite', 1_048_576, 65_536, [0.3, 2.5], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-3-pro-preview', 'Gemini 3 Pro (preview)', 1_048_576, 65_536, [2, 12, 0.2, undefined, over(200_000, 4, 18, 0.4)], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-2.5-pro', 'Gemini 2.5 Pro', 1_048_576, 65_536, [1.25, 10, 0.125, undefined, over(200_000, 2.5, 15, 0.25)], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-2.5-flash', 'Gemini 2.5 Flash', 1_048_576, 65_536, [0.3, 2.5, 0.03], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 1_048_576, 65_536, [0.1, 0.4, 0.01], 'tvjr', ['google', 'openrouter']),
  model('google/gemini-2.0-flash', 'Gemini 2.0 Flash', 1_048_576, 8_192, [0.1, 0.4, 0.025], 'tvj', ['google', ['openrouter', 'google/gemini-2.0-flash-001']]),
  model('google/gemini-2.0-flash-lite', 'Gemini 2.0 Flash-Lite', 1_048_576, 8_192, [0.075, 0.3], 'tvj', ['google', ['openrouter', 'google/gemini-2.0-flash-lite-001']]),
  model('google/gemma-3-27b-it', 'Gemma 3 27B', 131_072, 8_192, FREE, 'vj', [
    ['google', 'gemma-3-27b-it', FREE],
    ['ollama', 'gemma3:27b', FREE],
    ['openrouter', 'google/gemma-3-27b-it', [0.09, 0.16]],
  ]),
  model('google/gemma-3-4b-it', 'Gemma 3 4B', 131_072, 8_192, FREE, 'vj', [['ollama', 'gemma3:4b'], ['lmstudio', 'google/gemma-3-4b']], true),

  // Mistral
  model('mistralai/mistral-large-latest', 'Mistral Large 3', 262_144, 262_144, [0.5, 1.5], 'tvj', [
    ['mistral', 'mistral-large-latest'],
    ['openrouter', 'mistralai/mistral-large-2512'],
  ]),
  model('mistralai/mistral-medium-latest', 'Mistral Medium 3.5', 262_144, 262_144, [1.5, 7.5, 0.15], 'tvjr', [['mistral', 'mistral-medium-latest']]),
  model('mistralai/mistral-small-latest', 'Mistral Small 4', 262_144, 262_144, [0.15, 0.6], 'tvjr', [
    ['mistral', 'mistral-small-latest'],
    ['openrouter', 'mistralai/mistral-small-2603'],
  ]),
  model('mistralai/codestral-latest', 'Codestral', 256_000, 32_768, [0.3, 0.9], 'tj', [
    ['mistral', 'codestral-latest'],
    ['openrouter', 'mistralai/codestral-2508'],
  ]),
  model('mistralai/ministral-8b-latest', 'Ministral 3 8B', 262_144, 32_768, [0.15, 0.15, 0.015], 'tvj', [
    ['mistral', 'ministral-8b-latest'],
    ['openrouter', 'mistralai/ministral-8b-2512'],
  ]),
  model('mistralai/mistral-large-2407', 'Mistral Large 2 (24.07)', 131_072, 8_192, [2, 6], 'tj', [['bedrock', 'mistral.mistral-large-2407-v1:0']]),
  model('mistralai/mistral-small-3.2', 'Mistral Small 3.2 24B', 131_072, 32_768, FREE, 'tvj', [['ollama', 'mistral-small3.2']], true),
  model('mistralai/mistral-7b-instruct', 'Mistral 7B Instruct', 32_768, 8_192, FREE, 't', [['ollama', 'mistral'], ['openrouter', 'mistralai/mistral-7b-instruct', [0.028, 0.054]]]),

  // Meta Llama, served by many hosts at different prices
  model('meta-llama/llama-3.3-70b-instruct', 'Llama 3.3 70B Instruct', 131_072, 32_768, [0.59, 0.79], 'tj', [
    ['groq', 'llama-3.3-70b-versatile', [0.59, 0.79]],
    ['together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', [0.88, 0.88]],
    ['fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct', [0.9, 0.9]],
    ['openrouter', 'meta-llama/llama-3.3-70b-instruct', [0.13, 0.39]],
    ['ollama', 'llama3.3', FREE],
    ['bedrock', 'us.meta.llama3-3-70b-instruct-v1:0', [0.72, 0.72]],
  ]),

  // Amazon Nova, on Bedrock
  model('amazon/nova-pro-v1', 'Amazon Nova Pro', 300_000, 10_000, [0.8, 3.2, 0.2], 'tvj', [['bedrock', 'us.amazon.nova-pro-v1:0'], ['openrouter', 'amazon/nova-pro-v1']]),
  model('amazon/nova-lite-v1', 'Amazon Nova Lite', 300_000, 10_000, [0.06, 0.24, 0.015], 'tvj', [['bedrock', 'us.amazon.nova-lite-v1:0'], ['openrouter', 'amazon/nova-lite-v1']]),
  model('amazon/nova-micro-v1', 'Amazon Nova Micro', 128_000, 10_000, [0.035, 0.14, 0.00875], 'tj', [['bedrock', 'us.amazon.nova-micro-v1:0'], ['openrouter', 'amazon/nova-micro-v1']]),
  model('meta-llama/llama-3.1-8b-instruct', 'Llama 3.1 8B Instruct', 131_072, 8_192, [0.05, 0.08], 'tj', [
    ['groq', 'llama-3.1-8b-instant', [0.05, 0.08]],
    ['together', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', [0.18, 0.18]],
    ['openrouter', 'meta-llama/llama-3.1-8b-instruct', [0.02, 0.03]],
    ['ollama', 'llama3.1:8b', FREE],
  ]),
  model('meta-llama/llama-4-maverick', 'Llama 4 Maverick', 1_048_576, 8_192, [0.2, 0.6], 'tvj', [
    ['groq', 'meta-llama/llama-4-maverick-17b-128e-instruct', [0.2, 0.6]],
    ['together', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', [0.27, 0.85]],
    ['fireworks', 'accounts/fireworks/models/llama4-maverick-instruct-basic', [0.22, 0.88]],
    ['openrouter', 'meta-llama/llama-4-maverick', [0.15, 0.6]],
  ]),
  model('meta-llama/llama-4-scout', 'Llama 4 Scout', 327_680, 8_192, [0.11, 0.34], 'tvj', [
    ['groq', 'meta-llama/llama-4-scout-17b-16e-instruct', [0.11, 0.34]],
    ['together', 'meta-llama/Llama-4-Scout-17B-16E-Instruct', [0.18, 0.59]],
    ['openrouter', 'meta-llama/llama-4-scout', [0.08, 0.3]],
  ]),
  model('meta-llama/llama-3.2-3b-instruct', 'Llama 3.2 3B Instruct', 131_072, 8_192, FREE, 't', [
    ['ollama', 'llama3.2'],
    ['lmstudio', 'meta-llama/llama-3.2-3b-instruct'],
    ['openrouter', 'meta-llama/llama-3.2-3b-instruct', [0.02, 0.02]],
  ]),

  // DeepSeek
  model('deepseek/deepseek-v4-pro', 'DeepSeek V4 Pro', 1_000_000, 384_000, [0.435, 0.87, 0.003625, undefined, DEEPSEEK_PEAK], 'tjr', [
    'deepseek',
    ['together', 'deepseek-ai/DeepSeek-V4-Pro', [2.1, 4.4, 0.2]],
    ['fireworks', 'accounts/fireworks/models/deepseek-v4-pro', [1.74, 3.48, 0.15]],
  ]),
  model('deepseek/deepseek-v4-flash', 'DeepSeek V4 Flash', 1_000_000, 384_000, [0.14, 0.28, 0.0028, undefined, DEEPSEEK_PEAK], 'tjr', [
    'deepseek',
    ['fireworks', 'accounts/fireworks/models/deepseek-v4-flash', [0.14, 0.28, 0.03]],
  ]),
  // Since July 24, 2026 the old names answer with V4 Flash, without and with thinking; DeepSeek keeps them as deprecated aliases.
  model('deepseek/deepseek-chat', 'DeepSeek V4 Flash (deepseek-chat)', 1_000_000, 384_000, [0.14, 0.28, 0.0028, undefined, DEEPSEEK_PEAK], 'tj', ['deepseek']),
  model('deepseek/deepseek-reasoner', 'DeepSeek V4 Flash thinking (deepseek-reasoner)', 1_000_000, 384_000, [0.14, 0.28, 0.0028, undefined, DEEPSEEK_PEAK], 'tjr', ['deepseek']),
  model('deepseek/deepseek-r1', 'DeepSeek R1 0528', 163_840, 32_768, [3, 7], 'tjr', [
    ['together', 'deepseek-ai/DeepSeek-R1', [3, 7]],
    ['fireworks', 'accounts/fireworks/models/deepseek-r1-0528', [3, 8]],
    ['openrouter', 'deepseek/deepseek-r1-0528', [0.5, 2.15]],
    ['ollama', 'deepseek-r1:8b', FREE],
  ]),
  model('deepseek/deepseek-v3.1', 'DeepSeek V3.1', 163_840, 32_768, [0.6, 1.7], 'tjr', [
    ['together', 'deepseek-ai/DeepSeek-V3.1', [0.6, 1.7]],
    ['fireworks', 'accounts/fireworks/models/deepseek-v3p1', [0.56, 1.68]],
    ['openrouter', 'deepseek/deepseek-chat-v3.1', [0.2, 0.8]],
  ]),

  // xAI
  model('x-ai/grok-4.7', 'Grok 4.7', 500_000, 200_000, [2, 6, 0.5, undefined, over(200_000, 4, 12, 1)], 'tvjr', [['xai', 'grok-4.7'], 'openrouter']),
  model('x-ai/grok-4.5', 'Grok 4.5', 500_000, 200_000, [2, 6, 0.5, undefined, over(200_000, 4, 12, 1)], 'tvjr', [['xai', 'grok-4.5'], 'openrouter']),
  model('x-ai/grok-4', 'Grok 4', 256_000, 64_000, [3, 15, 0.75, undefined, over(128_000, 6, 30, 1.5)], 'tvjr', [['xai', 'grok-4'], 'openrouter']),
  model('x-ai/grok-4-fast', 'Grok 4 Fast', 2_000_000, 30_000, [0.2, 0.5, 0.05], 'tvjr', [['xai', 'grok-4-fast-reasoning'], 'openrouter']),
  model('x-ai/grok-code-fast-1', 'Grok Code Fast 1', 256_000, 10_000, [0.2, 1.5, 0.02], 'tjr', [['xai', 'grok-code-fast-1'], 'openrouter']),
  model('x-ai/grok-3', 'Grok 3', 131_072, 16_384, [3, 15, 0.75], 'tj', [['xai', 'grok-3'], 'openrouter']),
  model('x-ai/grok-3-mini', 'Grok 3 Mini', 131_072, 16_384, [0.3, 0.5, 0.075], 'tjr', [['xai', 'grok-3-mini'], 'openrouter']),

  // Qwen, Moonshot, Z.ai
  model('qwen/qwen3-235b-a22b-2507', 'Qwen3 235B A22B Instruct', 262_144, 32_768, [0.2, 0.6], 'tj', [
    ['together', 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput', [0.2, 0.6]],
    ['fireworks', 'accounts/fireworks/models/qwen3-235b-a22b-instruct-2507', [0.22, 0.88]],
    ['openrouter', 'qwen/qwen3-235b-a22b-2507', [0.08, 0.55]],
  ]),
  model('qwen/qwen3.8-27b', 'Qwen3.8 27B', 262_144, 32_768, [0.8, 4, 0.4], 'tvjr', [
    ['groq', 'qwen/qwen3.8-27b', [0.8, 4, 0.4]],
    ['cerebras', 'qwen-3.8-27b', [0.99, 1.49]],
  ]),
  model('qwen/qwen3-32b', 'Qwen3 32B', 131_072, 40_960, [0.29, 0.59], 'tjr', [
    ['groq', 'qwen/qwen3-32b', [0.29, 0.59]],
    ['openrouter', 'qwen/qwen3-32b', [0.05, 0.2]],
    ['ollama', 'qwen3:32b', FREE],
  ]),
  model('qwen/qwen3-coder', 'Qwen3 Coder 480B A35B', 262_144, 65_536, [2, 2], 'tj', [
    ['together', 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', [2, 2]],
    ['openrouter', 'qwen/qwen3-coder', [0.22, 0.95]],
  ]),
  model('qwen/qwen2.5-coder-7b-instruct', 'Qwen2.5 Coder 7B', 32_768, 8_192, FREE, 't', [['ollama', 'qwen2.5-coder:7b'], ['lmstudio', 'qwen2.5-coder-7b-instruct']], true),
  model('moonshotai/kimi-k2-0905', 'Kimi K2 0905', 262_144, 16_384, [1, 3], 'tj', [
    ['groq', 'moonshotai/kimi-k2-instruct-0905', [1, 3]],
    ['together', 'moonshotai/Kimi-K2-Instruct-0905', [1, 3]],
    ['fireworks', 'accounts/fireworks/models/kimi-k2-instruct-0905', [0.6, 2.5]],
    ['openrouter', 'moonshotai/kimi-k2-0905', [0.39, 1.9]],
  ]),
  model('moonshotai/kimi-k3', 'Kimi K3', 1_048_576, 262_144, [3, 15, 0.3], 'tvjr', [
    ['together', 'moonshotai/Kimi-K3', [3, 15, 0.3]],
    ['bedrock', 'global.moonshotai.kimi-k3', [3, 15, 0.3, 3.75]],
  ]),
  model('z-ai/glm-5.3', 'GLM-5.3', 1_000_000, 131_072, [1.4, 4.4, 0.26], 'tjr', [
    ['together', 'zai-org/GLM-5.3', [1.4, 4.4, 0.26]],
    ['fireworks', 'accounts/fireworks/models/glm-5p3', [1.4, 4.4, 0.26]],
    ['bedrock', 'global.zai.glm-5.3', [1.68, 5.28, 0.312, 2.1]],
  ]),
  model('z-ai/glm-4.6', 'GLM 4.6', 202_752, 131_072, [0.6, 2.2, 0.11], 'tjr', [
    ['together', 'zai-org/GLM-4.6', [0.6, 2.2]],
    ['fireworks', 'accounts/fireworks/models/glm-4p6', [0.55, 2.19]],
    ['openrouter', 'z-ai/glm-4.6', [0.4, 1.75]],
  ]),

  // Perplexity (search-grounded), through its Agent API since September 27, 2026. Tokens here; each request's
  // searching (from $5 per 1,000 requests, by search context size) is priced apart (lib/gateway/web-search.ts).
  model('perplexity/sonar', 'Sonar', 127_072, 8_192, [1, 1], 'j', [['perplexity', 'sonar'], 'openrouter']),
  model('perplexity/sonar-pro', 'Sonar Pro', 200_000, 8_000, [3, 15], 'vj', [['perplexity', 'sonar-pro'], 'openrouter']),
  model('perplexity/sonar-reasoning-pro', 'Sonar Reasoning Pro', 127_072, 8_192, [2, 8], 'jr', [['perplexity', 'sonar-reasoning-pro'], 'openrouter']),
  model('perplexity/sonar-deep-research', 'Sonar Deep Research', 127_072, 8_192, [2, 8], 'jr', [['perplexity', 'sonar-deep-research'], 'openrouter']),

  // Local models (Ollama, LM Studio)
  model('microsoft/phi-4', 'Phi-4 14B', 16_384, 4_096, FREE, 'j', [['ollama', 'phi4'], ['lmstudio', 'microsoft/phi-4'], ['openrouter', 'microsoft/phi-4', [0.06, 0.14]]]),
  model('chrome/gemini-nano', "Gemini Nano (in Chrome)", 6_144, 1_024, FREE, 'j', [['chrome-ai', 'gemini-nano']], true),
  model('ibm-granite/granite-3.3-8b-instruct', 'Granite 3.3 8B', 131_072, 8_192, FREE, 'tj', [['ollama', 'granite3.3:8b']], true),

  // Embeddings (POST /embeddings)
  embedding('openai/text-embedding-3-small', 'Text Embedding 3 Small', 8_191, 1_536, 0.02, ['openai']),
  embedding('openai/text-embedding-3-large', 'Text Embedding 3 Large', 8_191, 3_072, 0.13, ['openai']),
  embedding('openai/text-embedding-ada-002', 'Text Embedding Ada 002', 8_191, 1_536, 0.1, ['openai']),
  embedding('google/gemini-embedding-001', 'Gemini Embedding', 2_048, 3_072, 0.15, ['google']),
  embedding('cohere/embed-english-v3', 'Cohere Embed English v3', 512, 1_024, 0.1, [['bedrock', 'cohere.embed-english-v3']]),
  embedding('cohere/embed-multilingual-v3', 'Cohere Embed Multilingual v3', 512, 1_024, 0.1, [['bedrock', 'cohere.embed-multilingual-v3']]),
  embedding('mistralai/mistral-embed', 'Mistral Embed', 8_192, 1_024, 0.1, [['mistral', 'mistral-embed']]),
  embedding('nomic-ai/nomic-embed-text', 'Nomic Embed Text', 8_192, 768, 0, [['ollama', 'nomic-embed-text'], ['lmstudio', 'text-embedding-nomic-embed-text-v1.5']], true),
  embedding('mixedbread-ai/mxbai-embed-large', 'mxbai Embed Large', 512, 1_024, 0, [['ollama', 'mxbai-embed-large']], true),
];

/**
 * Ranks for the models `auto` should know best (see CatalogModel.rank): strong from 85, balanced
 * from 65, the rest cheap. Unranked models are placed by their price (lib/gateway/auto-tiers.ts).
 */
const RANKS: Record<string, number> = {
  'anthropic/claude-fable-5-2': 99,
  'openai/gpt-6-astra': 99,
  'anthropic/claude-opus-5-5': 98,
  'openai/gpt-6-sol': 98,
  'openai/gpt-5.6-sol': 97,
  'anthropic/claude-sonnet-5-5': 97,
  'google/gemini-3.1-pro-preview': 96,
  'openai/gpt-6.1-terra': 96,
  'openai/gpt-5.5': 95,
  'openai/gpt-5.6-terra': 95,
  'google/gemini-3.5-flash': 93,
  'openai/gpt-5.4': 93,
  'anthropic/claude-haiku-5-5': 90,
  'openai/gpt-6-luna': 89,
  'openai/gpt-5.6-luna': 87,
  'openai/gpt-5.4-mini': 86,
  'google/gemini-3.5-flash-lite': 83,
  'openai/gpt-5.4-nano': 82,
  'anthropic/claude-sonnet-4-5': 95,
  'openai/gpt-5': 94,
  'google/gemini-2.5-pro': 93,
  'x-ai/grok-4.7': 94,
  'deepseek/deepseek-v4-pro': 93,
  'x-ai/grok-4.5': 92,
  'deepseek/deepseek-v4-flash': 88,
  'mistralai/mistral-medium-latest': 88,
  'mistralai/mistral-large-latest': 84,
  'mistralai/mistral-small-latest': 78,
  'x-ai/grok-4': 91,
  'qwen/qwen3-coder': 90,
  'openai/gpt-4.1-mini': 84,
  'google/gemini-2.5-flash': 83,
  'anthropic/claude-haiku-4-5': 82,
  'meta-llama/llama-3.3-70b-instruct': 80,
  'qwen/qwen2.5-coder-7b-instruct': 78,
  'google/gemini-2.5-flash-lite': 64,
  'openai/gpt-4.1-nano': 63,
  'openai/gpt-4o-mini': 62,
  'meta-llama/llama-3.1-8b-instruct': 61,
  'meta-llama/llama-3.2-3b-instruct': 59,
};

export const BUNDLED_CATALOG: CatalogSnapshot = {
  sourceDate: SOURCE_DATE,
  priceSources: PRICE_SOURCES,
  models: MODELS.map((m) => (RANKS[m.id] !== undefined ? { ...m, rank: RANKS[m.id] } : m)),
};
