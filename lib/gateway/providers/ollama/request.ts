import { badRequest, unsupported } from '../../errors';
import { hoistToolMedia } from '../shared/tool-media';
import type { ChatMessage, ChatRequest } from '../../openai-schema';
import { contentParts, contentText, parseToolArguments, toolNamesById } from '../shared/content';
import { samplingOptions } from '../shared/sampling';
import { inlineImage } from '../shared/images';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';
import { effortForBudget, reasoningWish } from '../../reasoning';
import { numCtxFor } from './context-size';

export function ollamaHeaders(provider: ProviderConfig): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
    ...provider.headers,
  };
}

export const ollamaBase = (provider: ProviderConfig) => provider.baseUrl.replace(/\/+$/, '');

async function toOllamaMessage(message: ChatMessage, names: Map<string, string>, fetchImpl: typeof fetch) {
  const role = message.role === 'developer' ? 'system' : message.role;
  const out: Record<string, unknown> = { role, content: contentText(message.content) };
  const images = [];
  for (const part of contentParts(message.content)) {
    if (part.type === 'image_url') images.push((await inlineImage(part.image_url.url, fetchImpl)).data);
    if (part.type === 'file') throw badRequest('Ollama reads no documents: send their text, or pick a model at a provider that reads PDFs.', 'messages', 'documents_not_supported');
  }
  if (images.length > 0) out.images = images;
  if (message.role === 'assistant' && message.tool_calls?.length) {
    out.tool_calls = message.tool_calls.map((call) => ({
      function: { name: call.function.name, arguments: parseToolArguments(call.function.arguments, call.function.name) },
    }));
  }
  if (message.role === 'tool') {
    const name = names.get(message.tool_call_id);
    if (name) out.tool_name = name;
  }
  return out;
}

/** Ollama's `think`: on or off, or a level for gpt-oss, which cannot be turned off. */
function thinkSetting(request: ChatRequest, model: string): boolean | 'low' | 'medium' | 'high' | undefined {
  const wish = reasoningWish(request);
  if (!wish) return undefined;
  if (!/gpt-oss/.test(model)) return wish.on;
  if (!wish.on) return 'low';
  const effort = wish.effort ?? (wish.maxTokens !== undefined ? effortForBudget(wish.maxTokens) : 'medium');
  return effort === 'minimal' ? 'low' : effort;
}

export async function buildOllamaRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const provider = ctx.provider.id;
  if ((request.n ?? 1) > 1) throw unsupported(provider, 'n > 1');
  const choice = request.tool_choice;
  if (request.tools?.length && (choice === 'required' || (choice && typeof choice === 'object'))) {
    throw unsupported(provider, 'forcing a tool call (tool_choice "required" or a named function)');
  }

  const names = toolNamesById(request.messages);
  const messages = [];
  for (const message of hoistToolMedia(request.messages)) messages.push(await toOllamaMessage(message, names, ctx.fetch));

  const options = samplingOptions(request, {
    temperature: 'temperature',
    top_p: 'top_p',
    max_tokens: 'num_predict',
    stop: 'stop',
    seed: 'seed',
    presence_penalty: 'presence_penalty',
    frequency_penalty: 'frequency_penalty',
  });

  const numCtx = ctx.promptTokens === undefined ? undefined : numCtxFor(ctx.promptTokens, request.max_completion_tokens ?? request.max_tokens ?? undefined, ctx.contextLength);
  if (numCtx !== undefined) options.num_ctx = numCtx;
  const body: Record<string, unknown> = { model: ctx.model, messages, stream: ctx.stream };
  if (Object.keys(options).length > 0) body.options = options;
  const format = request.response_format;
  if (format?.type === 'json_object') body.format = 'json';
  if (format?.type === 'json_schema') body.format = format.json_schema.schema ?? 'json';
  if (request.tools?.length && choice !== 'none') body.tools = request.tools;
  const think = thinkSetting(request, ctx.model);
  if (think !== undefined) body.think = think;

  return {
    url: `${ollamaBase(ctx.provider)}/api/chat`,
    init: { method: 'POST', headers: ollamaHeaders(ctx.provider), body: JSON.stringify(body) },
  };
}
