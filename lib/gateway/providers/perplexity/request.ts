import type { ChatRequest } from '../../openai-schema';
import { searchWish } from '../../web-search';
import { buildResponsesRequest } from '../openai-responses/request';
import { trimSlash } from '../openai/request';
import type { CallContext, UpstreamRequest } from '../types';

/** Where the Agent API lives: its preset's base URL (https://api.perplexity.ai/v1), or the bare host an older preset saved. */
export function agentBase(baseUrl: string): string {
  const base = trimSlash(baseUrl);
  return /^https:\/\/api\.perplexity\.ai$/.test(base) ? `${base}/v1` : base;
}

/** Sonar's names as the Agent API takes models: provider/model ("sonar" → "perplexity/sonar"). */
export const agentModel = (model: string) => (model.includes('/') ? model : `perplexity/${model}`);

/**
 * A chat request as Perplexity's Agent API takes it (POST /v1/agent, Responses-shaped: input items,
 * tools, max_output_tokens; https://docs.perplexity.ai/api-reference/agent-post), where Sonar has
 * answered since its chat completions were retired on September 27, 2026. Sonar is a search model:
 * its web search tool goes with every request. The Agent API refuses fields it does not document,
 * so OpenAI's store and include stay out.
 */
export async function buildAgentRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const mapped = await buildResponsesRequest(request, ctx);
  const { store: _store, include: _include, ...body } = JSON.parse(mapped.init.body!) as Record<string, unknown>;
  const tools = (body.tools as { type?: string }[] | undefined) ?? [];
  const wish = searchWish(request);
  const location = wish?.userLocation;
  const search = { type: 'web_search', ...(wish?.contextSize ? { search_context_size: wish.contextSize } : {}), ...(location ? { filters: { user_location: location } } : {}) };
  const reasoning = body.reasoning as { effort?: string } | undefined;
  const agent = {
    ...body,
    model: agentModel(ctx.model),
    tools: [...tools.filter((t) => t.type !== 'web_search'), search],
    // Effort only: the Agent API has no reasoning summaries to ask for.
    ...(reasoning?.effort ? { reasoning: { effort: reasoning.effort } } : {}),
  };
  return { url: `${agentBase(ctx.provider.baseUrl)}/agent`, init: { ...mapped.init, body: JSON.stringify(agent) } };
}
