import type { ChatDeps } from '../chat';
import { answerAsChat, answerHeaders } from '../face-chat';
import type { ChatCompletion } from '../openai-schema';
import { GatewayError } from '../errors';
import { describeInvalid, failureResponse, readJsonBody, recorderFor } from '../request-steps';
import { SSE_HEADERS } from '../sse';
import { toChatRequest } from './request';
import { fromChatCompletion, STORED } from './response';
import { ResponsesRequest, type InputItem } from './schema';
import { SOCKET_HEADER, socketStore } from './socket';
import { checkToolOutputs, listedItems } from './items';
import type { ResponseStore, ResponsesStorage, StoredResponse } from './store';
import { responsesEventStream } from './stream';

/**
 * POST …/responses: the Responses API served on top of any provider. The request becomes a chat
 * completion (routed, priced, recorded once, marked "responses"), and its answer or stream comes
 * back in the Responses shape, so a Responses client (the openai SDK's responses.create, the
 * Agents SDK) can use Claude, Gemini or a local model.
 */
export async function handleResponses(httpRequest: Request, deps: ChatDeps, storage?: ResponsesStorage): Promise<Response> {
  const { raw, error } = await readJsonBody(httpRequest);
  let request: ResponsesRequest;
  let chatBody: Record<string, unknown>;
  let leftOut: string[];
  let input: Record<string, unknown>[] = [];
  // A WebSocket's own responses, store: false ones too, for previous_response_id on that socket.
  const connection = socketStore(httpRequest.headers.get(SOCKET_HEADER));
  try {
    if (error) throw error;
    const parsed = ResponsesRequest.safeParse(raw);
    if (!parsed.success) throw describeInvalid(parsed.error);
    request = parsed.data;
    let answered = request;
    if (storage || connection) {
      input = await conversationSoFar(request, storage, connection);
      answered = { ...request, input: input as InputItem[], previous_response_id: null };
      if (request.store !== false) STORED.add(request);
    } else if (typeof request.input !== 'string') checkToolOutputs(request.input);
    ({ body: chatBody, leftOut } = toChatRequest(answered));
  } catch (caught) {
    // Refused before it became a chat request: still one ledger row, as for every request.
    const recorder = recorderFor(httpRequest, raw, `resp_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`, deps, deps.now(), 'responses');
    await forgetContinued(connection, raw, storage);
    return failureResponse(recorder, caught);
  }

  const chat = await answerAsChat(httpRequest, deps, chatBody, 'responses', raw);
  // Errors are OpenAI-shaped already, and the Responses API words them the same way.
  if (!chat.ok) {
    await forgetContinued(connection, raw, storage);
    return chat;
  }
  const headers = answerHeaders(chat);
  // Hosted tools (web search) run nowhere here: the answer says which were left out.
  const allLeftOut = [...leftOut, ...(headers['x-switchyard-tools-left-out']?.split(', ') ?? [])];
  if (allLeftOut.length) headers['x-switchyard-tools-left-out'] = [...new Set(allLeftOut)].join(', ');
  const stored = storage && STORED.has(request) ? storage : undefined;
  const keep =
    stored || connection
      ? async (response: Record<string, unknown>) => {
          const record = recordOf(storage?.owner ?? SOCKET_OWNER, input, response);
          await Promise.all([connection?.put(record), stored?.store.put(record)]);
        }
      : undefined;
  if (!request.stream) {
    const body = fromChatCompletion(request, (await chat.json()) as ChatCompletion);
    await keep?.(body);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  }
  const extra = () => ({ provider: headers['x-switchyard-provider'] ?? null });
  return new Response(responsesEventStream(request, chat.body!, extra, keep), { status: 200, headers: { ...SSE_HEADERS, ...headers } });
}

/** The whole conversation a request continues: the stored turn it names (its input and output), then its own input. */
export async function conversationSoFar(
  request: Pick<ResponsesRequest, 'input' | 'previous_response_id'>,
  storage: ResponsesStorage | undefined,
  connection?: ResponseStore,
): Promise<Record<string, unknown>[]> {
  const own: Record<string, unknown>[] =
    typeof request.input === 'string' ? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: request.input }] }] : (request.input as Record<string, unknown>[]);
  if (!request.previous_response_id) {
    checkToolOutputs(own);
    return own;
  }
  const owner = storage?.owner ?? SOCKET_OWNER;
  const prior = (await connection?.get(request.previous_response_id, owner)) ?? (await storage?.store.get(request.previous_response_id, owner));
  if (!prior) {
    throw new GatewayError(400, 'invalid_request_error', 'previous_response_not_found', `Previous response with id '${request.previous_response_id}' not found.`, { param: 'previous_response_id' });
  }
  const conversation = [...prior.input, ...prior.response.output, ...own];
  checkToolOutputs(conversation);
  return conversation;
}

/**
 * A failed continuation on a socket drops the response it continued from the socket's own
 * responses, as the spec's WebSocket mode asks: the client starts over rather than build on a turn
 * it cannot be sure of. A stored response stays readable by its id.
 */
async function forgetContinued(connection: ResponseStore | undefined, raw: unknown, storage: ResponsesStorage | undefined): Promise<void> {
  const previous = (raw as { previous_response_id?: unknown } | null)?.previous_response_id;
  if (connection && typeof previous === 'string') await connection.delete(previous, storage?.owner ?? SOCKET_OWNER);
}

/** A socket's responses when the gateway keeps none of its own belong to the socket alone. */
const SOCKET_OWNER = 'socket';

function recordOf(owner: string, input: Record<string, unknown>[], response: Record<string, unknown>): StoredResponse {
  const id = String(response.id);
  return { id, owner, createdAt: Number(response.created_at) || Math.floor(Date.now() / 1000), input: listedItems(input, id), response: response as StoredResponse['response'] };
}
