import * as z from 'zod/mini';
import { markCitations } from '../../numbered-sources';
import { parseResponsesResponse } from '../openai-responses/response';
import type { NormalizedCompletion } from '../types';

/** The Agent API's search_results output item: what it searched for and found, numbered as the answer cites them. */
export const SearchResults = z.looseObject({
  type: z.literal('search_results'),
  queries: z.nullish(z.array(z.string())),
  results: z.array(z.looseObject({ url: z.string(), title: z.nullish(z.string()) })),
});
export type SearchResults = z.infer<typeof SearchResults>;

export const sourcesOf = (item: SearchResults) => item.results.map((r) => ({ url: r.url, title: r.title || r.url }));

/** The search_results items of an Agent API response's output. */
export function searchResultsOf(output: unknown): SearchResults[] {
  return (Array.isArray(output) ? output : []).flatMap((item) => {
    const parsed = SearchResults.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * An Agent API response (Responses-shaped output items). Sonar marks what it took from each result
 * with "[n]", and its message's annotations are often empty: the marks become url_citation
 * citations of the search results. A request with results counts as one search (Perplexity bills
 * search per request).
 */
export function parseAgentResponse(json: unknown): NormalizedCompletion {
  const completion = parseResponsesResponse(json);
  const found = searchResultsOf((json as { output?: unknown }).output);
  if (!found.length) return completion;
  const sources = found.flatMap(sourcesOf);
  const citations = completion.citations?.length ? completion.citations : markCitations(completion.text ?? '', sources);
  const queries = found.flatMap((f) => f.queries ?? []);
  return {
    ...completion,
    usage: { ...completion.usage, searches: 1 },
    ...(citations.length ? { citations } : {}),
    ...(queries.length ? { searchQueries: queries } : {}),
  };
}
