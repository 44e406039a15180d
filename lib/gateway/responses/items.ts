import { GatewayError } from '../errors';

type Item = Record<string, unknown>;

/**
 * A message item in the shape the Responses spec lists items (an input item list, a compaction's
 * output): an id, a status and its content as parts, however the client wrote it.
 */
function asListedMessage(item: Item): Item {
  if ((item.type ?? 'message') !== 'message' || typeof item.role !== 'string') return item;
  const part = item.role === 'assistant' ? 'output_text' : 'input_text';
  const content = typeof item.content === 'string' ? [part === 'output_text' ? { type: part, text: item.content, annotations: [] } : { type: part, text: item.content }] : item.content;
  return { ...item, type: 'message', status: typeof item.status === 'string' ? item.status : 'completed', content };
}

/** Items as stored and listed: each with an id, messages in the listed shape. */
export function listedItems(items: Item[], responseId: string): Item[] {
  return items.map((item, i) => {
    const listed = asListedMessage(item);
    return typeof listed.id === 'string' ? listed : { ...listed, id: `item_${responseId.replace(/^resp_/, '')}_${i}` };
  });
}

const OUTPUT_OF: Record<string, string> = { function_call_output: 'function_call', custom_tool_call_output: 'custom_tool_call' };

/**
 * A tool's output must answer a call made earlier in the conversation, as OpenAI requires; a
 * provider given an orphan output refuses it less clearly, or answers about nothing.
 */
export function checkToolOutputs(conversation: Item[]): void {
  const calls = new Set(conversation.filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call').map((item) => `${String(item.type)}:${String(item.call_id)}`));
  for (const item of conversation) {
    const call = OUTPUT_OF[String(item.type)];
    if (call && !calls.has(`${call}:${String(item.call_id)}`)) {
      throw new GatewayError(400, 'invalid_request_error', 'tool_call_not_found', `No tool call found for ${String(item.type)} with call_id ${String(item.call_id)}.`, { param: 'input' });
    }
  }
}
