import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Web search services as the mock answers them (/brave, /tavily, /exa): each checks its own key
 * header and answers with its fixture (test/fixtures/search-services/, sources named there).
 */
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/search-services/${name}.json`, import.meta.url), 'utf8')) as unknown;

const SERVICES: Record<string, { path: RegExp; method: string; keyed(headers: IncomingHttpHeaders): boolean; refusal: unknown }> = {
  brave: { path: /^\/brave\/res\/v1\/web\/search$/, method: 'GET', keyed: (h) => Boolean(h['x-subscription-token']), refusal: { type: 'ErrorResponse', error: { code: 'SUBSCRIPTION_TOKEN_INVALID', status: 422, detail: 'The provided subscription token is invalid.' } } },
  tavily: { path: /^\/tavily\/search$/, method: 'POST', keyed: (h) => /^Bearer tvly-/.test(h.authorization ?? ''), refusal: { detail: { error: 'Unauthorized: missing or invalid API key.' } } },
  exa: { path: /^\/exa\/search$/, method: 'POST', keyed: (h) => Boolean(h['x-api-key']), refusal: { requestId: 'mock', error: 'Invalid API key', tag: 'INVALID_API_KEY' } },
};

/** Asked through this prefix, a service's results point at the mock's own copies of their pages (resultPage). */
const PAGES_TARGET = /^\/t\/pages(\/.*)$/;

/**
 * The answer to a search service's request, or undefined for a path no service serves. Through
 * /t/pages/ the results' *.example addresses become the mock's /web/<host>/<path>.
 */
export function searchServiceAnswer(path: string, method: string, headers: IncomingHttpHeaders, mockUrl: string): { status: number; body: unknown } | undefined {
  const paged = PAGES_TARGET.exec(path);
  const servicePath = paged ? paged[1]! : path;
  for (const [name, service] of Object.entries(SERVICES)) {
    if (!service.path.test(servicePath) || method !== service.method) continue;
    if (!service.keyed(headers)) return { status: 401, body: service.refusal };
    const body = fixture(name);
    return { status: 200, body: paged ? JSON.parse(JSON.stringify(body).replace(/https:\/\/([a-z0-9.-]+\.example)\//g, `${mockUrl}/web/$1/`)) : body };
  }
  return undefined;
}

const PAGE_TYPES: Record<string, string> = { html: 'text/html', txt: 'text/plain; charset=utf-8', pdf: 'application/pdf' };

/** A result page the mock serves at /web/<host>/<path> (test/fixtures/web-pages/), with its type; undefined when there is none. */
export function resultPage(path: string): { type: string; body: Buffer } | undefined {
  const match = /^\/web\/([a-z0-9.-]+\.example)\/([\w/-]+)$/.exec(path);
  if (!match) return undefined;
  for (const [ext, type] of Object.entries(PAGE_TYPES)) {
    try {
      return { type, body: readFileSync(new URL(`../fixtures/web-pages/${match[1]}/${match[2]}.${ext}`, import.meta.url)) };
    } catch {
      // Not this type: the next.
    }
  }
  return undefined;
}
