import { maxCostOf } from '../catalog/pricing';
import { isEmbeddingModel } from '../catalog/schema';
import { adapterFor, badResponse, sendUpstream, tryInTurn } from './attempts';
import { answeredModel, answerHeaders, traceOf } from './answer-trace';
import type { ChatDeps } from './chat';
import { describeInvalid, failureResponse, readJsonBody, recorderFor, writeAhead } from './request-steps';
import { embeddingInputs, EmbeddingRequest, float32Base64, type EmbeddingInputs } from './embeddings-schema';
import { abortedError, badRequest } from './errors';
import { EMBEDDING_KINDS } from './providers';
import { emptyUsage, type EmbeddingCall } from './providers/types';
import { Recorder } from './recorder';
import { resolveCandidates, type Candidate } from './resolve';
import { mergeTimeouts } from './upstream';

const newId = () => `emb-${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;

function countInputs(inputs: EmbeddingInputs, deps: Pick<ChatDeps, 'tokenizer'>): number {
  if ('tokens' in inputs) return inputs.tokens.reduce((sum, t) => sum + t.length, 0);
  return inputs.texts.reduce((sum, text) => sum + deps.tokenizer.count(text), 0);
}

/**
 * The candidates that can embed: their wire format has an embeddings endpoint, the catalog does
 * not know the model as a chat model, and it makes vectors as long as asked for.
 */
function usableCandidates(candidates: Candidate[], request: EmbeddingRequest, recorder: Recorder | undefined): Candidate[] {
  const usable: Candidate[] = [];
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const model = candidate.entry?.model;
    let reason: string | undefined;
    if (!EMBEDDING_KINDS.has(candidate.provider.kind)) reason = `${candidate.provider.id} (${candidate.provider.kind} API) has no embeddings endpoint`;
    else if (model && !isEmbeddingModel(model)) reason = `${model.name} is a chat model, not an embedding model: use POST /chat/completions`;
    else if (request.dimensions && model?.dimensions && request.dimensions > model.dimensions) {
      reason = `${model.name} makes vectors of at most ${model.dimensions} dimensions, not ${request.dimensions}`;
    }
    if (reason) {
      reasons.push(reason);
      recorder?.skip(candidate, 'not_an_embedding_model', reason);
    } else usable.push(candidate);
  }
  if (usable.length === 0) throw badRequest(`No candidate can make embeddings: ${[...new Set(reasons)].join('; ')}.`, 'model', 'not_an_embedding_model');
  return usable;
}

/** Who may embed the request, what it counts and the most it can cost at the first of them. */
export function planEmbeddings(request: EmbeddingRequest, deps: Pick<ChatDeps, 'providers' | 'catalog' | 'tokenizer'>, recorder?: Recorder) {
  if ([request.model, ...(request.models ?? [])].includes('auto')) {
    throw badRequest('model "auto" picks chat models; name an embedding model (GET /models lists them).', 'model', 'auto_not_for_embeddings');
  }
  const inputs = embeddingInputs(request.input);
  const usable = usableCandidates(resolveCandidates(request, deps.providers, deps.catalog), request, recorder);
  const promptTokens = countInputs(inputs, deps);
  return { inputs, candidates: usable, promptTokens, maxCost: maxCostOf(promptTokens, 0, usable[0]!.entry?.pricing) };
}

/** POST …/embeddings: OpenAI's embeddings API over every provider with one, routed, priced and recorded like chat. */
export async function handleEmbeddings(httpRequest: Request, deps: ChatDeps): Promise<Response> {
  const startMark = deps.now();
  const source = httpRequest.headers.get('x-switchyard-source') ?? 'api';
  const { raw, error: jsonError } = await readJsonBody(httpRequest);
  const parsed = jsonError ? undefined : EmbeddingRequest.safeParse(raw);
  const recorder = recorderFor(httpRequest, raw, newId(), deps, startMark, 'embeddings');

  try {
    if (jsonError) throw jsonError;
    if (!parsed!.success) throw describeInvalid(parsed!.error);
    if (httpRequest.signal.aborted) throw abortedError();
    const request = parsed!.data;
    const { inputs, candidates, promptTokens, maxCost } = planEmbeddings(request, deps, recorder);
    const first = candidates[0]!;
    if (deps.beforeRequest) {
      await deps.beforeRequest({ id: recorder.id, request, source, candidates, promptTokens, maxCost, route: '' });
    }
    await writeAhead(deps.onStart, recorder, first, promptTokens);

    const expected = 'texts' in inputs ? inputs.texts.length : inputs.tokens.length;
    const { value, candidate, call, startedMark } = await tryInTurn(
      candidates,
      recorder,
      {
        signal: httpRequest.signal,
        now: deps.now,
        health: deps.health,
        retry: deps.retry,
        timeoutsFor: (c) => mergeTimeouts(deps.timeouts, c.provider.timeouts, undefined),
      },
      async (candidate, call) => {
        const wire = await adapterFor(candidate);
        const adapter = wire.embeddings;
        if (!adapter) throw new Error(`The ${candidate.provider.kind} adapter has no embeddings endpoint.`);
        const embeddingCall: EmbeddingCall = { provider: candidate.provider, model: candidate.model, inputs, ...(request.dimensions ? { dimensions: request.dimensions } : {}) };
        const upstream = await adapter.buildRequest(embeddingCall);
        call.waitHeaders();
        const response = await sendUpstream(upstream, call, deps.fetch, wire, candidate.provider.id);
        let json: unknown;
        try {
          json = await response.json();
        } catch {
          throw badResponse(candidate.provider.id, 'the body is not JSON');
        }
        const result = adapter.parseResponse(json, embeddingCall);
        if (result.vectors.length !== expected) throw badResponse(candidate.provider.id, `${result.vectors.length} embeddings for ${expected} inputs`);
        return result;
      },
    );
    call.dispose();
    recorder.markFirstToken();
    recorder.attempt(candidate, 'ok', startedMark);
    deps.health.success(candidate.provider.id, candidate.model, { ttftMs: deps.now() - startedMark });
    const usage = { ...emptyUsage(), prompt: value.promptTokens ?? promptTokens };
    const record = recorder.finish({ status: 'ok', candidate, usage, usageEstimated: value.promptTokens === undefined });
    const base64 = request.encoding_format === 'base64';
    const body = {
      object: 'list',
      data: value.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector })),
      model: answeredModel(candidate),
      provider: candidate.provider.id,
      usage: { prompt_tokens: usage.prompt, total_tokens: usage.prompt, cost: recorder.priceOf(usage, candidate.entry?.pricing).cost },
      ...(record ? { switchyard: traceOf(record) } : {}),
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...answerHeaders(candidate) } });
  } catch (caught) {
    return failureResponse(recorder, caught);
  }
}
