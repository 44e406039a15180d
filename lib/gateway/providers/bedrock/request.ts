import { badRequest, unsupported } from '../../errors';
import { hoistToolMedia } from '../shared/tool-media';
import type { ChatMessage, ChatRequest, ContentPart } from '../../openai-schema';
import { contentParts, maxTokens, parseToolArguments, stopList, systemText } from '../shared/content';
import { inlineImage } from '../shared/images';
import { inlineDocument, type FilePart } from '../../documents';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';
import { bedrockHeaders } from './credentials';
import { thinkingFor } from '../anthropic/request';
import { detailsOf, REASONING_FORMATS } from '../../reasoning';

type Block = Record<string, unknown>;
interface BedrockMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

const IMAGE_FORMATS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** …/model/{modelId}/converse(-stream): the id is one path segment (its colon escaped). */
export function bedrockUrl(provider: ProviderConfig, model: string, action: 'converse' | 'converse-stream'): string {
  return `${provider.baseUrl.replace(/\/+$/, '')}/model/${encodeURIComponent(model)}/${action}`;
}

const DOCUMENT_FORMATS: Record<string, string> = { 'application/pdf': 'pdf', 'text/plain': 'txt', 'text/csv': 'csv', 'text/html': 'html', 'text/markdown': 'md' };

/** A document as Converse takes one: its format, a name of letters, digits, spaces and hyphens, and its bytes. */
async function documentBlock(part: FilePart, ctx: CallContext): Promise<Block> {
  const document = await inlineDocument(part, ctx.fetch);
  const format = DOCUMENT_FORMATS[document.mimeType];
  if (!format) throw badRequest(`Bedrock takes PDF, text, CSV, HTML or Markdown documents, not ${document.mimeType}.`, 'messages');
  const name = document.name.replace(/\.[a-z0-9]+$/i, '').replace(/[^a-zA-Z0-9 ()[\]-]+/g, ' ').replace(/\s+/g, ' ').trim() || 'document';
  return { document: { format, name, source: { bytes: document.data } } };
}

async function blocksOf(parts: ContentPart[], ctx: CallContext): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text) blocks.push({ text: part.text });
      continue;
    }
    if (part.type === 'file') {
      blocks.push(await documentBlock(part, ctx));
      continue;
    }
    const image = await inlineImage(part.image_url.url, ctx.fetch);
    const format = IMAGE_FORMATS[image.mimeType];
    if (!format) throw badRequest(`Bedrock takes PNG, JPEG, GIF or WebP images, not ${image.mimeType}.`, 'messages');
    blocks.push({ image: { format, source: { bytes: image.data } } });
  }
  return blocks;
}

/** Claude's thinking of an earlier turn, given back first in that turn as Converse carries it. */
function thinkingBlocks(message: Extract<ChatMessage, { role: 'assistant' }>): Block[] {
  return detailsOf(message.reasoning_details, REASONING_FORMATS.anthropic).flatMap((d): Block[] => {
    if (d.type === 'reasoning.text' && d.text && d.signature) return [{ reasoningContent: { reasoningText: { text: d.text, signature: d.signature } } }];
    if (d.type === 'reasoning.encrypted' && d.data) return [{ reasoningContent: { redactedContent: d.data } }];
    return [];
  });
}

/** Chat messages as Converse's alternating user and assistant turns; tool results are user content. */
async function conversation(messages: ChatMessage[], ctx: CallContext, thinking: boolean): Promise<BedrockMessage[]> {
  const out: BedrockMessage[] = [];
  const push = (role: BedrockMessage['role'], content: Block[]) => {
    if (content.length === 0) return;
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  };
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') continue;
    if (message.role === 'tool') {
      const text = contentParts(message.content).map((p) => (p.type === 'text' ? p.text : '')).join('');
      push('user', [{ toolResult: { toolUseId: message.tool_call_id, content: [{ text: text || '(empty)' }], status: 'success' } }]);
    } else if (message.role === 'assistant') {
      const blocks = [...(thinking ? thinkingBlocks(message) : []), ...(await blocksOf(contentParts(message.content ?? null), ctx))];
      for (const call of message.tool_calls ?? []) blocks.push({ toolUse: { toolUseId: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, call.function.name) } });
      push('assistant', blocks);
    } else {
      push('user', await blocksOf(contentParts(message.content), ctx));
    }
  }
  return out;
}

function toolConfig(request: ChatRequest, provider: string): Record<string, unknown> | undefined {
  if (!request.tools?.length || request.tool_choice === 'none') return undefined;
  const tools = request.tools.map(({ function: f }) => ({
    toolSpec: { name: f.name, ...(f.description ? { description: f.description } : {}), inputSchema: { json: f.parameters ?? { type: 'object', properties: {} } } },
  }));
  const choice = request.tool_choice;
  if (choice && typeof choice === 'object') return { tools, toolChoice: { tool: { name: choice.function.name } } };
  if (choice === 'required') return { tools, toolChoice: { any: {} } };
  if (request.parallel_tool_calls === false) throw unsupported(provider, 'turning parallel tool calls off', 'parallel_tool_calls');
  return { tools, toolChoice: { auto: {} } };
}

/** A chat request as Bedrock's Converse API takes it (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html). */
export async function buildBedrockRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  if (request.response_format && request.response_format.type !== 'text') throw unsupported(ctx.provider.id, 'response_format on Bedrock’s Converse API (ask for JSON in the prompt)', 'response_format');
  const system = systemText(request.messages);
  const stop = stopList(request.stop);
  // Claude thinks on Bedrock as on Anthropic's API, asked for through additionalModelRequestFields.
  let thinking = /anthropic\.claude/.test(ctx.model) ? thinkingFor(request, ctx.provider.id) : undefined;
  // Claude refuses thinking when the last tool turn comes back without its thinking (a client that
  // dropped reasoning_details): that step then runs without thinking, as on Anthropic's API.
  const lastAssistant = request.messages.findLast((m): m is Extract<ChatMessage, { role: 'assistant' }> => m.role === 'assistant');
  if (thinking && lastAssistant?.tool_calls?.length && thinkingBlocks(lastAssistant).length === 0) thinking = undefined;
  const limit = thinking?.maxTokens ?? maxTokens(request);
  const inference = {
    ...(limit ? { maxTokens: limit } : {}),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { topP: request.top_p } : {}),
    ...(stop?.length ? { stopSequences: stop } : {}),
  };
  const tools = toolConfig(request, ctx.provider.id);
  const body = JSON.stringify({
    messages: await conversation(hoistToolMedia(request.messages), ctx, thinking !== undefined),
    ...(system ? { system: [{ text: system }] } : {}),
    ...(Object.keys(inference).length ? { inferenceConfig: inference } : {}),
    ...(tools ? { toolConfig: tools } : {}),
    ...(thinking ? { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: thinking.budget } } } : {}),
  });
  const url = bedrockUrl(ctx.provider, ctx.model, ctx.stream ? 'converse-stream' : 'converse');
  const headers = await bedrockHeaders(ctx.provider, url, body, ctx.stream ? 'application/vnd.amazon.eventstream' : 'application/json');
  return { url, init: { method: 'POST', headers, body } };
}
