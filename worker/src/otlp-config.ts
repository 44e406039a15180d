/** Where and how the team gateway sends OpenTelemetry, from the standard OTEL_* variables. */
export interface OtlpConfig {
  tracesUrl: string;
  metricsUrl: string;
  headers: Record<string, string>;
  protocol: 'http/protobuf' | 'http/json';
  /** Prompts and answers in the spans (gen_ai.input.messages, gen_ai.output.messages): only when the team turns it on. */
  captureContent: boolean;
}

export interface OtlpEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_HEADERS?: string;
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?: string;
}

/** `key1=value1,key2=value2`, values percent-encoded (the OTLP exporter specification's format). */
export function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/**
 * The exporter's settings, or undefined when no endpoint is set (nothing is sent). The endpoint
 * is the collector's base: traces go to /v1/traces and metrics to /v1/metrics under it.
 */
export function otlpConfig(env: OtlpEnv): OtlpConfig | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  const base = endpoint.replace(/\/+$/, '');
  const protocol = env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim() || 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (the team gateway cannot speak gRPC); it is "${protocol}".`);
  }
  return {
    tracesUrl: `${base}/v1/traces`,
    metricsUrl: `${base}/v1/metrics`,
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
    protocol,
    captureContent: env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true',
  };
}
