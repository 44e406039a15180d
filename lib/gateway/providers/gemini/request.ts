import { badRequest, unsupported } from '../../errors';
import { hoistToolMedia } from '../shared/tool-media';
import type { ChatMessage, ChatRequest, ContentPart } from '../../openai-schema';
import { contentParts, contentText, parseToolArguments, systemText, toolNamesById } from '../shared/content';
import { samplingOptions } from '../shared/sampling';
import { inlineImage } from '../shared/images';
import { inlineDocument } from '../../documents';
import { searchWish } from '../../web-search';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';
import { detailsOf, REASONING_FORMATS, reasoningWish, type ReasoningDetail } from '../../reasoning';

type Part = Record<string, unknown>;
interface GeminiContent {
  role: 'user' | 'model';
  parts: Part[];
}

/** Google's mapping of OpenAI's efforts (https://ai.google.dev/gemini-api/docs/openai#thinking). */
const THINKING_BUDGET = { minimal: 1024, low: 1024, medium: 8192, high: 24576 } as const;
const THINKING_LEVEL = { minimal: 'low', low: 'low', medium: 'high', high: 'high' } as const;

/**
 * What Gemini 3 accepts in place of a thought signature it never issued (a turn from another model,
 * or a client that dropped it): https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const DUMMY_THOUGHT_SIGNATURE = 'context_engineering_is_the_way_to_go';

export const isGemini3 = (model: string) => /(^|\/)gemini-3/.test(model);
/** Models before 2.5 do not think; 2.5 Pro and Gemini 3 cannot stop thinking. */
const thinks = (model: string) => !/(^|\/)(gemini-(1|2\.0)|gemma)/.test(model);
const canStopThinking = (model: string) => /gemini-2\.5-flash/.test(model);

export function geminiHeaders(provider: ProviderConfig): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(provider.apiKey ? { 'x-goog-api-key': provider.apiKey } : {}),
    ...provider.headers,
  };
}

export function geminiBase(provider: ProviderConfig): string {
  return `${provider.baseUrl.replace(/\/+$/, '')}/v1beta`;
}

async function partsOf(content: string | ContentPart[] | null | undefined, fetchImpl: typeof fetch): Promise<Part[]> {
  const parts: Part[] = [];
  for (const part of contentParts(content)) {
    if (part.type === 'text') {
      if (part.text) parts.push({ text: part.text });
    } else if (part.type === 'file') {
      const { mimeType, data } = await inlineDocument(part, fetchImpl);
      parts.push({ inlineData: { mimeType, data } });
    } else {
      parts.push({ inlineData: await inlineImage(part.image_url.url, fetchImpl) });
    }
  }
  return parts;
}

function toolResponse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { result: value };
  } catch {
    return { content: text };
  }
}

/** Function calls with the thought signatures Gemini gave them, and a text signature on the last part. */
function signedModelParts(parts: Part[], calls: NonNullable<Extract<ChatMessage, { role: 'assistant' }>['tool_calls']>, details: ReasoningDetail[]): Part[] {
  const signatures = detailsOf(details, REASONING_FORMATS.gemini).filter((d) => d.type === 'reasoning.encrypted' && d.data);
  const out = [...parts];
  for (const call of calls) {
    const signature = signatures.find((d) => d.id === call.id)?.data;
    out.push({
      functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments, call.function.name) },
      ...(signature ? { thoughtSignature: signature } : {}),
    });
  }
  const textSignature = signatures.find((d) => !d.id)?.data;
  const last = out.at(-1);
  if (textSignature && last && !last.thoughtSignature) last.thoughtSignature = textSignature;
  return out;
}

/**
 * Gemini 3 refuses a step of the current turn (everything since the last user text) whose first
 * function call lacks its signature; such calls get the documented stand-in.
 */
function fillMissingSignatures(contents: GeminiContent[]): void {
  const turnStart = contents.findLastIndex((c) => c.role === 'user' && c.parts.some((p) => typeof p.text === 'string'));
  for (const content of contents.slice(turnStart + 1)) {
    if (content.role !== 'model') continue;
    const first = content.parts.find((p) => p.functionCall);
    if (first && !first.thoughtSignature) first.thoughtSignature = DUMMY_THOUGHT_SIGNATURE;
  }
}

