import * as z from 'zod/mini';
import type { SearchAdapter } from './types';

/** https://docs.exa.ai/reference/search (results[].text with contents.text; costDollars.total). */
const ExaAnswer = z.looseObject({
  results: z.array(z.looseObject({ url: z.string(), title: z.nullish(z.string()), text: z.nullish(z.string()), summary: z.nullish(z.string()) })),
  costDollars: z.nullish(z.looseObject({ total: z.nullish(z.number()) })),
});

/** Characters of each page's text Exa is asked for: enough to answer from, not a whole site. */
const MAX_CHARACTERS = 4_000;

/** Exa's search: POST /search with x-api-key, each result's text asked for; it says what a search cost ($5 per 1,000, plus $1 per 1,000 pages' text, otherwise). */
export const exaSearch: SearchAdapter = {
  defaultBaseUrl: 'https://api.exa.ai',
  buildRequest(query, count, config) {
    return {
      url: `${(config.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '')}/search`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': config.apiKey },
        body: JSON.stringify({ query, numResults: count, type: 'auto', contents: { text: { maxCharacters: MAX_CHARACTERS } } }),
      },
    };
  },
  parseResponse(json) {
    return ExaAnswer.parse(json).results.map((r) => ({ url: r.url, title: r.title || r.url, text: r.text || r.summary || '' }));
  },
  costOf(json) {
    const answer = ExaAnswer.safeParse(json);
    const reported = answer.success ? answer.data.costDollars?.total : undefined;
    return typeof reported === 'number' ? reported : 5 / 1000 + (answer.success ? answer.data.results.length : 0) / 1000;
  },
};
