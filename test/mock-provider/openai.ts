import { readFileSync } from 'node:fs';
import { segments } from './search';
import type { Answer } from './behavior';
import { RESPONSES_ONLY_MODELS } from './openai-responses';
import { sse, textOf, WireError, type MockRequest, type WireFormat } from './wire';

export const OPENAI_MODELS = ['gpt-6-sol', 'gpt-6.1-terra', 'gpt-6-luna', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'gpt-5.5', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5-nano', 'llama-3.3-70b-versatile', 'mock-model'];
/** Local servers (LM Studio and the like) take requests without a key. */
const keyless = (target: string | undefined) => target === 'lmstudio' || Boolean(target?.startsWith('local'));

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

const TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 404: 'invalid_request_error', 429: 'rate_limit_error' };

function error(status: number, message: string, code: string | null = null, param: string | null = null) {
  return new WireError(status, { error: { message, type: TYPES[status] ?? 'server_error', param, code } });
}

function messageOf(answer: Answer, req: MockRequest) {
  return {
    role: 'assistant',
    content: answer.toolCalls.length > 0 && !answer.text ? null : answer.text,
    ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}),
    ...(answer.toolCalls.length > 0
      ? {
          tool_calls: answer.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } })),
        }
      : {}),
    ...(searchOf(answer, req) ? { annotations: annotationsOf(answer) } : {}),
    refusal: null,
  };
}

/** Search as OpenAI's search models (web_search_options) and OpenRouter's web plugin take it, when the script gives results. */
function searchOf(answer: Answer, req: MockRequest) {
  const plugins = (req.body.plugins ?? []) as { id?: string }[];
  return answer.search && (req.body.web_search_options || plugins.some((p) => p.id === 'web')) ? answer.search : undefined;
}

/** url_citation annotations of the content, by character (as in OpenAI's web search guide). */
const annotationsOf = (answer: Answer) =>
  segments(answer).flatMap((s) => (s.source ? [{ type: 'url_citation', url_citation: { start_index: s.start, end_index: s.end, url: s.source.url, title: s.source.title } }] : []));

function usageOf(answer: Answer) {
  return {
    prompt_tokens: answer.usage.prompt,
    completion_tokens: answer.usage.completion,
    total_tokens: answer.usage.prompt + answer.usage.completion,
    prompt_tokens_details: { cached_tokens: answer.usage.cached },
    completion_tokens_details: { reasoning_tokens: answer.usage.reasoning },
  };
}

export const openAiWire: WireFormat = {
  check(req) {
    const auth = req.headers.authorization;
    if (!auth && keyless(req.target)) return typeof req.body.model === 'string' ? { model: req.body.model } : error(400, 'you must provide a model parameter', null, 'model');
    if (!auth || !/^Bearer \S+/.test(auth)) {
      return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.");
    }
    if (/bad/.test(auth)) return error(401, `Incorrect API key provided: ${auth.slice(7, 14)}***. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key');
    const { model, messages } = req.body;
    if (typeof model !== 'string') return error(400, 'you must provide a model parameter', null, 'model');
    if (!Array.isArray(messages) || messages.length === 0) return error(400, "[] is too short - 'messages'", null, 'messages');
    for (const [i, m] of (messages as { role?: string }[]).entries()) {
      if (!ROLES.has(String(m.role))) return error(400, `Invalid value: '${m.role}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`, 'invalid_value', `messages[${i}].role`);
    }
    if (req.body.stream_options && !req.body.stream) return error(400, 'The stream_options parameter is only allowed when stream is enabled.', null, 'stream_options');
    if (!req.target && RESPONSES_ONLY_MODELS.includes(model)) return error(404, 'This model is only supported in v1/responses and not in v1/chat/completions.', 'model_not_found', 'model');
    // Named targets stand for other OpenAI-compatible hosts, each with its own model names.
    if (!req.target && !OPENAI_MODELS.includes(model)) return error(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
    return { model };
  },
  promptText(req) {
    const messages = (req.body.messages ?? []) as { role: string; content: unknown }[];
    const all = messages.map((m) => textOf(m.content)).join('\n');
    const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content);
    return { all, lastUser };
  },
  isStream: (req) => req.body.stream === true,
  errorBody: (status, message) => error(status, message).body,
  complete(answer, req) {
    return {
      id: 'chatcmpl-mock',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: answer.model,
      choices: [{ index: 0, message: messageOf(answer, req), finish_reason: answer.finish, logprobs: null }],
      usage: usageOf(answer),
      system_fingerprint: 'fp_mock',
    };
  },
  streamFrames(answer, req) {
    const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1_700_000_000, model: answer.model, system_fingerprint: 'fp_mock' };
    const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const frames = [chunk({ role: 'assistant', content: '', refusal: null })];
    if (answer.reasoning) frames.push(chunk({ reasoning_content: answer.reasoning }));
    for (const piece of answer.pieces) frames.push(chunk({ content: piece }));
    if (searchOf(answer, req)) frames.push(chunk({ annotations: annotationsOf(answer) }));
    answer.toolCalls.forEach((call, index) => {
      frames.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      const args = JSON.stringify(call.arguments);
      const half = Math.ceil(args.length / 2);
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
    });
    frames.push(chunk({}, answer.finish));
    if ((req.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      frames.push(sse({ ...base, choices: [], usage: usageOf(answer) }));
    }
    frames.push('data: [DONE]\n\n');
    return frames;
  },
  streamError: (message) => sse({ error: { message, type: 'server_error', param: null, code: null } }),
  malformed: 'data: {"id":"chatcmpl-mock","choices":[{"delta":{"content":"broken\n\n',
  contentType: 'text/event-stream',
  listModels(req) {
    if (!req.headers.authorization && !keyless(req.target)) return error(401, "You didn't provide an API key.");
    // Groq lists its prices with its models (test/fixtures/openai/groq-models.json, source named there).
    if (req.target === 'groq') return groqModels();
    // LM Studio lists what it has downloaded; its own REST API tells their windows (lmStudioRestModels).
    const ids = req.target === 'lmstudio' ? [...OPENAI_MODELS, ...LMSTUDIO_MODELS] : OPENAI_MODELS;
    return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'mock' })) };
  },
};

const lmStudioFixture = () =>
  JSON.parse(readFileSync(new URL('../fixtures/openai/lmstudio-api-v1-models.json', import.meta.url), 'utf8')) as { _source?: string; models: { key: string }[] };

/** The models LM Studio's REST API lists in the recorded answer, listed at /v1/models too. */
export const LMSTUDIO_MODELS = lmStudioFixture().models.map((m) => m.key);

/** LM Studio 0.4's GET /api/v1/models (test/fixtures/openai/lmstudio-api-v1-models.json, source named there). */
export function lmStudioRestModels(): unknown {
  const { _source: _, ...list } = lmStudioFixture();
  return list;
}

function groqModels(): unknown {
  const { _source: _, ...list } = JSON.parse(readFileSync(new URL('../fixtures/openai/groq-models.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  return list;
}
