import type { ChatDeps } from '../chat';
import { answerAsChat, answerHeaders } from '../face-chat';
import { asGatewayError } from '../errors';
import type { ChatCompletion } from '../openai-schema';
import { planRequest } from '../plan';
import { ChatRequest } from '../openai-schema';
import { describeInvalid, readJsonBody, recorderFor } from '../request-steps';
import { SSE_HEADERS } from '../sse';
import { anthropicError, toAnthropicErrorResponse } from './errors';
import { toChatRequest } from './request';
import { fromChatCompletion } from './response';
import { CountTokensRequest, MessagesRequest } from './schema';
import { messagesEventStream } from './stream';

function errorAnswer(caught: unknown): Response {
  const error = asGatewayError(caught);
  return Response.json(anthropicError(error.status, error.message), { status: error.status });
}

/**
 * POST …/messages: the Anthropic Messages API served on top of any provider. The request becomes a
 * chat completion (routed, priced, budgeted, recorded once, marked "messages"), and its answer or
 * stream comes back as a Message, so Claude Code or the Anthropic SDK can use any model.
 */
export async function handleMessages(httpRequest: Request, deps: ChatDeps): Promise<Response> {
  const { raw, error } = await readJsonBody(httpRequest);
  let request: MessagesRequest;
  let converted: ReturnType<typeof toChatRequest>;
  try {
    if (error) throw error;
    const parsed = MessagesRequest.safeParse(raw);
    if (!parsed.success) throw describeInvalid(parsed.error);
    request = parsed.data;
    converted = toChatRequest(request);
  } catch (caught) {
    // Refused before it became a chat request: still one ledger row, as for every request.
    const recorder = recorderFor(httpRequest, raw, `msg_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`, deps, deps.now(), 'messages');
    recorder.finish({ status: 'error', error: asGatewayError(caught) });
    return errorAnswer(caught);
  }

  const chat = await answerAsChat(httpRequest, deps, converted.body, 'messages', raw);
  if (!chat.ok) return toAnthropicErrorResponse(chat);
  const headers = answerHeaders(chat);
  // Server tools (Anthropic's web search, its code execution…) run nowhere here: the answer says which were left out.
  const leftOut = [...converted.leftOut, ...(headers['x-switchyard-tools-left-out']?.split(', ') ?? [])];
  if (leftOut.length) headers['x-switchyard-tools-left-out'] = [...new Set(leftOut)].join(', ');
  if (!request.stream) return Response.json(fromChatCompletion((await chat.json()) as ChatCompletion), { headers });
  return new Response(messagesEventStream(chat.body!, request.model), { status: 200, headers: { ...SSE_HEADERS, ...headers } });
}

/** POST …/messages/count_tokens: the prompt's tokens as the gateway counts them for the model's routing. */
export async function handleCountTokens(httpRequest: Request, deps: ChatDeps): Promise<Response> {
  try {
    const { raw, error } = await readJsonBody(httpRequest);
    if (error) throw error;
    const parsed = CountTokensRequest.safeParse(raw);
    if (!parsed.success) throw describeInvalid(parsed.error);
    const { body } = toChatRequest({ ...parsed.data, max_tokens: parsed.data.max_tokens ?? 1, stream: false });
    const chat = ChatRequest.safeParse(body);
    if (!chat.success) throw describeInvalid(chat.error);
    if (deps.tokenizer.load) await deps.tokenizer.load();
    return Response.json({ input_tokens: planRequest(chat.data, deps).promptTokens });
  } catch (caught) {
    return errorAnswer(caught);
  }
}
