import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../../lib/catalog/catalog';
import { BUNDLED_CATALOG } from '../../lib/catalog/snapshot';
import type { CallContext, ProviderConfig, StreamPart } from '../../lib/gateway/providers/types';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixtureText(path: string): string {
  return readFileSync(root + path, 'utf8');
}

export function fixtureJson(path: string): unknown {
  return JSON.parse(fixtureText(path));
}

/** Text as a byte stream cut into pieces of `size` bytes, so parsers meet split lines and split UTF-8. */
export function textStream(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** A fixture as a byte stream cut into pieces of `size` bytes. */
export function fixtureStream(path: string, size = 7): ReadableStream<Uint8Array> {
  return textStream(fixtureText(path), size);
}

/** Every part of a stream, its batches flattened. */
export async function collectParts(batches: AsyncIterable<StreamPart[]>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

/** What a stream of parts adds up to. */
export function foldParts(parts: StreamPart[]) {
  const toolCalls: { id?: string; name?: string; arguments: string }[] = [];
  let text = '';
  let reasoning = '';
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    if (part.type === 'reasoning') reasoning += part.text;
    if (part.type === 'tool-call') {
      const call = (toolCalls[part.index] ??= { arguments: '' });
      call.id ??= part.id;
      call.name ??= part.name;
      call.arguments += part.arguments ?? '';
    }
  }
  return {
    text,
    reasoning,
    toolCalls,
    finish: parts.find((p) => p.type === 'finish'),
    usage: parts.filter((p) => p.type === 'usage').at(-1),
    model: parts.find((p) => p.type === 'model'),
    error: parts.find((p) => p.type === 'error'),
  };
}

export function context(provider: Partial<ProviderConfig> & Pick<ProviderConfig, 'kind'>, model: string, stream = false, fetchImpl?: typeof fetch): CallContext {
  return {
    provider: { id: provider.kind, baseUrl: 'https://api.example.test', apiKey: 'key-123', ...provider },
    model,
    stream,
    fetch: fetchImpl ?? (async () => new Response('no network in tests', { status: 599 })),
  };
}

export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The catalog shipped with the extension, as the gateway takes it. */
export const shippedCatalog = () => createCatalog(BUNDLED_CATALOG);
