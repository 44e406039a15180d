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

/** The answer to a search service's request, or undefined for a path no service serves. */
export function searchServiceAnswer(path: string, method: string, headers: IncomingHttpHeaders): { status: number; body: unknown } | undefined {
  for (const [name, service] of Object.entries(SERVICES)) {
    if (!service.path.test(path) || method !== service.method) continue;
    return service.keyed(headers) ? { status: 200, body: fixture(name) } : { status: 401, body: service.refusal };
  }
  return undefined;
}
