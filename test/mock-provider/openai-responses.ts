import type { Answer } from './behavior';
import { segments } from './search';
import { OPENAI_MODELS } from './openai';
import { isSignatureOf, signatureOf } from './signatures';
import { textOf, WireError, type WireFormat } from './wire';

/**
 * OpenAI's Responses API (POST /v1/responses), with the rules the real one enforces on what a
 * client sends back: a function_call_output needs its function_call in the input, and with
 * store: false a reasoning item must carry the encrypted content OpenAI gave it, unchanged.
 * Shapes as in test/fixtures/openai-responses/ (sources named there).
 */
export const RESPONSES_ONLY_MODELS = ['gpt-5-pro', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-mini', 'o3-pro'];
const KNOWN_PARAMS = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'max_output_tokens', 'temperature', 'top_p', 'text', 'reasoning',
  'stream', 'store', 'include', 'metadata', 'user', 'previous_response_id', 'truncation', 'service_tier', 'prompt_cache_key', 'safety_identifier',
]);

function error(status: number, message: string, code: string | null = null, param: string | null = null) {
  return new WireError(status, { error: { message, type: status === 404 || status === 400 || status === 401 ? 'invalid_request_error' : 'server_error', param, code } });
}

type Item = { type?: string; role?: string; content?: unknown; call_id?: string; id?: string; encrypted_content?: string | null; summary?: unknown };
const itemsOf = (input: unknown): Item[] => (typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? (input as Item[]) : []);
const reasoningId = (n: number) => `rs_mock_${n}`;
let responseCounter = 0;

function checkInput(body: Record<string, unknown>): WireError | undefined {
  const items = itemsOf(body.input);
  if (items.length === 0) return error(400, "Invalid value for 'input': expected a string or a non-empty array.", 'invalid_value', 'input');
  const calls = new Set(items.filter((i) => i.type === 'function_call').map((i) => i.call_id));
  for (const [n, item] of items.entries()) {
    const type = item.type ?? 'message';
    if (type === 'message' && !['user', 'assistant', 'system', 'developer'].includes(String(item.role))) {
      return error(400, `Invalid value: '${item.role}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`, 'invalid_value', `input[${n}].role`);
    }
    if (type === 'function_call_output' && !calls.has(item.call_id)) return error(400, `No tool call found for function call output with call_id ${item.call_id}.`, null, 'input');
    if (type === 'reasoning') {
      if (!item.encrypted_content && body.store === false) {
        return error(404, `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`, null, 'input');
      }
      if (item.encrypted_content && !isSignatureOf(item.encrypted_content, 'openai-responses', String(item.id))) {
        return error(400, `The encrypted content for item ${item.id} could not be verified.`, 'invalid_encrypted_content', 'input');
      }
    }
  }
  return undefined;
}

function usageOf(answer: Answer) {
  return {
    input_tokens: answer.usage.prompt,
    input_tokens_details: { cached_tokens: answer.usage.cached },
    output_tokens: answer.usage.completion,
    output_tokens_details: { reasoning_tokens: answer.usage.reasoning },
    total_tokens: answer.usage.prompt + answer.usage.completion,
  };
}

/** The answer's output items: reasoning (encrypted when asked for), the message, function calls. */
/** The hosted web search, when the request has the web_search tool and the script gives results. */
function searchOf(answer: Answer, req: { body: Record<string, unknown> }) {
  const tools = (req.body.tools ?? []) as { type?: string }[];
  return answer.search && tools.some((t) => t.type === 'web_search' || t.type === 'web_search_preview') ? answer.search : undefined;
}

/** url_citation annotations of the output text, by character (as in OpenAI's web search guide). */
const annotationsOf = (answer: Answer) =>
  segments(answer).flatMap((s) => (s.source ? [{ type: 'url_citation', start_index: s.start, end_index: s.end, url: s.source.url, title: s.source.title }] : []));

