import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { createCatalog } from '../../lib/catalog/catalog';
import { BUNDLED_CATALOG } from '../../lib/catalog/snapshot';
import { createGateway, type ProviderConfig } from '../../lib/gateway';
import { startMockProvider, type Format as MockFormat, type MockProvider } from '../mock-provider/server';

/** The four wire formats measured (Azure's is OpenAI's on other URLs; Bedrock's is measured by its tests). */
type Format = Exclude<MockFormat, 'azure' | 'bedrock'>;
import { interleave, median, ms, percentile, type Result } from './stats';

const CHUNKS = 2_000;
const ROUNDS = 25;

async function drainSse(body: ReadableStream<Uint8Array>): Promise<number> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).pipeThrough(new EventSourceParserStream()).getReader();
  let events = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    if (value.data !== '[DONE]') JSON.parse(value.data);
    events++;
  }
}

/** The text of an OpenAI-format stream, every event parsed. */
async function openAiText(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).pipeThrough(new EventSourceParserStream()).getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    if (value.data !== '[DONE]') text += (JSON.parse(value.data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '';
  }
}

async function drainLines(body: ReadableStream<Uint8Array>): Promise<number> {
  const text = await new Response(body).text();
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    JSON.parse(line);
    n++;
  }
  return n;
}

/** The upstream request the gateway itself sends for an OpenAI-format stream. */
const openAiRequest = (mock: MockProvider): [string, RequestInit] => [
  `${mock.baseUrl('openai')}/chat/completions`,
  { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'go' }] }) },
];

const text = Array.from({ length: CHUNKS }, (_, i) => `w${i} `).join('');

