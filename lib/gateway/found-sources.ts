import { markCitations } from './numbered-sources';
import type { ChatMessage, ChatRequest } from './openai-schema';
import type { ProviderAdapter, StreamPart } from './providers/types';
import type { FoundPage } from './search-providers';
import { shareLimit } from './share-limit';

/** The part of a model's window the sources may take, leaving the rest to the conversation and the answer. */
const SOURCES_SHARE = 0.4;
/** Characters per token, on the low side so sources cut by it fit. */
const CHARS_PER_TOKEN = 3.5;

/**
 * The pages cut to fit a model's window (shared between them: short pages whole, the rest evenly),
 * so a small local model gets less of each page than one with a million tokens.
 */
export function sourcesForWindow(pages: FoundPage[], contextLength: number | undefined): FoundPage[] {
  if (!contextLength) return pages;
  const shares = shareLimit(
    pages.map((p) => p.text.length),
    contextLength * SOURCES_SHARE * CHARS_PER_TOKEN,
  );
  return pages.map((page, i) => (page.text.length > shares[i]! ? { ...page, text: `${page.text.slice(0, shares[i])}…` } : page));
}

/** The system message that gives a model what a search found, numbered for it to cite. */
export function sourcesPrompt(pages: FoundPage[]): string {
  return [
    'Web search results for the conversation, numbered. Use them to answer, and cite each one you use by its number in square brackets right after what you took from it, like [1] or [2][3]. Say so when they do not answer the question.',
    ...pages.flatMap((page, i) => ['', `<result number="${i + 1}">`, `Title: ${page.title}`, `URL: ${page.url}`, '', page.text, '</result>']),
  ].join('\n');
}

/** The request with the results before the conversation, and no search asked of a model that has none. */
function withSources(request: ChatRequest, pages: FoundPage[]): ChatRequest {
  const { web_search_options: _options, plugins: _plugins, ...rest } = request as ChatRequest & { web_search_options?: unknown; plugins?: unknown };
  const system: ChatMessage = { role: 'system', content: sourcesPrompt(pages) };
  return { ...rest, messages: [system, ...request.messages] } as ChatRequest;
}

/**
 * A model without search of its own, given what the user's search service found: the results go
 * in as numbered sources, and the answer's "[n]" marks come back as url_citation citations of
 * them (whole, or before a stream's usage), the request counted as one search.
 */
export function withFoundSources(adapter: ProviderAdapter, pages: FoundPage[]): ProviderAdapter {
  return {
    ...adapter,
    buildRequest: (request, ctx) => adapter.buildRequest(withSources(request, pages), ctx),
    parseResponse(json, ctx) {
      const completion = adapter.parseResponse(json, ctx);
      const citations = markCitations(completion.text ?? '', pages);
      return { ...completion, usage: { ...completion.usage, searches: 1 }, ...(citations.length ? { citations } : {}) };
    },
    async *parseStream(body, ctx) {
      let text = '';
      let cited = false;
      for await (const parts of adapter.parseStream(body, ctx)) {
        const out: StreamPart[] = [];
        for (const part of parts) {
          if (part.type === 'text') text += part.text;
          // The text is whole by the finish or the usage, whichever comes first.
          if ((part.type === 'usage' || part.type === 'finish') && !cited) {
            cited = true;
            out.push(...markCitations(text, pages).map((citation): StreamPart => ({ type: 'citation', citation })));
          }
          out.push(part.type === 'usage' ? { type: 'usage', usage: { ...part.usage, searches: 1 } } : part);
        }
        yield out;
      }
    },
  };
}
