import { badRequest } from '../../errors';

export interface InlineImage {
  mimeType: string;
  data: string;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[^,]*)?;base64,(.*)$/s;
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export function parseDataUrl(url: string): InlineImage | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  return { mimeType: match[1] ?? 'application/octet-stream', data: match[3] ?? '' };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** A file at an http(s) URL, downloaded with the gateway's fetch, as base64 with its media type. */
export async function downloadInline(url: string, fetchImpl: typeof fetch, what: { noun: string; maxBytes: number; fallbackType: string }): Promise<InlineImage> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw badRequest(`Could not download the ${what.noun} at ${url}: ${error instanceof Error ? error.message : error}`, 'messages');
  }
  if (!response.ok) throw badRequest(`Could not download the ${what.noun} at ${url} (HTTP ${response.status}).`, 'messages');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > what.maxBytes) throw badRequest(`The ${what.noun} at ${url} is larger than ${Math.round(what.maxBytes / 1024 / 1024)} MB.`, 'messages');
  const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim() || what.fallbackType;
  return { mimeType, data: toBase64(bytes) };
}

/**
 * An image as base64, for formats that only take inline images: data URLs are split,
 * http(s) URLs are downloaded with the gateway's fetch.
 */
export async function inlineImage(url: string, fetchImpl: typeof fetch): Promise<InlineImage> {
  const inline = parseDataUrl(url);
  if (inline) return inline;
  if (!/^https?:\/\//i.test(url)) throw badRequest('Image URLs must be http(s) or base64 data: URLs.', 'messages');
  return downloadInline(url, fetchImpl, { noun: 'image', maxBytes: MAX_IMAGE_BYTES, fallbackType: 'image/jpeg' });
}
