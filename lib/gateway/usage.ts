import type { Usage } from './openai-schema';
import type { TokenUsage } from './providers/types';

/** OpenAI's usage object, with the cost and (as OpenRouter reports it) what caching saved. */
export function toOpenAiUsage(tokens: TokenUsage, cost: number, cacheDiscount = 0, searchCost = 0): Usage {
  return {
    prompt_tokens: tokens.prompt,
    completion_tokens: tokens.completion,
    total_tokens: tokens.prompt + tokens.completion,
    prompt_tokens_details: {
      cached_tokens: tokens.cached,
      ...(tokens.cacheWrite ? { cache_write_tokens: tokens.cacheWrite } : {}),
    },
    completion_tokens_details: { reasoning_tokens: tokens.reasoning },
    cost,
    ...(cacheDiscount ? { cache_discount: cacheDiscount } : {}),
    ...(tokens.searches ? { server_tool_use: { web_search_requests: tokens.searches }, search_cost: searchCost } : {}),
  };
}
