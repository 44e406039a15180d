import { GATEWAY_ONLY_FIELDS, type ChatMessage, type ChatRequest } from '../../openai-schema';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';

/** Only OpenAI itself knows the "developer" role; other compatible hosts get it as "system". */
function mapMessage(message: ChatMessage, keepDeveloperRole: boolean): Record<string, unknown> {
  if (message.role === 'developer' && !keepDeveloperRole) return { ...message, role: 'system' };
  if (message.role === 'assistant') {
    const { reasoning: _reasoning, ...rest } = message;
    return { ...rest, content: rest.content ?? null };
  }
  return message;
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

export async function buildOpenAiRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const body: Record<string, unknown> = { ...request };
  for (const field of GATEWAY_ONLY_FIELDS) delete body[field];
  const isOpenAi = (ctx.provider.preset ?? ctx.provider.id) === 'openai';
  body.model = ctx.model;
  body.messages = request.messages.map((m) => mapMessage(m, isOpenAi));
  body.stream = ctx.stream;
  if (ctx.stream) body.stream_options = { include_usage: true };
  for (const [key, value] of Object.entries(body)) if (value === null || value === undefined) delete body[key];
  return {
    url: `${trimSlash(ctx.provider.baseUrl)}/chat/completions`,
    init: { method: 'POST', headers: openAiHeaders(ctx.provider), body: JSON.stringify(body) },
  };
}