function outputOf(answer: Answer, req: { body: Record<string, unknown> }, n: number) {
  const encrypted = Array.isArray(req.body.include) && req.body.include.includes('reasoning.encrypted_content');
  const items: Record<string, unknown>[] = [];
  if (answer.reasoning) {
    const id = reasoningId(n);
    items.push({ id, type: 'reasoning', summary: [{ type: 'summary_text', text: answer.reasoning }], ...(encrypted ? { encrypted_content: signatureOf('openai-responses', id) } : {}) });
  }
  const search = searchOf(answer, req);
  for (const [i, query] of (search?.queries ?? []).entries()) items.push({ id: `ws_mock_${n}_${i}`, type: 'web_search_call', status: 'completed', action: { type: 'search', query } });
  const annotations = search ? annotationsOf(answer) : [];
  if (answer.text) items.push({ id: `msg_mock_${n}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: answer.text, annotations, logprobs: [] }] });
  for (const call of answer.toolCalls) items.push({ id: `fc_mock_${call.id}`, type: 'function_call', status: 'completed', arguments: JSON.stringify(call.arguments), call_id: call.id, name: call.name });
  return items;
}

function responseOf(answer: Answer, req: { body: Record<string, unknown> }, n: number, status: string, output: unknown[], usage: unknown) {
  const incomplete = status === 'incomplete' ? { reason: answer.finish === 'content_filter' ? 'content_filter' : 'max_output_tokens' } : null;
  return { id: `resp_mock_${n}`, object: 'response', created_at: 1_700_000_000, status, error: null, incomplete_details: incomplete, model: answer.model, output, store: req.body.store ?? true, usage };
}

const event = (type: string, payload: Record<string, unknown>, sequence: number) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequence })}\n\n`;

export const openAiResponsesWire: WireFormat = {
  check(req) {
    const auth = req.headers.authorization;
    if (!auth || !/^Bearer \S+/.test(auth)) return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.");
    if (/bad/.test(auth)) return error(401, `Incorrect API key provided: ${auth.slice(7, 14)}***.`, 'invalid_api_key');
    const { model } = req.body;
    if (typeof model !== 'string') return error(400, "Missing required parameter: 'model'.", 'missing_required_parameter', 'model');
    if (!RESPONSES_ONLY_MODELS.includes(model) && !OPENAI_MODELS.includes(model)) return error(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
    const unknown = Object.keys(req.body).find((key) => !KNOWN_PARAMS.has(key));
    if (unknown) return error(400, `Unknown parameter: '${unknown}'.`, 'unknown_parameter', unknown);
    return checkInput(req.body) ?? { model };
  },
  promptText(req) {
    const items = itemsOf(req.body.input);
    const all = [String(req.body.instructions ?? ''), ...items.map((i) => textOf(i.content) || String((i as { output?: unknown }).output ?? ''))].join('\n');
    const lastUser = textOf([...items].reverse().find((i) => i.role === 'user')?.content);
    return { all, lastUser };
  },
  isStream: (req) => req.body.stream === true,
  errorBody: (status, message) => error(status, message).body,
  complete(answer, req) {
    const n = ++responseCounter;
    const status = answer.finish === 'length' || answer.finish === 'content_filter' ? 'incomplete' : 'completed';
    return responseOf(answer, req, n, status, outputOf(answer, req, n), usageOf(answer));
  },
  streamFrames(answer, req) {
    const n = ++responseCounter;
    const frames: string[] = [];
    let sequence = 0;
    const emit = (type: string, payload: Record<string, unknown>) => frames.push(event(type, payload, sequence++));
    const output = outputOf(answer, req, n);
    emit('response.created', { response: responseOf(answer, req, n, 'in_progress', [], null) });
    emit('response.in_progress', { response: responseOf(answer, req, n, 'in_progress', [], null) });
    output.forEach((item, index) => {
      const id = item.id as string;
      if (item.type === 'reasoning') {
        emit('response.output_item.added', { output_index: index, item: { id, type: 'reasoning', summary: [] } });
        emit('response.reasoning_summary_part.added', { item_id: id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } });
        emit('response.reasoning_summary_text.delta', { item_id: id, output_index: index, summary_index: 0, delta: answer.reasoning });
        emit('response.reasoning_summary_text.done', { item_id: id, output_index: index, summary_index: 0, text: answer.reasoning });
      } else if (item.type === 'message') {
        emit('response.output_item.added', { output_index: index, item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
        emit('response.content_part.added', { item_id: id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
        for (const piece of answer.pieces) emit('response.output_text.delta', { item_id: id, output_index: index, content_index: 0, delta: piece, logprobs: [] });
        const annotations = (item.content as { annotations: unknown[] }[])[0]!.annotations;
        annotations.forEach((annotation, i) => emit('response.output_text.annotation.added', { item_id: id, output_index: index, content_index: 0, annotation_index: i, annotation }));
        emit('response.output_text.done', { item_id: id, output_index: index, content_index: 0, text: answer.text, logprobs: [] });
      } else if (item.type === 'web_search_call') {
        emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress' } });
        for (const stage of ['in_progress', 'searching', 'completed']) emit(`response.web_search_call.${stage}`, { item_id: id, output_index: index });
      } else {
        emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
        const args = item.arguments as string;
        const half = Math.ceil(args.length / 2);
        for (const delta of [args.slice(0, half), args.slice(half)]) emit('response.function_call_arguments.delta', { item_id: id, output_index: index, delta });
        emit('response.function_call_arguments.done', { item_id: id, output_index: index, arguments: args });
      }
      emit('response.output_item.done', { output_index: index, item });
    });
    const status = answer.finish === 'length' || answer.finish === 'content_filter' ? 'incomplete' : 'completed';
    emit(`response.${status}`, { response: responseOf(answer, req, n, status, output, usageOf(answer)) });
    return frames;
  },
  streamError: (message) => event('error', { code: 'server_error', message, param: null }, 99),
  malformed: 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"bro\n\n',
  contentType: 'text/event-stream',
  listModels: () => ({ object: 'list', data: [] }),
};
