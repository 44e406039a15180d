import { badRequest, unsupported } from '../../errors';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../../openai-schema';
import { contentParts, maxTokens, parseToolArguments, stopList, systemText } from '../shared/content';
import { parseDataUrl } from '../shared/images';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';

export const ANTHROPIC_VERSION = '2023-06-01';
/** The tool Switchyard adds to get a JSON answer out of Claude for response_format. */
export const JSON_TOOL = 'json_response';
const DEFAULT_MAX_TOKENS = 4096;
const THINKING_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 24576 } as const;

type Block = Record<string, unknown>;
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

export function anthropicHeaders(provider: ProviderConfig): Record<string, string> {
  return {
    'content-type': 'application/json',
    'anthropic-version': provider.apiVersion ?? ANTHROPIC_VERSION,
    // Calls come from the extension's service worker, which Anthropic treats as a browser.
    'anthropic-dangerous-direct-browser-access': 'true',
    ...(provider.apiKey ? { 'x-api-key': provider.apiKey } : {}),
    ...provider.headers,
  };
}

function partToBlock(part: ContentPart): Block | undefined {
  if (part.type === 'text') return part.text ? { type: 'text', text: part.text } : undefined;
  const inline = parseDataUrl(part.image_url.url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline.mimeType, data: inline.data } };
  if (/^https?:\/\//i.test(part.image_url.url)) return { type: 'image', source: { type: 'url', url: part.image_url.url } };
  throw badRequest('Image URLs must be http(s) or base64 data: URLs.', 'messages');
}

function blocksOf(content: string | ContentPart[] | null | undefined): Block[] {
  const blocks: Block[] = [];
  for (const part of contentParts(content)) {
    const block = partToBlock(part);
    if (block) blocks.push(block);
  }
  return blocks;
}

function toBlocks(message: ChatMessage): { role: 'user' | 'assistant'; blocks: Block[] } | undefined {
  switch (message.role) {
    case 'system':
    case 'developer':
      return undefined;
    case 'user':
      return { role: 'user', blocks: blocksOf(message.content) };
    case 'assistant': {
      const blocks = blocksOf(message.content);
      for (const call of message.tool_calls ?? []) {
        blocks.push({
          type: 'tool_use',
          id: call.id,
          name: call.function.name,
          input: parseToolArguments(call.function.arguments, call.function.name),
        });
      }
      return { role: 'assistant', blocks };
    }
    case 'tool': {
      const content = blocksOf(message.content);
      return { role: 'user', blocks: [{ type: 'tool_result', tool_use_id: message.tool_call_id, content }] };
    }
  }
}

/** Claude wants alternating user/assistant turns starting with the user: merge neighbours. */
export function toAnthropicMessages(messages: ChatMessage[]): AnthropicMessage[] {
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    const mapped = toBlocks(message);
    if (!mapped || mapped.blocks.length === 0) continue;
    const last = out.at(-1);
    if (last && last.role === mapped.role) {
      // Tool results must come first in a user turn.
      last.content =
        mapped.role === 'user' && mapped.blocks[0]?.type === 'tool_result'
          ? [...last.content.filter((b) => b.type === 'tool_result'), ...mapped.blocks, ...last.content.filter((b) => b.type !== 'tool_result')]
          : [...last.content, ...mapped.blocks];
    } else {
      out.push({ role: mapped.role, content: mapped.blocks });
    }
  }
  if (out[0]?.role !== 'user') out.unshift({ role: 'user', content: [{ type: 'text', text: '(continue)' }] });
  return out;
}

function toolChoice(choice: ToolChoice | null | undefined, parallel: boolean | null | undefined): Block | undefined {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice == null) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.function.name, ...disable };
}

export async function buildAnthropicRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const provider = ctx.provider.id;
  if (request.temperature != null && request.temperature > 1) {
    throw badRequest(`${provider} accepts a temperature between 0 and 1.`, 'temperature');
  }
  if ((request.n ?? 1) > 1) throw unsupported(provider, 'n > 1');

  const body: Record<string, unknown> = {
    model: ctx.model,
    max_tokens: maxTokens(request) ?? DEFAULT_MAX_TOKENS,
    messages: toAnthropicMessages(request.messages),
  };
  const system = systemText(request.messages);
  if (system) body.system = system;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  const stop = stopList(request.stop);
  if (stop) body.stop_sequences = stop;
  if (request.user) body.metadata = { user_id: request.user };
  if (ctx.stream) body.stream = true;

  if (request.reasoning_effort) {
    const budget = THINKING_BUDGET[request.reasoning_effort];
    body.thinking = { type: 'enabled', budget_tokens: budget };
    body.max_tokens = Math.max(Number(body.max_tokens), budget + 1024);
    delete body.temperature;
    delete body.top_p;
  }

  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description ? { description: tool.function.description } : {}),
      input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = toolChoice(request.tool_choice, request.parallel_tool_calls);
    if (choice) body.tool_choice = choice;
  }

  const format = request.response_format;
  if (format && format.type !== 'text') {
    if (request.tools?.length) throw unsupported(provider, 'response_format together with tools');
    const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
    body.tools = [
      {
        name: JSON_TOOL,
        description: format.type === 'json_schema' ? (format.json_schema.description ?? `Respond with ${format.json_schema.name}.`) : 'Respond with a JSON object.',
        input_schema: schema ?? { type: 'object', additionalProperties: true },
      },
    ];
    body.tool_choice = { type: 'tool', name: JSON_TOOL };
    delete body.thinking;
  }

  return {
    url: `${ctx.provider.baseUrl.replace(/\/+$/, '')}/v1/messages`,
    init: { method: 'POST', headers: anthropicHeaders(ctx.provider), body: JSON.stringify(body) },
  };
}
