import { badRequest } from '../errors';
import type { ReasoningDetail } from '../reasoning';
import type { InputItem, ResponsesContentPart, ResponsesRequest } from './schema';
import { decodeReasoning } from './reasoning-items';
import { compactedMessage, decodeCompaction } from './compaction';
import { chatName, chatTools, WEB_SEARCH_TOOLS } from './tools';

type Message = Record<string, unknown> & { role: string };

function unsupported(what: string, param: string, code = 'unsupported_parameter'): never {
  throw badRequest(`Switchyard's /responses does not support ${what}.`, param, code);
}

function chatPart(part: ResponsesContentPart, param: string): Record<string, unknown> {
  if (part.type === 'input_text' || part.type === 'output_text') return { type: 'text', text: part.text };
  if (part.type === 'refusal') return { type: 'text', text: part.refusal };
  if (part.type === 'input_file') return filePart(part, param);
  if (!part.image_url) unsupported('file_id images (they live in OpenAI’s file storage); send image_url, a data: URL works', param);
  return { type: 'image_url', image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } };
}

const MEDIA_TYPES: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html' };

/** An input_file as a chat file part; OpenAI's clients send file_data as a data URL, or as bare base64 beside a filename. */
function filePart(part: Extract<ResponsesContentPart, { type: 'input_file' }>, param: string): Record<string, unknown> {
  const filename = part.filename ?? undefined;
  let data = part.file_data ?? part.file_url ?? undefined;
  if (!data) unsupported('file_id files (they live in OpenAI’s file storage); send file_data or file_url', param, 'file_id_not_supported');
  if (part.file_data && !part.file_data.startsWith('data:')) data = `data:${MEDIA_TYPES[filename?.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/pdf'};base64,${part.file_data}`;
  return { type: 'file', file: { ...(filename ? { filename } : {}), file_data: data } };
}

const textOf = (parts: Record<string, unknown>[]) => parts.map((p) => String(p.text ?? '')).join('');

/** The conversation as chat messages: instructions first, then each input item in order. */
function chatMessages(request: ResponsesRequest): Message[] {
  const messages: Message[] = request.instructions ? [{ role: 'system', content: request.instructions }] : [];
  if (typeof request.input === 'string') return [...messages, { role: 'user', content: request.input }];
  // A reasoning item belongs to the assistant turn it sits in: usually before its message or
  // calls, but details a provider sent after its calls (Gemini's) come after them.
  let reasoning: ReasoningDetail[] = [];
  let turnOpen = false;
  const withReasoning = (message: Message) => {
    if (reasoning.length) message.reasoning_details = reasoning;
    reasoning = [];
    return message;
  };
  request.input.forEach((item: InputItem, i) => {
    const param = `input[${i}]`;
    const type = item.type ?? 'message';
    const assistantSide = type === 'reasoning' || type === 'function_call' || type === 'custom_tool_call' || (type === 'message' && 'role' in item && item.role === 'assistant');
    if (!assistantSide) turnOpen = false;
    if (type === 'message' && 'role' in item) {
      const content = typeof item.content === 'string' ? item.content : (item.content as ResponsesContentPart[]).map((p, j) => chatPart(p, `${param}.content[${j}]`));
      if (item.role === 'assistant') {
        messages.push(withReasoning({ role: 'assistant', content: typeof content === 'string' ? content : textOf(content) }));
        turnOpen = true;
      }
      else messages.push({ role: item.role as string, content });
    } else if ((type === 'function_call' && 'call_id' in item && 'arguments' in item) || (type === 'custom_tool_call' && 'call_id' in item)) {
      const raw = item as { call_id: string; name: string; arguments?: string; input?: string; namespace?: string | null };
      const args = type === 'custom_tool_call' ? JSON.stringify({ input: raw.input ?? '' }) : (raw.arguments ?? '');
      const call = { id: raw.call_id, type: 'function', function: { name: chatName(raw.name, raw.namespace), arguments: args } };
      const last = messages.at(-1);
      // Parallel calls of one turn are one assistant message, after its text if it had any.
      if (turnOpen && last?.role === 'assistant' && !reasoning.length) last.tool_calls = [...((last.tool_calls as unknown[]) ?? []), call];
      else messages.push(withReasoning({ role: 'assistant', content: null, tool_calls: [call] }));
      turnOpen = true;
    } else if ((type === 'function_call_output' || type === 'custom_tool_call_output') && 'output' in item && 'call_id' in item) {
      const output = item.output as string | ResponsesContentPart[];
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: typeof output === 'string' ? output : output.map((p, j) => chatPart(p, `${param}.output[${j}]`)) });
    } else if (type === 'reasoning') {
      const details = decodeReasoning((item as { encrypted_content?: string | null }).encrypted_content);
      const last = messages.at(-1);
      if (turnOpen && last?.role === 'assistant') last.reasoning_details = [...((last.reasoning_details as ReasoningDetail[]) ?? []), ...details];
      else reasoning = [...reasoning, ...details];
    } else if (type === 'compaction' || type === 'compaction_summary') {
      const summary = decodeCompaction((item as { encrypted_content?: unknown }).encrypted_content);
      if (summary === undefined) unsupported('compaction items another service wrote (their content is encrypted for it alone)', `${param}.encrypted_content`);
      messages.push(compactedMessage(summary));
    } else {
      unsupported(`input items of type "${type}"`, `${param}.type`);
    }
  });
  return messages;
}

