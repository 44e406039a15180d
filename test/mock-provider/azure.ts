import type { MockRequest } from './wire';
import { openAiEmbed } from './embeddings';
import { openAiWire } from './openai';
import { textOf, WireError, type WireFormat } from './wire';

/**
 * Azure OpenAI's data plane as a resource answers it: deployments under
 * /openai/deployments/{name}/…?api-version=…, the key in an `api-key` header, Azure's error
 * bodies, and content filter results on prompts and answers
 * (https://learn.microsoft.com/azure/ai-foundry/openai/reference, …/concepts/content-filter).
 */
export const AZURE_DEPLOYMENTS: Record<string, string> = { 'gpt-4o-prod': 'gpt-4o', 'mini-prod': 'gpt-4o-mini', 'embed-small': 'text-embedding-3-small' };
/** A prompt holding this is refused by the mock's content filter, as a violent one would be. */
export const FILTERED_PROMPT = 'FILTER-ME';

const SAFE = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };

const azureError = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => new WireError(status, { error: { code, message, ...extra } });

const deploymentOf = (req: MockRequest) => /^\/openai\/deployments\/([^/]+)\//.exec(req.path)?.[1] ?? '';

/** What every Azure request must get right before its body matters: the api-version, the key, the deployment. */
function checkAccess(req: MockRequest): WireError | { model: string } {
  if (!req.query.get('api-version')) return azureError(404, '404', 'Resource not found');
  const key = req.headers['api-key'];
  if (!key) return azureError(401, '401', 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.');
  if (/bad/.test(String(key))) {
    return azureError(401, '401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
  }
  const model = AZURE_DEPLOYMENTS[deploymentOf(req)];
  if (!model) return azureError(404, 'DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.');
  return { model };
}

export const azureWire: WireFormat = {
  check(req) {
    const access = checkAccess(req);
    if (access instanceof WireError) return access;
    const messages = req.body.messages as { content?: unknown }[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0) return new WireError(400, { error: { message: "[] is too short - 'messages'", type: 'invalid_request_error', param: 'messages', code: null } });
    if (messages.some((m) => textOf(m.content).includes(FILTERED_PROMPT))) {
      return new WireError(400, {
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { ...SAFE, violence: { filtered: true, severity: 'medium' } } },
        },
      });
    }
    return access;
  },
  promptText: openAiWire.promptText,
  isStream: openAiWire.isStream,
  errorBody: (status, message) => azureError(status, String(status), message).body,
  complete(answer, req) {
    const body = openAiWire.complete(answer, req) as { choices: Record<string, unknown>[] };
    return { ...body, prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }], choices: body.choices.map((c) => ({ ...c, content_filter_results: SAFE })) };
  },
  streamFrames(answer, req) {
    // Azure opens a stream with the prompt's filter results, in a chunk without choices.
    const opening = `data: ${JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }] })}\n\n`;
    return [opening, ...openAiWire.streamFrames(answer, req)];
  },
  streamError: openAiWire.streamError,
  malformed: openAiWire.malformed,
  contentType: 'text/event-stream',
  listModels: () => azureError(404, '404', 'Resource not found'),
};

/** POST /openai/deployments/{name}/embeddings: OpenAI's embeddings on the deployed model. */
export function azureEmbed(req: MockRequest): unknown {
  const access = checkAccess(req);
  if (access instanceof WireError) return access;
  return openAiEmbed({ ...req, headers: { ...req.headers, authorization: 'Bearer azure' }, body: { ...req.body, model: access.model } });
}
