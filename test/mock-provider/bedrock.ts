import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { Answer } from './behavior';
import { mockVector } from './embeddings';
import { isSignatureOf, signatureOf } from './signatures';
import { textOf, WireError, type MockRequest, type WireFormat } from './wire';

/**
 * Amazon Bedrock's Converse and ConverseStream, as bedrock-runtime answers them: requests signed
 * with SigV4 (checked here with Smithy's signer, the AWS SDKs' own, so a wrong signature is a 403
 * as on AWS) or a Bedrock API key; Converse's turn rules; answers as JSON or as binary
 * event-stream frames (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html).
 */
export const BEDROCK_CREDENTIALS: Record<string, string> = { AKIDMOCKEXAMPLE: 'mock/secret+key/EXAMPLE' };
export const BEDROCK_API_KEY = 'ABSKmockbedrockapikey';
const MODELS = ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0', 'us.amazon.nova-micro-v1:0', 'us.meta.llama3-3-70b-instruct-v1:0', 'mistral.mistral-large-2407-v1:0'];

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const awsError = (status: number, type: string, message: string) => new WireError(status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
const modelOf = (req: MockRequest) => decodeURIComponent(/^\/model\/([^/]+)\//.exec(req.path)?.[1] ?? '');

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Checks a SigV4 signature as AWS does: recomputed over the headers it names, with the secret of its key id. */
export async function checkSignature(req: MockRequest): Promise<WireError | undefined> {
  const auth = String(req.headers.authorization ?? '');
  if (auth.startsWith('Bearer ')) return auth === `Bearer ${BEDROCK_API_KEY}` ? undefined : awsError(403, 'AccessDeniedException', 'Invalid API Key format: Must start with pre-defined prefix');
  const match = AUTH.exec(auth);
  if (!match) return awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, accessKeyId, , region, service, signedHeaders, signature] = match;
  const secret = BEDROCK_CREDENTIALS[accessKeyId!];
  if (!secret) return awsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (service !== 'bedrock') return awsError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: 'bedrock'.`);
  const headers = Object.fromEntries(signedHeaders!.split(';').map((name) => [name, String(req.headers[name] ?? '')]));
  const date = String(req.headers['x-amz-date'] ?? '');
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const token = req.headers['x-amz-security-token'];
  const signer = new SignatureV4({ credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret, ...(token ? { sessionToken: String(token) } : {}) }, region: region!, service: 'bedrock', sha256: Sha256, applyChecksum: false });
  const [hostname, port] = String(req.headers.host).split(':');
  const signed = await signer.sign({ method: req.method, protocol: 'http:', hostname: hostname!, port: Number(port), path: req.rawPath ?? req.path, query: Object.fromEntries(req.query), headers, ...(req.method === 'GET' ? {} : { body: req.raw ?? '' }) }, { signingDate });
  if (!String(signed.headers.authorization).endsWith(`Signature=${signature}`)) {
    return awsError(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return undefined;
}

type Block = { text?: string; toolUse?: { toolUseId: string }; toolResult?: { toolUseId: string }; reasoningContent?: { reasoningText?: { text: string; signature?: string } } };

/** Converse's rules on the conversation, with its own error texts. */
function checkConversation(body: Record<string, unknown>, model: string): WireError | undefined {
  const messages = body.messages as { role?: string; content?: Block[] }[] | undefined;
  if (!Array.isArray(messages) || messages.length === 0) return awsError(400, 'ValidationException', 'The value at messages must contain at least one message.');
  if (messages[0]!.role !== 'user') return awsError(400, 'ValidationException', 'A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  for (const [i, message] of messages.entries()) {
    if (i > 0 && message.role === messages[i - 1]!.role) {
      return awsError(400, 'ValidationException', 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.');
    }
    const results = (message.content ?? []).filter((b) => b.toolResult).length;
    const uses = i > 0 ? (messages[i - 1]!.content ?? []).filter((b) => b.toolUse).length : 0;
    if (results > uses) return awsError(400, 'ValidationException', `The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`);
    for (const block of message.content ?? []) {
      const thought = block.reasoningContent?.reasoningText;
      if (thought && !isSignatureOf(thought.signature, 'bedrock', thought.text)) return awsError(400, 'ValidationException', `messages.${i}.content: Invalid signature in thinking block`);
    }
  }
  // Anthropic's rule, passed on by Bedrock: while thinking, the last tool turn must start with its thinking.
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  const last = messages[lastAssistant];
  if ((body.additionalModelRequestFields as { thinking?: unknown } | undefined)?.thinking && last?.content?.some((b) => b.toolUse) && !last.content[0]?.reasoningContent) {
    return awsError(400, 'ValidationException', `messages.${lastAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`tool_use\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`);
  }
  if (!MODELS.includes(model)) {
    if (MODELS.includes(`us.${model}`)) {
      return awsError(400, 'ValidationException', `Invocation of model ID ${model} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`);
    }
    return awsError(400, 'ValidationException', 'The provided model identifier is invalid.');
  }
  return undefined;
}