export async function toGeminiContents(messages: ChatMessage[], fetchImpl: typeof fetch, model = ''): Promise<GeminiContent[]> {
  const names = toolNamesById(messages);
  const out: GeminiContent[] = [];
  for (const message of messages) {
    let mapped: GeminiContent | undefined;
    if (message.role === 'user') mapped = { role: 'user', parts: await partsOf(message.content, fetchImpl) };
    else if (message.role === 'assistant') {
      mapped = { role: 'model', parts: signedModelParts(await partsOf(message.content, fetchImpl), message.tool_calls ?? [], message.reasoning_details ?? []) };
    } else if (message.role === 'tool') {
      const name = names.get(message.tool_call_id);
      if (!name) throw badRequest(`No earlier assistant tool call has the id "${message.tool_call_id}".`, 'messages');
      mapped = { role: 'user', parts: [{ functionResponse: { name, response: toolResponse(contentText(message.content)) } }] };
    }
    if (!mapped || mapped.parts.length === 0) continue;
    const last = out.at(-1);
    if (last?.role === mapped.role) last.parts.push(...mapped.parts);
    else out.push(mapped);
  }
  if (isGemini3(model)) fillMissingSignatures(out);
  return out;
}

/** generationConfig.thinkingConfig for a request's reasoning wish, or undefined to leave the model's default. */
function thinkingConfig(request: ChatRequest, provider: string, model: string): Record<string, unknown> | undefined {
  const wish = reasoningWish(request);
  if (!wish) return undefined;
  if (!thinks(model)) {
    if (!wish.on) return undefined;
    throw unsupported(provider, `reasoning on ${model}`, wish.param);
  }
  if (!wish.on) {
    if (!canStopThinking(model)) throw unsupported(provider, `turning reasoning off on ${model}`, wish.param);
    return { thinkingBudget: 0 };
  }
  const shown = { includeThoughts: !wish.exclude };
  if (wish.maxTokens !== undefined) return { thinkingBudget: wish.maxTokens, ...shown };
  if (!wish.effort) return shown;
  return isGemini3(model) ? { thinkingLevel: THINKING_LEVEL[wish.effort], ...shown } : { thinkingBudget: THINKING_BUDGET[wish.effort], ...shown };
}

export async function buildGeminiRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const provider = ctx.provider.id;
  if ((request.n ?? 1) > 1) throw unsupported(provider, 'n > 1');

  const generationConfig = samplingOptions(request, {
    temperature: 'temperature',
    top_p: 'topP',
    max_tokens: 'maxOutputTokens',
    stop: 'stopSequences',
    seed: 'seed',
    presence_penalty: 'presencePenalty',
    frequency_penalty: 'frequencyPenalty',
  });
  const thinking = thinkingConfig(request, provider, ctx.model);
  if (thinking) generationConfig.thinkingConfig = thinking;
  const format = request.response_format;
  if (format?.type === 'json_object') generationConfig.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
    if (format.json_schema.schema) generationConfig.responseJsonSchema = format.json_schema.schema;
  }

  const body: Record<string, unknown> = { contents: await toGeminiContents(hoistToolMedia(request.messages), ctx.fetch, ctx.model) };
  const system = systemText(request.messages);
  if (system) body.systemInstruction = { parts: [{ text: system }] };
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;

  // Google Search grounding: Gemini searches, and says which pages support which spans.
  const search = searchWish(request) ? [{ google_search: {} }] : [];
  if (search.length && !request.tools?.length) body.tools = search;
  if (request.tools?.length) {
    body.tools = [
      ...search,
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.function.name,
          ...(tool.function.description ? { description: tool.function.description } : {}),
          ...(tool.function.parameters ? { parameters: tool.function.parameters } : {}),
        })),
      },
    ];
    const choice = request.tool_choice;
    if (choice != null) {
      const config =
        choice === 'none'
          ? { mode: 'NONE' }
          : choice === 'auto'
            ? { mode: 'AUTO' }
            : choice === 'required'
              ? { mode: 'ANY' }
              : { mode: 'ANY', allowedFunctionNames: [choice.function.name] };
      body.toolConfig = { functionCallingConfig: config };
    }
  }

  const model = encodeURIComponent(ctx.model.replace(/^models\//, ''));
  const url = ctx.stream
    ? `${geminiBase(ctx.provider)}/models/${model}:streamGenerateContent?alt=sse`
    : `${geminiBase(ctx.provider)}/models/${model}:generateContent`;
  return { url, init: { method: 'POST', headers: geminiHeaders(ctx.provider), body: JSON.stringify(body) } };
}