function chatToolChoice(choice: ResponsesRequest['tool_choice']) {
  if (choice === undefined || typeof choice === 'string') return choice;
  if (choice.type === 'function' && typeof choice.name === 'string') return { type: 'function', function: { name: chatName(choice.name, (choice as { namespace?: string }).namespace) } };
  if (choice.type === 'custom' && typeof choice.name === 'string') return { type: 'function', function: { name: choice.name } };
  // Search cannot be forced on a provider's own search: the model searches when it needs to.
  if (WEB_SEARCH_TOOLS.has(choice.type)) return 'auto';
  return unsupported(`tool_choice of type "${choice.type}"`, 'tool_choice');
}

function chatResponseFormat(format: NonNullable<ResponsesRequest['text']>['format']) {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  const { name, description, schema, strict } = format;
  return { type: 'json_schema', json_schema: { name, schema, ...(description ? { description } : {}), ...(strict != null ? { strict } : {}) } };
}

/** A Responses request as the chat completions request the gateway routes, prices and records. */
export function toChatRequest(request: ResponsesRequest): { body: Record<string, unknown>; leftOut: string[] } {
  if (request.previous_response_id) {
    throw badRequest(
      'previous_response_id needs responses stored by the server, and Switchyard stores none: send the conversation so far as input, with the output items you got back.',
      'previous_response_id',
      'previous_response_not_supported',
    );
  }
  const { tools, leftOut, search } = chatTools(request);
  const toolChoice = chatToolChoice(request.tool_choice);
  const responseFormat = chatResponseFormat(request.text?.format);
  const optional: Record<string, unknown> = {
    tools: tools?.length ? tools : undefined,
    tool_choice: toolChoice,
    parallel_tool_calls: request.parallel_tool_calls ?? undefined,
    max_completion_tokens: request.max_output_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    presence_penalty: (request as { presence_penalty?: number | null }).presence_penalty ?? undefined,
    frequency_penalty: (request as { frequency_penalty?: number | null }).frequency_penalty ?? undefined,
    response_format: responseFormat,
    reasoning: request.reasoning?.effort ? { effort: request.reasoning.effort } : undefined,
    user: request.user ?? undefined,
    models: request.models,
    provider: request.provider,
    web_search_options: search,
  };
  const body = {
    model: request.model,
    messages: chatMessages(request),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
  return { body, leftOut };
}
