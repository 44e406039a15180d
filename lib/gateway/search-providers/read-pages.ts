import { isPrivateAddress } from './private-host';
import type { FoundPage } from './types';

/** A page's main words from its HTML: Readability in a DOM the host provides (an offscreen document, a background page). */
export type PageReader = (html: string, url: string) => Promise<{ title?: string; text: string } | undefined>;

export interface ReadBudget {
  /** All the pages are read within this, together; a page not read by then keeps the service's words. */
  totalMs: number;
  /** A page's HTML is read no further than this. */
  maxBytes: number;
  /** A read page's words are cut here (before fitting them to each model's window). */
  maxChars: number;
}

export const READ_BUDGET: ReadBudget = { totalMs: 6_000, maxBytes: 2_000_000, maxChars: 12_000 };

const READABLE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

export interface PageReading {
  read: PageReader;
  fetch: typeof fetch;
  /** Whether pages on this machine or a private network may be read: only for a search service that is itself on one. */
  privateAllowed: boolean;
  budget?: ReadBudget;
}

/**
 * The pages a search found, each with its own words read from the page where that works within the
 * budget (the service's snippet kept where it does not: a refusal, a PDF, a slow site). Fetched
 * without cookies, so what a model reads is the page as anyone sees it, never the user's account.
 */
export async function readFoundPages(pages: FoundPage[], reading: PageReading, signal: AbortSignal): Promise<FoundPage[]> {
  const budget = reading.budget ?? READ_BUDGET;
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(budget.totalMs)]);
  const read = await Promise.all(pages.map((page) => readOne(page, reading, budget, deadline).catch(() => undefined)));
  return pages.map((page, i) => {
    const text = read[i];
    return text ? { ...page, text, read: true } : page;
  });
}

async function readOne(page: FoundPage, reading: PageReading, budget: ReadBudget, signal: AbortSignal): Promise<string | undefined> {
  if (!/^https?:/i.test(page.url) || (!reading.privateAllowed && isPrivateAddress(page.url))) return undefined;
  const response = await reading.fetch(page.url, {
    signal,
    credentials: 'omit',
    redirect: 'follow',
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8' },
  });
  // A redirect into a private network is refused like a result that named one.
  if (!response.ok || (!reading.privateAllowed && response.url && isPrivateAddress(response.url))) return discard(response);
  const type = response.headers.get('content-type') ?? '';
  if (type && !READABLE_TYPES.test(type)) return discard(response);
  const html = await cappedText(response, budget.maxBytes, signal);
  const words = /^text\/plain/i.test(type) ? { text: html } : await untilAborted(reading.read(html, response.url || page.url), signal);
  const text = words?.text.trim();
  if (!text) return undefined;
  return text.length > budget.maxChars ? `${text.slice(0, budget.maxChars)}…` : text;
}

/** A page not read: its body let go, so the connection is freed. */
function discard(response: Response): undefined {
  response.body?.cancel().catch(() => undefined);
  return undefined;
}

/** The body as text, read no further than maxBytes, in the charset the header or the page's own <meta> names. */
async function cappedText(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= maxBytes) {
        stop();
        break;
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (signal.aborted) throw signal.reason;
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return decoderFor(response.headers.get('content-type'), bytes).decode(bytes);
}

function decoderFor(contentType: string | null, bytes: Uint8Array): TextDecoder {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
