import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { JsonMetricsSerializer, JsonTraceSerializer, ProtobufMetricsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { UsageRecord } from '../../lib/gateway';
import type { OtlpConfig } from './otlp-config';

/** Who made a request, as the spans name them. */
export interface Caller {
  id: string;
  name: string;
}

const SCOPE = 'switchyard-team-gateway';
const resource = resourceFromAttributes({ 'service.name': 'switchyard-team-gateway' });

// Per isolate: spans are made whole (started and ended at once, from the record), so the exporter
// holds one request's spans at a time; the metrics reader hands out what was recorded since its last collection.
const spans = new InMemorySpanExporter();
const tracer = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }).getTracer(SCOPE);

class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
const reader = new OnDemandReader();
const meter = new MeterProvider({ resource, readers: [reader] }).getMeter(SCOPE);
const tokenUsage = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}', description: 'Tokens used per request, by kind' });
const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's', description: 'Time to the whole answer' });
const cost = meter.createCounter('switchyard.cost', { unit: 'USD', description: 'What requests cost, by member and model' });

const operationOf = (record: UsageRecord) => (record.endpoint === 'embeddings' ? 'embeddings' : 'chat');

function requestAttributes(record: UsageRecord, caller: Caller): Attributes {
  return {
    'gen_ai.operation.name': operationOf(record),
    'gen_ai.request.model': record.requestedModel,
    ...(record.model ? { 'gen_ai.response.model': record.model } : {}),
    ...(record.provider ? { 'gen_ai.provider.name': record.provider } : {}),
    'gen_ai.usage.input_tokens': record.usage.prompt,
    'gen_ai.usage.output_tokens': record.usage.completion,
    ...(record.finishReason ? { 'gen_ai.response.finish_reasons': [record.finishReason] } : {}),
    ...(record.status !== 'ok' ? { 'error.type': record.error?.code ?? record.status } : {}),
    'switchyard.member.id': caller.id,
    'switchyard.member.name': caller.name,
    'switchyard.cost_usd': record.cost,
    'switchyard.source': record.source,
    ...(record.route ? { 'switchyard.route': record.route } : {}),
    ...(record.endpoint ? { 'switchyard.endpoint': record.endpoint } : {}),
  };
}

/** The prompt and the answer, in the GenAI conventions' message shapes (only when the team captures content). */
function contentAttributes(record: UsageRecord): Attributes {
  const received = record.details?.received as { messages?: unknown } | undefined;
  const answer = record.details?.answer;
  return {
    ...(received?.messages ? { 'gen_ai.input.messages': JSON.stringify(received.messages) } : {}),
    ...(answer ? { 'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: answer.text }], finish_reason: record.finishReason ?? undefined }]) } : {}),
  };
}

/**
 * One request as spans: a server span for the request, with a client span per attempt sent to a
 * provider (candidates passed over are not). Attempts ran one after another and the last ran to
 * the end, so each is placed back to back from the request's end.
 */
export function spansOf(record: UsageRecord, caller: Caller, captureContent: boolean): ReadableSpan[] {
  const end = record.startedAt + record.totalMs;
  const parent = tracer.startSpan(`${operationOf(record)} ${record.requestedModel}`, {
    kind: SpanKind.SERVER,
    startTime: record.startedAt,
    attributes: { ...requestAttributes(record, caller), ...(captureContent ? contentAttributes(record) : {}) },
  });
  const within = trace.setSpan(context.active(), parent);
  const sent = record.attempts.filter((a) => a.status !== 'skipped');
  let at = end - sent.reduce((sum, a) => sum + a.ms, 0);
  for (const attempt of sent) {
    const child = tracer.startSpan(
      `${operationOf(record)} ${attempt.model}`,
      {
        kind: SpanKind.CLIENT,
        startTime: Math.max(record.startedAt, at),
        attributes: {
          'gen_ai.operation.name': operationOf(record),
          'gen_ai.provider.name': attempt.provider,
          'gen_ai.request.model': attempt.model,
          ...(attempt.httpStatus ? { 'http.response.status_code': attempt.httpStatus } : {}),
          ...(attempt.status !== 'ok' ? { 'error.type': attempt.code ?? attempt.status } : {}),
        },
      },
      within,
    );
    if (attempt.status !== 'ok') child.setStatus({ code: SpanStatusCode.ERROR, ...(attempt.error ? { message: attempt.error } : {}) });
    at += attempt.ms;
    child.end(Math.min(end, at));
  }
  if (record.status !== 'ok') parent.setStatus({ code: SpanStatusCode.ERROR, ...(record.error ? { message: record.error.message } : {}) });
  parent.end(end);
  const made = spans.getFinishedSpans();
  spans.reset();
  return made;
}

/** A request's measures: its tokens by kind, its duration and its cost. */
function recordMetrics(record: UsageRecord, caller: Caller): void {
  const attributes = {
    'gen_ai.operation.name': operationOf(record),
    'gen_ai.request.model': record.requestedModel,
    ...(record.model ? { 'gen_ai.response.model': record.model } : {}),
    ...(record.provider ? { 'gen_ai.provider.name': record.provider } : {}),
    ...(record.status !== 'ok' ? { 'error.type': record.error?.code ?? record.status } : {}),
  };
  tokenUsage.record(record.usage.prompt, { ...attributes, 'gen_ai.token.type': 'input' });
  tokenUsage.record(record.usage.completion, { ...attributes, 'gen_ai.token.type': 'output' });
  duration.record(record.totalMs / 1000, attributes);
  cost.add(record.cost, { ...attributes, 'switchyard.member.id': caller.id, 'switchyard.member.name': caller.name });
}

/** What the collector is sent, encoded as the configured protocol asks. */
function encoded(config: OtlpConfig, payload: { spans: ReadableSpan[] } | { metrics: ResourceMetrics }): { body: Uint8Array; type: string } {
  const json = config.protocol === 'http/json';
  const body =
    'spans' in payload
      ? (json ? JsonTraceSerializer : ProtobufTraceSerializer).serializeRequest(payload.spans)
      : (json ? JsonMetricsSerializer : ProtobufMetricsSerializer).serializeRequest(payload.metrics);
  if (!body) throw new Error('the export could not be encoded');
  return { body, type: json ? 'application/json' : 'application/x-protobuf' };
}

/** How long an export may take before it is given up (it runs after the answer, under waitUntil). */
const EXPORT_TIMEOUT_MS = 10_000;

async function post(config: OtlpConfig, url: string, payload: { body: Uint8Array; type: string }, fetchImpl: typeof fetch): Promise<void> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { ...config.headers, 'content-type': payload.type },
    body: payload.body as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  await response.body?.cancel();
}

/**
 * Sends a finished request's spans and measures to the collector. Run under waitUntil, after the
 * answer: a slow or dead collector delays and fails nothing but its own export (which is logged).
 */
export async function exportRecord(config: OtlpConfig, record: UsageRecord, caller: Caller, fetchImpl: typeof fetch = fetch): Promise<void> {
  const made = spansOf(record, caller, config.captureContent);
  recordMetrics(record, caller);
  const { resourceMetrics } = await reader.collect();
  const results = await Promise.allSettled([
    post(config, config.tracesUrl, encoded(config, { spans: made }), fetchImpl),
    post(config, config.metricsUrl, encoded(config, { metrics: resourceMetrics }), fetchImpl),
  ]);
  for (const result of results) if (result.status === 'rejected') console.error('OpenTelemetry export failed:', result.reason instanceof Error ? result.reason.message : result.reason);
}
