import { GATEWAY_ONLY_FIELDS, type ChatMessage, type ChatRequest } from '../../openai-schema';
import { isOpenAiSearchModel, searchWish } from '../../web-search';
import { hoistToolMedia } from '../shared/tool-media';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';
import { unsupported } from '../../errors';
import { reasoningWish } from '../../reasoning';

/** Cache breakpoints are Anthropic's: OpenAI and most compatible hosts cache by themselves and refuse the field. */
function unmarked<T extends { content?: unknown }>(message: T): T {
  if (!Array.isArray(message.content)) return message;
  return { ...message, content: message.content.map((part: Record<string, unknown>) => ('cache_control' in part ? (({ cache_control: _c, ...rest }) => rest)(part) : part)) };
}

/** Only OpenAI itself knows the "developer" role; other compatible hosts get it as "system". OpenRouter takes Anthropic's extras as they are. */
function mapMessage(raw: ChatMessage, keepDeveloperRole: boolean, isOpenRouter: boolean): Record<string, unknown> {
  const message = isOpenRouter ? raw : unmarked(raw);
  if (message.role === 'developer' && !keepDeveloperRole) return { ...message, role: 'system' };
  if (message.role === 'assistant') {
    const { reasoning: _reasoning, reasoning_details: details, ...rest } = message;
    return { ...rest, content: rest.content ?? null, ...(isOpenRouter && details?.length ? { reasoning_details: details } : {}) };
  }
  return message;
}

/**
 * OpenRouter takes `reasoning` and `reasoning_details` as they are; other OpenAI-compatible hosts
 * take an effort (`reasoning_effort`) and nothing else.
 */
function mapReasoning(body: Record<string, unknown>, request: ChatRequest, provider: string, isOpenRouter: boolean): void {
  if (isOpenRouter) return;
  delete body.reasoning;
  const wish = reasoningWish(request);
  if (!wish) return;
  if (wish.maxTokens !== undefined && !wish.effort) throw unsupported(provider, 'a reasoning token budget (use reasoning.effort)', 'reasoning.max_tokens');
  body.reasoning_effort = wish.on ? wish.effort : 'none';
}

export function openAiHeaders(provider: ProviderConfig): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
    ...provider.headers,
  };
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Web search where the host has it: OpenRouter's web plugin (any model) and its search options,
 * OpenAI's search models' web_search_options. Other hosts are sent neither (they would refuse them).
 */
function searchFields(body: Record<string, unknown>, request: ChatRequest, preset: string, model: string): void {
  const wish = searchWish(request);
  if (!wish) return;
  const raw = request as ChatRequest & { web_search_options?: unknown; plugins?: unknown };
  if (preset === 'openrouter' || preset === 'team') {
    const plugins = Array.isArray(raw.plugins) ? raw.plugins : [];
    body.plugins = plugins.some((p: { id?: unknown }) => p?.id === 'web') ? plugins : [...plugins, { id: 'web', ...(wish.maxUses ? { max_results: wish.maxUses } : {}) }];
    if (raw.web_search_options) body.web_search_options = raw.web_search_options;
  } else if (preset === 'openai' && isOpenAiSearchModel(model)) body.web_search_options = raw.web_search_options ?? {};
}

export async function buildOpenAiRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const body: Record<string, unknown> = { ...request };
  for (const field of GATEWAY_ONLY_FIELDS) delete body[field];
  const preset = ctx.provider.preset ?? ctx.provider.id;
  const isOpenRouter = preset === 'openrouter';
  body.model = ctx.model;
  body.messages = hoistToolMedia(request.messages).map((m) => mapMessage(m, preset === 'openai', isOpenRouter));
  mapReasoning(body, request, ctx.provider.id, isOpenRouter);
  body.stream = ctx.stream;
  if (ctx.stream) body.stream_options = { include_usage: true };
  searchFields(body, request, preset, ctx.model);
  for (const [key, value] of Object.entries(body)) if (value === null || value === undefined) delete body[key];
  return {
    url: `${trimSlash(ctx.provider.baseUrl)}/chat/completions`,
    init: { method: 'POST', headers: openAiHeaders(ctx.provider), body: JSON.stringify(body) },
  };
}
