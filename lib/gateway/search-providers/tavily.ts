import * as z from 'zod/mini';
import type { SearchAdapter } from './types';

/** https://docs.tavily.com/documentation/api-reference/endpoint/search (results[].content). */
const TavilyAnswer = z.looseObject({
  results: z.array(z.looseObject({ url: z.string(), title: z.nullish(z.string()), content: z.nullish(z.string()), raw_content: z.nullish(z.string()) })),
});

/** Tavily's search: POST /search with a Bearer key; a basic search is 1 credit ($0.008 pay as you go). */
export const tavilySearch: SearchAdapter = {
  defaultBaseUrl: 'https://api.tavily.com',
  buildRequest(query, count, config) {
    return {
      url: `${(config.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '')}/search`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify({ query, max_results: count, search_depth: 'basic', topic: 'general' }),
      },
    };
  },
  parseResponse(json) {
    return TavilyAnswer.parse(json).results.map((r) => ({ url: r.url, title: r.title || r.url, text: r.raw_content || r.content || '' }));
  },
  costOf: () => 0.008,
};