const STOP: Record<Answer['finish'], string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'content_filtered' };
const usageOf = (answer: Answer) => ({ inputTokens: answer.usage.prompt, outputTokens: answer.usage.completion, totalTokens: answer.usage.prompt + answer.usage.completion });
/** Claude on Bedrock thinks when asked to, through additionalModelRequestFields. */
const thinks = (model: string, req: MockRequest) => model.includes('anthropic.claude') && Boolean((req.body.additionalModelRequestFields as { thinking?: unknown } | undefined)?.thinking);

function frame(eventType: string, payload: unknown, messageType = 'event'): Uint8Array {
  const typeHeader = messageType === 'exception' ? ':exception-type' : ':event-type';
  return codec.encode({
    headers: { [typeHeader]: { type: 'string', value: eventType }, ':content-type': { type: 'string', value: 'application/json' }, ':message-type': { type: 'string', value: messageType } },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

export const bedrockWire: WireFormat = {
  check(req) {
    const model = modelOf(req);
    return checkConversation(req.body, model) ?? { model };
  },
  promptText(req) {
    const messages = (req.body.messages ?? []) as { role: string; content: Block[] }[];
    const system = ((req.body.system ?? []) as { text?: string }[]).map((b) => b.text ?? '').join('\n');
    const all = [system, ...messages.map((m) => textOf(m.content))].join('\n');
    return { all, lastUser: textOf([...messages].reverse().find((m) => m.role === 'user')?.content) };
  },
  isStream: (req) => req.path.endsWith('/converse-stream'),
  errorBody: (status, message) => ({ message: message || `Mock fault ${status}` }),
  complete(answer, req) {
    const content: unknown[] = [];
    if (answer.reasoning && thinks(answer.model, req)) content.push({ reasoningContent: { reasoningText: { text: answer.reasoning, signature: signatureOf('bedrock', answer.reasoning) } } });
    if (answer.text) content.push({ text: answer.text });
    for (const call of answer.toolCalls) content.push({ toolUse: { toolUseId: `tooluse_${call.id}`, name: call.name, input: call.arguments } });
    return { output: { message: { role: 'assistant', content } }, stopReason: STOP[answer.finish], usage: usageOf(answer), metrics: { latencyMs: 321 } };
  },
  streamFrames(answer, req) {
    const frames = [frame('messageStart', { role: 'assistant', p: 'abcdefgh' })];
    let index = 0;
    if (answer.reasoning && thinks(answer.model, req)) {
      frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text: answer.reasoning } } }));
      frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: signatureOf('bedrock', answer.reasoning) } } }));
      frames.push(frame('contentBlockStop', { contentBlockIndex: index++ }));
    }
    if (answer.pieces.length) {
      for (const piece of answer.pieces) frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }));
      frames.push(frame('contentBlockStop', { contentBlockIndex: index++ }));
    }
    for (const call of answer.toolCalls) {
      frames.push(frame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: `tooluse_${call.id}`, name: call.name } } }));
      const input = JSON.stringify(call.arguments);
      const half = Math.ceil(input.length / 2);
      for (const part of [input.slice(0, half), input.slice(half)]) frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: part } } }));
      frames.push(frame('contentBlockStop', { contentBlockIndex: index++ }));
    }
    frames.push(frame('messageStop', { stopReason: STOP[answer.finish] }));
    frames.push(frame('metadata', { usage: usageOf(answer), metrics: { latencyMs: 321 } }));
    return frames;
  },
  streamError: (message) => frame('throttlingException', { message }, 'exception'),
  // A frame whose message CRC does not match its bytes.
  malformed: (() => {
    const bytes = frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'broken' } });
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    return bytes;
  })(),
  contentType: 'application/vnd.amazon.eventstream',
  listModels: () => ({
    modelSummaries: MODELS.map((id) => ({ modelId: id.replace(/^us\./, ''), modelName: id.split('.')[2] ?? id, providerName: id.split('.')[1], inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true })),
  }),
};

/** InvokeModel on Cohere Embed (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html). */
export function bedrockEmbed(req: MockRequest): unknown {
  const model = modelOf(req);
  if (!['cohere.embed-english-v3', 'cohere.embed-multilingual-v3'].includes(model)) return awsError(400, 'ValidationException', 'The provided model identifier is invalid.');
  const { texts, input_type: inputType } = req.body as { texts?: unknown; input_type?: unknown };
  if (inputType === undefined) return awsError(400, 'ValidationException', 'Malformed input request: #: required key [input_type] not found, please reformat your input and try again.');
  if (!Array.isArray(texts) || texts.length === 0 || texts.length > 96 || texts.some((t) => typeof t !== 'string')) {
    return awsError(400, 'ValidationException', 'Malformed input request: #/texts: expected between 1 and 96 strings, please reformat your input and try again.');
  }
  return { id: 'mock-embed-1', response_type: 'embeddings_floats', texts, embeddings: (texts as string[]).map((t) => mockVector(t, 1024)) };
}
