import { decodesAs } from './image-check';
import type { Answer } from './behavior';
import { applyPromptCache } from './prompt-cache';
import { isSignatureOf, signatureOf } from './signatures';
import { segments } from './search';
import { sse, textOf, WireError, type MockRequest, type WireFormat } from './wire';

export const ANTHROPIC_MODELS = ['claude-fable-5-2', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-5', 'claude-sonnet-4-5-20250929'];

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const error = (status: number, message: string) =>
  new WireError(status, { type: 'error', error: { type: TYPES[status] ?? 'api_error', message }, request_id: 'req_mock' });

type Block = { type?: string; text?: string; id?: string; tool_use_id?: string; source?: { type?: string }; thinking?: string; signature?: string; data?: string };

/**
 * Extended thinking's rules, as the Messages API enforces them
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking): thinking blocks must carry
 * the signature Claude gave them, and with thinking on, the assistant turn that made the last tool
 * calls must start with its thinking. Error texts as the API words them.
 */
function checkThinking(body: Record<string, unknown>, list: { role?: string; content?: unknown }[]): WireError | undefined {
  for (const [i, m] of list.entries()) {
    if (!Array.isArray(m.content)) continue;
    for (const [j, block] of (m.content as Block[]).entries()) {
      if (block.type === 'thinking' && !isSignatureOf(block.signature, 'claude', block.thinking ?? '')) {
        return error(400, `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
      }
      // The mock never redacts thinking, so no redacted block can be its own.
      if (block.type === 'redacted_thinking') {
        return error(400, `messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
    }
  }
  const thinking = body.thinking as { type?: string; budget_tokens?: number } | undefined;
  if (thinking?.type !== 'enabled') return undefined;
  if (typeof thinking.budget_tokens !== 'number' || thinking.budget_tokens < 1024) return error(400, 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (thinking.budget_tokens >= Number(body.max_tokens)) return error(400, '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size');
  if (typeof body.temperature === 'number' && body.temperature !== 1) return error(400, '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
  const index = list.findLastIndex((m) => m.role === 'assistant');
  const last = list[index]?.content;
  if (!Array.isArray(last) || !(last as Block[]).some((b) => b.type === 'tool_use')) return undefined;
  const first = (last as Block[])[0]?.type;
  if (first === 'thinking' || first === 'redacted_thinking') return undefined;
  return error(
    400,
    `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  );
}

function checkMessages(messages: unknown, body: Record<string, unknown>): WireError | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return error(400, 'messages: at least one message is required');
  const list = messages as { role?: string; content?: unknown }[];
  if (list[0]!.role !== 'user') return error(400, 'messages: first message must use the "user" role');
  let previousToolUses = new Set<string>();
  for (const [i, m] of list.entries()) {
    if (m.role !== 'user' && m.role !== 'assistant') {
      return error(400, `messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    if (i > 0 && list[i - 1]!.role === m.role) return error(400, `messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`);
    const blocks: Block[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as Block[]);
    if (!Array.isArray(blocks) || blocks.length === 0) return error(400, `messages.${i}: all messages must have non-empty content`);
    for (const block of blocks) {
      if (block.type === 'text' && !block.text) return error(400, `messages.${i}: text content blocks must be non-empty`);
      if (block.type === 'tool_result' && !previousToolUses.has(String(block.tool_use_id))) {
        return error(400, `messages.${i}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
      }
      if (block.type === 'image' && !['base64', 'url'].includes(String(block.source?.type))) return error(400, `messages.${i}: invalid image source`);
      // Anthropic's answer to image data that does not decode as its media type.
      const source = block.source as { type?: string; media_type?: string; data?: string } | undefined;
      if (block.type === 'image' && source?.type === 'base64' && !decodesAs(String(source.media_type), String(source.data))) {
        return error(400, `messages.${i}.content: Could not process image`);
      }
    }
    previousToolUses = new Set(blocks.filter((b) => b.type === 'tool_use').map((b) => String(b.id)));
  }
  return checkThinking(body, list);
}

/** The search the request asked for (Claude's web search server tool), when the script gives results. */
function searchOf(answer: Answer, req: MockRequest) {
  const tools = (req.body.tools ?? []) as { type?: string }[];
  return answer.search && tools.some((t) => t.type?.startsWith('web_search_')) ? answer.search : undefined;
}

/** Claude's search blocks: a server_tool_use and its web_search_tool_result per query (as in Anthropic's web search tool docs). */
function searchBlocks(search: NonNullable<Answer['search']>) {
  return search.queries.flatMap((query, i) => [
    { type: 'server_tool_use', id: `srvtoolu_mock_${i}`, name: 'web_search', input: { query } },
    {
      type: 'web_search_tool_result',
      tool_use_id: `srvtoolu_mock_${i}`,
      content: search.sources.map((s) => ({ type: 'web_search_result', url: s.url, title: s.title, encrypted_content: 'EqgfCioIARgBIiQ3YTAw', page_age: 'April 30, 2026' })),
    },
  ]);
}

const citationOf = (source: NonNullable<Answer['search']>['sources'][number]) => ({
  type: 'web_search_result_location',
  url: source.url,
  title: source.title,
  encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0',
  cited_text: source.cites,
});

function contentBlocks(answer: Answer, jsonTool: string | undefined, search?: Answer['search']) {
  const blocks: unknown[] = [];
  if (answer.reasoning) blocks.push({ type: 'thinking', thinking: answer.reasoning, signature: signatureOf('claude', answer.reasoning) });
  if (jsonTool) {
    blocks.push({ type: 'tool_use', id: 'toolu_json', name: jsonTool, input: JSON.parse(answer.text || '{}') });
    return blocks;
  }
  if (search) {
    blocks.push(...searchBlocks(search));
    for (const segment of segments(answer)) blocks.push({ type: 'text', text: segment.text, ...(segment.source ? { citations: [citationOf(segment.source)] } : {}) });
  } else if (answer.text) blocks.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls) blocks.push({ type: 'tool_use', id: call.id.replace('call_', 'toolu_'), name: call.name, input: call.arguments });
  return blocks;
}

/** A forced tool choice means the answer is that tool's input (Switchyard's JSON mode uses it). */
function forcedTool(req: MockRequest): string | undefined {
  const choice = req.body.tool_choice as { type?: string; name?: string } | undefined;
  return choice?.type === 'tool' ? choice.name : undefined;
}

const STOP: Record<Answer['finish'], string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };

export const anthropicWire: WireFormat = {
  check(req) {
    const key = req.headers['x-api-key'];
    if (!key) return error(401, 'x-api-key header is required');
    if (/bad/.test(String(key))) return error(401, 'invalid x-api-key');
    if (!req.headers['anthropic-version']) return error(400, 'anthropic-version: header is required');
    const { model, max_tokens: maxTokens, messages, temperature, system } = req.body;
    if (typeof model !== 'string') return error(400, 'model: Field required');
    if (typeof maxTokens !== 'number') return error(400, 'max_tokens: Field required');
    if (typeof temperature === 'number' && (temperature < 0 || temperature > 1)) return error(400, 'temperature: range: 0..1');
    if (system !== undefined && typeof system !== 'string' && !Array.isArray(system)) return error(400, 'system: Input should be a valid list');
    const problem = checkMessages(messages, req.body);
    if (problem) return problem;
    if (!ANTHROPIC_MODELS.includes(model)) return error(404, `model: ${model}`);
    return { model };
  },
  promptText(req) {
    const messages = (req.body.messages ?? []) as { role: string; content: unknown }[];
    const all = [textOf(req.body.system), ...messages.map((m) => textOf(m.content))].join('\n');
    const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content);
    return { all, lastUser };
  },
  isStream: (req) => req.body.stream === true,
  errorBody: (status, message) => error(status, message).body,
  adjust: applyPromptCache,
  complete(answer, req) {
    const jsonTool = forcedTool(req);
    return {
      id: 'msg_mock',
      type: 'message',
      role: 'assistant',
      model: answer.model,
      content: contentBlocks(answer, jsonTool, searchOf(answer, req)),
      stop_reason: jsonTool ? 'tool_use' : STOP[answer.finish],
      stop_sequence: null,
      usage: {
        input_tokens: answer.usage.prompt - answer.usage.cached - answer.usage.cacheWrite,
        output_tokens: answer.usage.completion,
        cache_read_input_tokens: answer.usage.cached,
        cache_creation_input_tokens: answer.usage.cacheWrite,
        ...(searchOf(answer, req) ? { server_tool_use: { web_search_requests: searchOf(answer, req)!.queries.length } } : {}),
      },
    };
  },
  streamFrames(answer, req) {
    const jsonTool = forcedTool(req);
    const frames = [
      sse(
        {
          type: 'message_start',
          message: {
            id: 'msg_mock',
            type: 'message',
            role: 'assistant',
            model: answer.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: {
              input_tokens: answer.usage.prompt - answer.usage.cached - answer.usage.cacheWrite,
              cache_read_input_tokens: answer.usage.cached,
              cache_creation_input_tokens: answer.usage.cacheWrite,
              output_tokens: 1,
            },
          },
        },
        'message_start',
      ),
      sse({ type: 'ping' }, 'ping'),
    ];
    let index = 0;
    const block = (start: unknown, deltas: unknown[]) => {
      frames.push(sse({ type: 'content_block_start', index, content_block: start }, 'content_block_start'));
      for (const delta of deltas) frames.push(sse({ type: 'content_block_delta', index, delta }, 'content_block_delta'));
      frames.push(sse({ type: 'content_block_stop', index }, 'content_block_stop'));
      index++;
    };
    if (answer.reasoning) {
      block({ type: 'thinking', thinking: '' }, [{ type: 'thinking_delta', thinking: answer.reasoning }, { type: 'signature_delta', signature: signatureOf('claude', answer.reasoning) }]);
    }
    if (jsonTool) {
      block({ type: 'tool_use', id: 'toolu_json', name: jsonTool, input: {} }, answer.pieces.map((p) => ({ type: 'input_json_delta', partial_json: p })));
    } else if (searchOf(answer, req)) {
      const search = searchOf(answer, req)!;
      for (const [i, query] of search.queries.entries()) {
        block({ type: 'server_tool_use', id: `srvtoolu_mock_${i}`, name: 'web_search', input: {} }, [{ type: 'input_json_delta', partial_json: JSON.stringify({ query }) }]);
        block(searchBlocks(search)[i * 2 + 1], []);
      }
      // Each cited span is its own text block, its citation sent before its text.
      for (const segment of segments(answer)) {
        block({ type: 'text', text: '' }, [...(segment.source ? [{ type: 'citations_delta', citation: citationOf(segment.source) }] : []), { type: 'text_delta', text: segment.text }]);
      }
    } else {
      if (answer.text) block({ type: 'text', text: '' }, answer.pieces.map((p) => ({ type: 'text_delta', text: p })));
      for (const call of answer.toolCalls) {
        const args = JSON.stringify(call.arguments);
        const half = Math.ceil(args.length / 2);
        block({ type: 'tool_use', id: call.id.replace('call_', 'toolu_'), name: call.name, input: {} }, [
          { type: 'input_json_delta', partial_json: '' },
          { type: 'input_json_delta', partial_json: args.slice(0, half) },
          { type: 'input_json_delta', partial_json: args.slice(half) },
        ]);
      }
    }
    frames.push(
      sse(
        {
          type: 'message_delta',
          delta: { stop_reason: jsonTool ? 'tool_use' : STOP[answer.finish], stop_sequence: null },
          usage: { output_tokens: answer.usage.completion, ...(searchOf(answer, req) ? { server_tool_use: { web_search_requests: searchOf(answer, req)!.queries.length } } : {}) },
        },
        'message_delta',
      ),
    );
    frames.push(sse({ type: 'message_stop' }, 'message_stop'));
    return frames;
  },
  streamError: (message) => sse({ type: 'error', error: { type: 'overloaded_error', message } }, 'error'),
  malformed: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"bro\n\n',
  contentType: 'text/event-stream',
  listModels(req) {
    if (!req.headers['x-api-key']) return error(401, 'x-api-key header is required');
    return { data: ANTHROPIC_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' })), has_more: false };
  },
};
