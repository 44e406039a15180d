import type { RequestDetails } from '../gateway/details';

/** Base64 this long or longer is an image or a file, not words: kept as its size and hash. */
const MIN_BLOB = 1024;
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A run of base64 long enough to be a blob: a body without one is kept as it is, unparsed. */
const HAS_BLOB = new RegExp(`[A-Za-z0-9+/]{${MIN_BLOB},}`);

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const kb = (base64Length: number) => `${Math.max(1, Math.round((base64Length * 3) / 4 / 1024))} KB`;

/** "[image/png, 231 KB, sha256 1a2b3c4d5e6f7a8b]" for an image's bytes in a body. */
async function placeholderOf(value: string): Promise<string | undefined> {
  if (value.length < MIN_BLOB) return undefined;
  const url = DATA_URL.exec(value);
  if (url) return `[${url[1]}, ${kb(url[2]!.length)}, sha256 ${await sha256(url[2]!)}]`;
  if (BASE64.test(value)) return `[base64, ${kb(value.length)}, sha256 ${await sha256(value)}]`;
  return undefined;
}

async function withoutBlobs(value: unknown): Promise<unknown> {
  if (typeof value === 'string') return (await placeholderOf(value)) ?? value;
  if (Array.isArray(value)) return Promise.all(value.map(withoutBlobs));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await withoutBlobs(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/** A JSON body with its images as placeholders; a body that is not JSON stays as it is. */
async function bodyWithoutBlobs(body: string | undefined): Promise<string | undefined> {
  if (body === undefined || body.length < MIN_BLOB || !HAS_BLOB.test(body)) return body;
  try {
    return JSON.stringify(await withoutBlobs(JSON.parse(body)));
  } catch {
    return body;
  }
}

/** The details as they are kept: images (data URLs, and the base64 Anthropic, Gemini and Bedrock take) as their size and hash, not their bytes. */
export async function detailsWithoutImages(details: RequestDetails): Promise<RequestDetails> {
  return {
    ...details,
    received: await withoutBlobs(details.received),
    exchanges: await Promise.all(details.exchanges.map(async (exchange) => exchange && { ...exchange, sent: { ...exchange.sent, body: await bodyWithoutBlobs(exchange.sent.body) } })),
  };
}
