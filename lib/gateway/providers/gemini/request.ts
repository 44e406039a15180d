import { badRequest, unsupported } from '../../errors';
import type { ChatMessage, ChatRequest, ContentPart } from '../../openai-schema';
import { contentParts, contentText, parseToolArguments, systemText, toolNamesById } from '../shared/content';
import { samplingOptions } from '../shared/sampling';
import { inlineImage } from '../shared/images';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';

type Part = Record<string, unknown>;
interface GeminiContent {
  role: 'user' | 'model';
  parts: Part[];
}

const THINKING_BUDGET = { minimal: 0, low: 1024, medium: 8192, high: 24576 } as const;

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

export async function toGeminiContents(messages: ChatMessage[], fetchImpl: typeof fetch): Promise<GeminiContent[]> {
  const names = toolNamesById(messages);
  const out: GeminiContent[] = [];
  for (const message of messages) {
    let mapped: GeminiContent | undefined;
    if (message.role === 'user') mapped = { role: 'user', parts: await partsOf(message.content, fetchImpl) };
    else if (message.role === 'assistant') {
      const parts = await partsOf(message.content, fetchImpl);
      for (const call of message.tool_calls ?? []) {
        parts.push({ functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments, call.function.name) } });
      }
      mapped = { role: 'model', parts };
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
  return out;
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
  if (request.reasoning_effort) {
    generationConfig.thinkingConfig = { thinkingBudget: THINKING_BUDGET[request.reasoning_effort], includeThoughts: true };
  }
  const format = request.response_format;
  if (format?.type === 'json_object') generationConfig.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
    if (format.json_schema.schema) generationConfig.responseJsonSchema = format.json_schema.schema;
  }

  const body: Record<string, unknown> = { contents: await toGeminiContents(request.messages, ctx.fetch) };
  const system = systemText(request.messages);
  if (system) body.systemInstruction = { parts: [{ text: system }] };
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;

  if (request.tools?.length) {
    body.tools = [
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
