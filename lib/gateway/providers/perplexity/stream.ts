import type { EventSourceMessage } from 'eventsource-parser';
import { markCitations } from '../../numbered-sources';
import { responsesParts } from '../openai-responses/stream';
import { parseEventJson, sseParts, type PartHandler } from '../shared/streams';
import type { StreamPart } from '../types';
import { searchResultsOf, sourcesOf } from './response';

/**
 * An Agent API stream: Responses-shaped events (data lines only, no [DONE]), read as the
 * Responses API's are, with its search_results items gathered as they come: before the usage at
 * the end, each "[n]" mark of the text streamed becomes a citation of its result, and the request
 * counts as one search.
 */
function agentParts(): PartHandler<EventSourceMessage> {
  const base = responsesParts();
  let text = '';
  let sources: { url: string; title: string }[] = [];
  return {
    event(message, out) {
      const event = parseEventJson(message.data) as { type?: string; item?: unknown; response?: { output?: unknown } } | undefined;
      const found = event?.type === 'response.output_item.done' ? searchResultsOf([event.item]) : event?.type === 'response.completed' && !sources.length ? searchResultsOf(event.response?.output) : [];
      for (const item of found) {
        sources = [...sources, ...sourcesOf(item)];
        for (const query of item.queries ?? []) out.push({ type: 'search', query });
      }
      const from = out.length;
      const done = base.event(message, out);
      for (const part of out.slice(from)) if (part.type === 'text') text += part.text;
      if (done && sources.length) settle(out, from);
      return done;
    },
  };

  /** The marks' citations before the usage, which counts the request's search. */
  function settle(out: StreamPart[], from: number) {
    const at = out.findIndex((part, i) => i >= from && part.type === 'usage');
    const usage = out[at];
    if (usage?.type === 'usage') out[at] = { type: 'usage', usage: { ...usage.usage, searches: Math.max(1, usage.usage.searches ?? 0) } };
    const citations: StreamPart[] = markCitations(text, sources).map((citation) => ({ type: 'citation', citation }));
    out.splice(at < 0 ? out.length : at, 0, ...citations);
  }
}

export const parseAgentStream = (body: ReadableStream<Uint8Array>) => sseParts(body, agentParts());
