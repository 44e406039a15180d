import type { UrlCitationAnnotation } from '../openai-schema';

/**
 * Web search in the Messages API's shapes (Anthropic's web search tool docs): each search a
 * server_tool_use block and its web_search_tool_result with the pages found, and the answer's
 * text in blocks, each cited span its own block carrying web_search_result_location citations.
 * Pages are known here only by what the answer cites, so those are the results listed.
 */
type Block = Record<string, unknown>;

const citation = (a: UrlCitationAnnotation, text: string) => ({
  type: 'web_search_result_location',
  url: a.url_citation.url,
  title: a.url_citation.title,
  cited_text: text.slice(a.url_citation.start_index, a.url_citation.end_index),
  // Claude's own index into its search results; the gateway has none to give.
  encrypted_index: '',
});

/** The search blocks: a server_tool_use and its result per query (one without a query when only counted). */
export function searchBlocks(queries: string[], count: number, annotations: UrlCitationAnnotation[], idBase: string): Block[] {
  const list = queries.length ? queries : Array.from({ length: count }, () => '');
  const pages = [...new Map(annotations.map((a) => [a.url_citation.url, a.url_citation.title])).entries()];
  return list.flatMap((query, i) => {
    const id = `srvtoolu_${idBase}_${i}`;
    return [
      { type: 'server_tool_use', id, name: 'web_search', input: { query } },
      {
        type: 'web_search_tool_result',
        tool_use_id: id,
        content: i === 0 ? pages.map(([url, title]) => ({ type: 'web_search_result', url, title, encrypted_content: '', page_age: null })) : [],
      },
    ];
  });
}

/** The answer's text as blocks: plain spans, and each cited span with its citations. */
export function citedTextBlocks(text: string, annotations: UrlCitationAnnotation[]): Block[] {
  const spans = [...annotations].sort((a, b) => a.url_citation.start_index - b.url_citation.start_index);
  const blocks: Block[] = [];
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    const { start_index: start, end_index: end } = spans[i]!.url_citation;
    const same = spans.filter((s) => s.url_citation.start_index === start && s.url_citation.end_index === end);
    i += same.length;
    if (start < at || end <= start) continue;
    if (start > at) blocks.push({ type: 'text', text: text.slice(at, start) });
    blocks.push({ type: 'text', text: text.slice(start, end), citations: same.map((s) => citation(s, text)) });
    at = end;
  }
  if (at < text.length) blocks.push({ type: 'text', text: text.slice(at) });
  return blocks;
}

/** The citations of annotations that arrive after their text was streamed: one per source, for a last block. */
export const lateCitations = (text: string, annotations: UrlCitationAnnotation[]) => annotations.map((a) => citation(a, text));
