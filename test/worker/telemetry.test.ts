import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '../mock-provider/server';
import { startTeamGateway, type TeamGateway } from '../support/team-gateway';

/** An OTLP/HTTP collector in the test: keeps what it is sent; `hang` leaves requests unanswered. */
async function startCollector() {
  const received: { path: string; type: string; headers: IncomingMessage['headers']; body: Buffer }[] = [];
  const waiting: ServerResponse[] = [];
  let hang = false;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    if (hang) return void waiting.push(res);
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    set hang(value: boolean) {
      hang = value;
    },
    async next(path: string, after: number) {
      await expect.poll(() => received.slice(after).some((r) => r.path === path), { timeout: 10_000 }).toBe(true);
      return received.slice(after).find((r) => r.path === path)!;
    },
    close() {
      for (const res of waiting) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// The OpenTelemetry protocol's own message definitions (test/fixtures/otlp).
const otlp = new protobuf.Root();
otlp.resolvePath = (_origin, target) => join(__dirname, '../fixtures/otlp', target);
otlp.loadSync(['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto']);
const decode = (type: string, body: Buffer) => otlp.lookupType(type).toObject(otlp.lookupType(type).decode(body), { longs: String, bytes: String, enums: String, defaults: false }) as Record<string, unknown>;

interface Span {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: string | number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: string | number; message?: string };
}
const attr = (span: Span, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && (value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue ?? value.arrayValue);
};
const spansIn = (request: Record<string, unknown>) =>
  (request.resourceSpans as { scopeSpans: { spans: Span[] }[] }[]).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));

let mock: MockProvider;
let collector: Awaited<ReturnType<typeof startCollector>>;
const gateways: (TeamGateway & { close(): Promise<void> })[] = [];

beforeAll(async () => {
  mock = await startMockProvider();
  collector = await startCollector();
}, 60_000);
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await collector.close();
  await mock.close();
});

async function gatewayWith(bindings: Record<string, string>) {
  const team = await startTeamGateway(mock, { bindings });
  gateways.push(team);
  return team;
}

const ask = (team: TeamGateway, key: string, body: Record<string, unknown>) =>
  fetch(`${team.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('OpenTelemetry from the team gateway', () => {
  it('sends a request’s trace (a span per attempt) and metrics over OTLP/HTTP protobuf, with the GenAI attributes, the member and the cost, and no prompt', async () => {
    const team = await gatewayWith({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/otlp/`, OTEL_EXPORTER_OTLP_HEADERS: 'x-team-token=abc%20123,x-tenant=switchyard' });
    const { id, key } = await team.addMember({ name: 'Otto', budget: { daily: 5 } });
    mock.script('anthropic', { fault: { type: 'status', status: 529, message: 'Overloaded (telemetry test)' } });
    mock.script('openai', { text: 'Traced answer.', usage: { prompt: 31, completion: 7 } });
    const before = collector.received.length;
    const response = await ask(team, key, { model: 'anthropic/claude-sonnet-4-5', models: ['openai/gpt-4o-mini'], messages: [{ role: 'user', content: 'a private prompt' }] });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { usage: { cost: number } };

    const traces = await collector.next('/otlp/v1/traces', before);
    expect(traces.type).toBe('application/x-protobuf');
    expect(traces.headers['x-team-token']).toBe('abc 123');
    expect(traces.headers['x-tenant']).toBe('switchyard');
    const spans = spansIn(decode('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest', traces.body));
    expect(spans).toHaveLength(3);
    const request = spans.find((s) => !s.parentSpanId)!;
    const attempts = spans.filter((s) => s.parentSpanId);
    expect(request.name).toBe('chat anthropic/claude-sonnet-4-5');
    expect(attr(request, 'gen_ai.operation.name')).toBe('chat');
    expect(attr(request, 'gen_ai.request.model')).toBe('anthropic/claude-sonnet-4-5');
    expect(attr(request, 'gen_ai.response.model')).toBe('openai/gpt-4o-mini');
    expect(attr(request, 'gen_ai.provider.name')).toBe('openai');
    expect(attr(request, 'gen_ai.usage.input_tokens')).toBe('31');
    expect(attr(request, 'gen_ai.usage.output_tokens')).toBe('7');
    expect(attr(request, 'switchyard.member.id')).toBe(id);
    expect(attr(request, 'switchyard.member.name')).toBe('Otto');
    expect(attr(request, 'switchyard.cost_usd')).toBeCloseTo(answer.usage.cost, 10);
    expect(attr(request, 'error.type')).toBeUndefined();
    expect(attr(request, 'gen_ai.input.messages')).toBeUndefined();
    for (const attempt of attempts) {
      expect(attempt.traceId).toBe(request.traceId);
      expect(attempt.parentSpanId).toBe(request.spanId);
    }
    const [failed, answered] = attempts;
    expect(attr(failed!, 'gen_ai.provider.name')).toBe('anthropic');
    expect(attr(failed!, 'gen_ai.request.model')).toBe('claude-sonnet-4-5');
    expect(attr(failed!, 'error.type')).toBe('provider_overloaded');
    expect(failed!.status?.code).toBe('STATUS_CODE_ERROR');
    expect(attr(answered!, 'gen_ai.provider.name')).toBe('openai');
    expect(attr(answered!, 'error.type')).toBeUndefined();
    expect(JSON.stringify(spans)).not.toContain('a private prompt');

    const metrics = await collector.next('/otlp/v1/metrics', before);
    const decoded = decode('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest', metrics.body) as {
      resourceMetrics: { scopeMetrics: { metrics: { name: string }[] }[] }[];
    };
    const names = decoded.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name)));
    expect(names).toEqual(expect.arrayContaining(['gen_ai.client.token.usage', 'gen_ai.client.operation.duration', 'switchyard.cost']));
  }, 60_000);

  it('speaks http/json when asked, with the prompt and answer only when the team captures content; a hung collector delays no answer', async () => {
    const team = await gatewayWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
    });
    const { key } = await team.addMember({ name: 'Jo', budget: { daily: 5 } });
    mock.script('openai', { text: 'Answer in the trace.' });
    let before = collector.received.length;
    expect((await ask(team, key, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'a prompt the team captures' }] })).status).toBe(200);
    const traces = await collector.next('/v1/traces', before);
    expect(traces.type).toBe('application/json');
    const spans = spansIn(JSON.parse(traces.body.toString('utf8')) as Record<string, unknown>);
    const request = spans.find((s) => !s.parentSpanId)!;
    expect(attr(request, 'gen_ai.input.messages')).toContain('a prompt the team captures');
    expect(attr(request, 'gen_ai.output.messages')).toContain('Answer in the trace.');

    // The collector takes the export and never answers: the member's next answers come all the same.
    collector.hang = true;
    try {
      before = collector.received.length;
      for (const stream of [false, true]) {
        mock.script('openai', { text: `Still answering (stream: ${stream}).` });
        const response = await ask(team, key, { model: 'openai/gpt-4o-mini', stream, messages: [{ role: 'user', content: 'hello' }] });
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(stream ? 'data: [DONE]' : 'Still answering');
      }
      // The exports were sent, and are still waiting for the collector.
      await expect.poll(() => collector.received.slice(before).filter((r) => r.path === '/v1/traces').length, { timeout: 10_000 }).toBe(2);
    } finally {
      collector.hang = false;
    }
  }, 60_000);
});