function direct(mock: MockProvider, format: Format): () => Promise<unknown> {
  const requests: Record<Format, () => [string, RequestInit]> = {
    openai: () => openAiRequest(mock),
    anthropic: () => [`${mock.baseUrl('anthropic')}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 4096, stream: true, messages: [{ role: 'user', content: 'go' }] }) }],
    gemini: () => [`${mock.baseUrl('gemini')}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, { method: 'POST', headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'go' }] }] }) }],
    ollama: () => [`${mock.baseUrl('ollama')}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'llama3.2', stream: true, messages: [{ role: 'user', content: 'go' }] }) }],
  };
  return async () => {
    mock.script(format, { text, chunks: CHUNKS });
    const [url, init] = requests[format]();
    const response = await fetch(url, init);
    return format === 'ollama' ? drainLines(response.body!) : drainSse(response.body!);
  };
}

const MODEL: Record<Format, string> = { openai: 'openai/gpt-4o-mini', anthropic: 'anthropic/claude-sonnet-4-5', gemini: 'google/gemini-2.5-flash', ollama: 'ollama/llama3.2' };

function providersFor(mock: MockProvider): ProviderConfig[] {
  return [
    { id: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'k' },
    { id: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic'), apiKey: 'k' },
    { id: 'google', kind: 'gemini', baseUrl: mock.baseUrl('gemini'), apiKey: 'k' },
    { id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') },
    { id: 'dead', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' },
    { id: 'flaky', kind: 'openai', baseUrl: mock.baseUrl('openai', 'flaky'), apiKey: 'k' },
  ];
}

export async function gatewayBenchmarks(): Promise<Result[]> {
  const mock = await startMockProvider();
  const gateway = createGateway({ providers: providersFor(mock), catalog: createCatalog(BUNDLED_CATALOG), retry: { maxRetries: 0 } });
  const viaGateway = (format: Format, stream = true, extra: Record<string, unknown> = {}) => async () => {
    if (stream) mock.script(format, { text, chunks: CHUNKS });
    const response = await gateway.fetch(
      new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: MODEL[format], stream, messages: [{ role: 'user', content: 'go' }], ...extra }) }),
    );
    return stream ? drainSse(response.body!) : response.json();
  };
  const results: Result[] = [];

  // Streaming: 2,000 chunks, directly vs through the gateway (and vs the AI SDK for the OpenAI format).
  const sdk = createOpenAICompatible({ name: 'mock', baseURL: mock.baseUrl('openai'), apiKey: 'k' });
  const viaAiSdk = async () => {
    mock.script('openai', { text, chunks: CHUNKS });
    const result = streamText({ model: sdk('gpt-4o-mini'), prompt: 'go' });
    let n = 0;
    for await (const _part of result.textStream) n++;
    return n;
  };
  for (const format of ['openai', 'anthropic', 'gemini'] as const) {
    const events = { direct: await direct(mock, format)(), gateway: await viaGateway(format)() };
    // Only the two compared runs alternate: another variant's garbage would be collected during theirs.
    const timings = await interleave(ROUNDS, { direct: direct(mock, format), gateway: viaGateway(format) });
    const base = median(timings.direct);
    const through = median(timings.gateway);
    // The issue sets the 1.10× goal for the OpenAI format; the other formats, converted to it, are reported.
    const goal = format === 'openai' ? '≤ 1.10×' : 'reported';
    // The gateway passes deltas that arrive in one network read on as one chunk, so its reader parses fewer events.
    const name = `${format}: 2,000-chunk stream through gateway.fetch (reader parsed ${events.gateway} events, ${events.direct} direct)`;
    results.push({ group: 'Gateway overhead, streaming', name, value: ms(through), baseline: `${ms(base)} direct fetch + eventsource-parser`, ratio: through / base, goal, met: format !== 'openai' || through / base <= 1.1 });
    if (format === 'openai') {
      // The gateway's own work, whatever the reader does: both bodies read as bytes, nothing parsed.
      const bytes = await interleave(ROUNDS, {
        direct: async () => {
          mock.script('openai', { text, chunks: CHUNKS });
          const [url, init] = openAiRequest(mock);
          return (await fetch(url, init)).arrayBuffer();
        },
        gateway: async () => {
          mock.script('openai', { text, chunks: CHUNKS });
          return (await gateway.fetch(new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: MODEL.openai, stream: true, messages: [{ role: 'user', content: 'go' }] }) }))).arrayBuffer();
        },
      });
      const [rawDirect, rawGateway] = [median(bytes.direct), median(bytes.gateway)];
      results.push({ group: 'Gateway overhead, streaming', name: 'openai: the same stream read as bytes, unparsed (the gateway’s own work)', value: ms(rawGateway), baseline: `${ms(rawDirect)} direct fetch`, ratio: rawGateway / rawDirect, goal: 'reported', met: true });
      const vsSdk = await interleave(ROUNDS, { gateway: viaGateway(format), aiSdk: viaAiSdk });
      const ai = median(vsSdk.aiSdk);
      const ours = median(vsSdk.gateway);
      results.push({ group: 'Gateway overhead, streaming', name: 'openai: the same stream through the Vercel AI SDK (streamText)', value: ms(ai), baseline: `${ms(ours)} Switchyard gateway`, ratio: ai / ours, goal: 'Switchyard faster', met: ours < ai });
    }
  }

  // Non-stream: 2,000 requests each way, interleaved; the overhead is the difference of the medians.
  const N = 2_000;
  const directJson = async () => (await fetch(`${mock.baseUrl('openai')}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'go' }] }) })).json();
  const timings = await interleave(N, { direct: directJson, gateway: viaGateway('openai', false) });
  const added = median(timings.gateway) - median(timings.direct);
  const addedP99 = percentile(timings.gateway, 99) - percentile(timings.direct, 99);
  results.push({ group: 'Gateway overhead, non-stream', name: `median added per request (${N.toLocaleString('en-US')} requests)`, value: ms(added), baseline: `${ms(median(timings.direct))} direct`, goal: '< 0.3 ms', met: added < 0.3 });
  results.push({ group: 'Gateway overhead, non-stream', name: 'p99 added per request', value: ms(addedP99), baseline: `${ms(percentile(timings.direct, 99))} direct p99`, goal: 'reported', met: true });

  // Fail-over: time to the secondary's first token, minus the secondary alone.
  const firstToken = async (body: Record<string, unknown>) => {
    const started = performance.now();
    const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'go' }], ...body }) }));
    const reader = response.body!.getReader();
    await reader.read();
    const elapsed = performance.now() - started;
    await reader.cancel();
    return elapsed;
  };
  const failover: Record<string, number[]> = { alone: [], refused: [], '503': [] };
  for (let i = 0; i < 60; i++) {
    failover.alone!.push(await firstToken({ model: 'openai/gpt-4o-mini' }));
    failover.refused!.push(await firstToken({ model: 'dead/gpt-4o-mini', models: ['openai/gpt-4o-mini'] }));
    mock.script('openai', { target: 'flaky', fault: { type: 'status', status: 503 } });
    failover['503']!.push(await firstToken({ model: 'flaky/gpt-4o-mini', models: ['openai/gpt-4o-mini'] }));
  }
  const alone = median(failover.alone!);
  for (const kind of ['refused', '503'] as const) {
    const extra = median(failover[kind]!) - alone;
    results.push({ group: 'Fail-over', name: kind === 'refused' ? 'primary refuses the connection → secondary first token' : 'primary answers 503 → secondary first token', value: `${extra < -0.005 ? '−' : '+'}${ms(Math.abs(extra))}`, baseline: `${ms(alone)} secondary alone`, goal: '< 5 ms', met: extra < 5 });
  }

  // 50 concurrent streams of 200 chunks.
  const shortText = Array.from({ length: 200 }, (_, i) => `w${i} `).join('');
  const concurrent = async (via: 'direct' | 'gateway') => {
    const jobs = Array.from({ length: 50 }, async () => {
      mock.script('openai', { text: shortText, chunks: 200 });
      if (via === 'direct') {
        const response = await fetch(`${mock.baseUrl('openai')}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'go' }] }) });
        return openAiText(response.body!);
      }
      const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'go' }] }) }));
      return openAiText(response.body!);
    });
    const texts = await Promise.all(jobs);
    if (!texts.every((t) => t === shortText)) throw new Error(`a concurrent stream came back incomplete (${via})`);
  };
  const conc = await interleave(5, { direct: () => concurrent('direct'), gateway: () => concurrent('gateway') });
  const concRatio = median(conc.gateway) / median(conc.direct);
  // Every stream was checked to complete (concurrent() throws otherwise); the ratio is reported.
  results.push({ group: 'Concurrency', name: '50 concurrent 200-chunk streams, all complete', value: ms(median(conc.gateway)), baseline: `${ms(median(conc.direct))} direct`, ratio: concRatio, goal: 'all complete; time reported', met: true });

  await mock.close();
  return results;
}
