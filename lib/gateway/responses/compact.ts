import * as z from 'zod/mini';
import type { ChatDeps } from '../chat';
import { answerAsChat } from '../face-chat';
import { badRequest } from '../errors';
import type { ChatCompletion } from '../openai-schema';
import { describeInvalid, failureResponse, readJsonBody, recorderFor } from '../request-steps';
import { encodeCompaction } from './compaction';
import { conversationSoFar } from './handler';
import { listedItems } from './items';
import { toChatRequest } from './request';
import { responsesUsage } from './response';
import { InputItem, type ResponsesRequest } from './schema';
import { SOCKET_HEADER, socketStore } from './socket';
import type { ResponsesStorage } from './store';

const CompactRequest = z.looseObject({
  model: z.string().check(z.minLength(1, 'model is required')),
  input: z.nullish(z.union([z.string(), z.array(InputItem)])),
  previous_response_id: z.nullish(z.string()),
  instructions: z.nullish(z.string()),
  prompt_cache_key: z.nullish(z.string()),
});

/** Switchyard's own words to the model that writes the compaction. */
const SUMMARY_INSTRUCTIONS = [
  'This conversation is being compacted so that it can go on in less space.',
  'Write, for yourself, everything the rest of it will need: what the user asked for and why, decisions made, facts learned,',
  'the files, commands and tool results that still matter, and what is left to do. Keep names, numbers and paths exact.',
  'Do not answer the user or continue the work: write only the summary.',
].join(' ');

const isUserMessage = (item: Record<string, unknown>) => (item.type ?? 'message') === 'message' && item.role === 'user';

/**
 * POST …/responses/compact: the conversation (its input, and the stored turn it continues) handed
 * back shorter, as the Responses spec describes it: the user's own messages as they were, then one
 * compaction item holding the model's summary of everything else. The summary is written by the
 * model asked for, routed, priced and booked like any request.
 */
export async function handleCompact(httpRequest: Request, deps: ChatDeps, storage?: ResponsesStorage): Promise<Response> {
  const { raw, error } = await readJsonBody(httpRequest);
  const id = `resp_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  let items: Record<string, unknown>[];
  let body: Record<string, unknown>;
  try {
    if (error) throw error;
    const parsed = CompactRequest.safeParse(raw);
    if (!parsed.success) throw describeInvalid(parsed.error);
    const request = parsed.data;
    if (request.previous_response_id && !storage) {
      throw badRequest('previous_response_id needs responses stored by this gateway, and it keeps none: send the conversation as input.', 'previous_response_id', 'previous_response_not_supported');
    }
    const asked = { input: request.input ?? [], previous_response_id: request.previous_response_id ?? null } as Pick<ResponsesRequest, 'input' | 'previous_response_id'>;
    items = storage ? await conversationSoFar(asked, storage, socketStore(httpRequest.headers.get(SOCKET_HEADER))) : typeof asked.input === 'string' ? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: asked.input }] }] : (asked.input as Record<string, unknown>[]);
    if (items.length === 0) throw badRequest('There is nothing to compact: send the conversation as input, or name a stored response.', 'input');
    const summarise: ResponsesRequest = {
      model: request.model,
      instructions: SUMMARY_INSTRUCTIONS,
      input: [...(items as InputItem[]), { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Write the summary now.' }] }],
    };
    ({ body } = toChatRequest(summarise));
  } catch (caught) {
    return failureResponse(recorderFor(httpRequest, raw, id, deps, deps.now(), 'responses'), caught);
  }
  const chat = await answerAsChat(httpRequest, deps, { ...body, stream: false }, 'responses');
  if (!chat.ok) return chat;
  const completion = (await chat.json()) as ChatCompletion;
  const output = [
    ...listedItems(items.filter(isUserMessage), id),
    { id: `cmp_${id.replace(/^resp_/, '')}`, type: 'compaction', encrypted_content: encodeCompaction(completion.choices[0]?.message.content ?? '') },
  ];
  return Response.json({ id, object: 'response.compaction', created_at: completion.created, output, usage: responsesUsage(completion.usage) });
}
