import * as z from 'zod/mini';
import type { SearchAdapter } from './types';

/** https://api-dashboard.search.brave.com/app/documentation/web-search/responses (web.results). */
const BraveAnswer = z.looseObject({
  web: z.nullish(
    z.looseObject({
      results: z.array(z.looseObject({ url: z.string(), title: z.nullish(z.string()), description: z.nullish(z.string()), extra_snippets: z.nullish(z.array(z.string())) })),
    }),
  ),
});

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Brave Search's web search: GET /res/v1/web/search, the key in X-Subscription-Token; $5 per 1,000 queries (its AI plans). */
export const braveSearch: SearchAdapter = {
  defaultBaseUrl: 'https://api.search.brave.com',
  buildRequest(query, count, config) {
    const url = new URL(`${(config.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '')}/res/v1/web/search`);
    url.searchParams.set('q', query);
    url.searchParams.set('count', String(count));
    url.searchParams.set('extra_snippets', 'true');
    return { url: url.href, init: { method: 'GET', headers: { accept: 'application/json', 'x-subscription-token': config.apiKey } } };
  },
  parseResponse(json) {
    return (BraveAnswer.parse(json).web?.results ?? []).map((r) => ({
      url: r.url,
      title: plain(r.title ?? r.url),
      text: [r.description, ...(r.extra_snippets ?? [])].filter((s): s is string => Boolean(s)).map(plain).join('\n'),
    }));
  },
  costOf: () => 5 / 1000,
};
