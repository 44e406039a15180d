import * as z from 'zod/mini';
import { asGatewayError, badRequest, errorResponse, GatewayError } from './errors';
import { emptyUsage } from './providers/types';
import type { Endpoint, UsageRecord } from './record';
import { Recorder } from './recorder';
import type { Candidate } from './resolve';

/** The web page a page-API request came from (the background sets it), kept in the request's record. */
export const SITE_HEADER = 'x-switchyard-site';

/** Steps every endpoint of the gateway takes alike: reading the body, the write-ahead row, the failure answer. */

export async function readJsonBody(request: Request): Promise<{ raw: unknown; error?: GatewayError }> {
  try {
    return { raw: await request.json() };
  } catch {
    return { raw: undefined, error: badRequest('The request body is not valid JSON.') };
  }
}

/** The recorder of one request, with the model and streaming its body asks for (before it is validated). */
export function recorderFor(
  httpRequest: Request,
  raw: unknown,
  id: string,
  deps: { now: () => number; onRecord?: (record: UsageRecord) => unknown; keepDetails?: boolean },
  startMark: number,
  endpoint?: Endpoint,
  /** For a face's request: the body as it came, `raw` being the chat request it became. */
  received?: unknown,
): Recorder {
  const body = (raw ?? {}) as { model?: unknown; stream?: unknown };
  return new Recorder(
    {
      id,
      startedAt: Date.now(),
      source: httpRequest.headers.get('x-switchyard-source') ?? 'api',
      ...(httpRequest.headers.get(SITE_HEADER) ? { site: httpRequest.headers.get(SITE_HEADER)! } : {}),
      stream: body.stream === true,
      requestedModel: typeof body.model === 'string' ? body.model : '',
      ...(endpoint ? { endpoint } : {}),
    },
    deps.now,
    startMark,
    deps.onRecord,
    deps.keepDetails ? (received === undefined ? { received: raw } : { received, asChat: raw }) : undefined,
  );
}

export function describeInvalid(error: z.core.$ZodError): GatewayError {
  const issue = error.issues[0];
  const param = issue?.path.join('.') || undefined;
  return badRequest(`Invalid request: ${z.prettifyError(error).replace(/\n/g, '; ')}`, param);
}

/**
 * Write-ahead: the request is on record before anything is sent, so a worker stopped
 * mid-request leaves a row to settle instead of nothing. A failed write refuses the request.
 */
export async function writeAhead(onStart: ((record: UsageRecord) => void | Promise<void>) | undefined, recorder: Recorder, candidate: Candidate | undefined, promptTokens: number) {
  if (!onStart) return;
  try {
    await onStart(recorder.snapshot({ candidate, usage: { ...emptyUsage(), prompt: promptTokens }, usageEstimated: true }));
  } catch (error) {
    throw new GatewayError(500, 'api_error', 'ledger_unavailable', `Switchyard could not record the request before sending it, so it was not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Ends a failed request's record and answers with the error in OpenAI's shape. */
export function failureResponse(recorder: Recorder, caught: unknown): Response {
  const error = asGatewayError(caught);
  recorder.finish({ status: error.code === 'aborted' ? 'aborted' : 'error', error });
  const retryAfter = error.extra.retryAfterMs;
  return errorResponse(error, retryAfter !== undefined ? { 'retry-after': String(Math.ceil(retryAfter / 1000)) } : {});
}
