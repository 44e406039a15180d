import { handleChatCompletions, type ChatDeps } from '../chat';
import type { ChatCompletion } from '../openai-schema';
import { describeInvalid, failureResponse, readJsonBody, recorderFor } from '../request-steps';
import { SSE_HEADERS } from '../sse';
import { toChatRequest } from './request';
import { fromChatCompletion } from './response';
import { ResponsesRequest } from './schema';
import { responsesEventStream } from './stream';

const ANSWER_HEADERS = ['x-switchyard-provider', 'x-switchyard-model'];

function answerHeaders(response: Response): Record<string, string> {
  return Object.fromEntries(ANSWER_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
}

/**
 * POST …/responses: the Responses API served on top of any provider. The request becomes a chat
 * completion (routed, priced, recorded once, marked "responses"), and its answer or stream comes
 * back in the Responses shape, so a Responses client (the openai SDK's responses.create, the
 * Agents SDK) can use Claude, Gemini or a local model.
 */
export async function handleResponses(httpRequest: Request, deps: ChatDeps): Promise<Response> {
  const { raw, error } = await readJsonBody(httpRequest);
  let request: ResponsesRequest;
  let chatBody: Record<string, unknown>;
  let leftOut: string[];
  try {
    if (error) throw error;
    const parsed = ResponsesRequest.safeParse(raw);
    if (!parsed.success) throw describeInvalid(parsed.error);
    request = parsed.data;
    ({ body: chatBody, leftOut } = toChatRequest(request));
  } catch (caught) {
    // Refused before it became a chat request: still one ledger row, as for every request.
    const recorder = recorderFor(httpRequest, raw, `resp_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`, deps, deps.now(), 'responses');
    return failureResponse(recorder, caught);
  }

  const chat = await handleChatCompletions(
    new Request(httpRequest.url.replace(/\/responses(\/?)$/, '/chat/completions$1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-switchyard-source': httpRequest.headers.get('x-switchyard-source') ?? 'api' },
      body: JSON.stringify(chatBody),
      signal: httpRequest.signal,
    }),
    deps,
    { endpoint: 'responses' },
  );
  // Errors are OpenAI-shaped already, and the Responses API words them the same way.
  if (!chat.ok) return chat;
  const headers = answerHeaders(chat);
  // Hosted tools (web search) run nowhere here: the answer says which were left out.
  if (leftOut.length) headers['x-switchyard-tools-left-out'] = leftOut.join(', ');
  if (!request.stream) {
    const body = fromChatCompletion(request, (await chat.json()) as ChatCompletion);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  }
  const extra = () => ({ provider: headers['x-switchyard-provider'] ?? null });
  return new Response(responsesEventStream(request, chat.body!, extra), { status: 200, headers: { ...SSE_HEADERS, ...headers } });
}
