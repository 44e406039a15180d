import { describe, expect, it } from 'vitest';
import { AnswerBuilder } from '../../../lib/chat/answer';
import { sourcesOf, withCitationMarks } from '../../../lib/chat/citations';

const TEXT = 'The tunnel is 57.1 km long. It opened in 2016.';
const citations = [
  { url: 'https://rail.example/history', title: 'History', start: 28, end: 46 },
  { url: 'https://tunnels.example/gotthard', title: 'Gotthard', start: 0, end: 27 },
  { url: 'https://rail.example/history', title: 'History', start: 0, end: 27 },
];

describe('citations in an answer', () => {
  it('numbers each page once, in the order the answer first cites it', () => {
    expect(sourcesOf(citations)).toEqual([
      { number: 1, url: 'https://tunnels.example/gotthard', title: 'Gotthard' },
      { number: 2, url: 'https://rail.example/history', title: 'History' },
    ]);
  });

  it('marks each cited span with its sources as links, side by side where a span has several', () => {
    expect(withCitationMarks(TEXT, citations)).toBe('The tunnel is 57.1 km long. [1](https://tunnels.example/gotthard) [2](https://rail.example/history) It opened in 2016. [2](https://rail.example/history)');
    expect(withCitationMarks(TEXT, [])).toBe(TEXT);
  });

  it('are gathered from streamed annotations, with the searches and their cost', () => {
    const builder = new AnswerBuilder();
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk' as const, created: 1, model: 'anthropic/claude-sonnet-4-5', provider: 'anthropic' };
    builder.add({ ...base, choices: [{ index: 0, delta: { content: TEXT }, finish_reason: null }] });
    builder.add({ ...base, choices: [{ index: 0, delta: { annotations: [{ type: 'url_citation', url_citation: { url: 'https://tunnels.example/gotthard', title: 'Gotthard', start_index: 0, end_index: 27 } }] }, finish_reason: null }] });
    builder.add({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, cost: 0.0101, search_cost: 0.01, server_tool_use: { web_search_requests: 1 } } });
    expect(builder.meta).toMatchObject({ citations: [{ url: 'https://tunnels.example/gotthard', start: 0, end: 27 }], searches: 1, searchCost: 0.01, cost: 0.0101 });
  });

  it("turns citations of an answer's own [n] marks (Sonar's) into numbered links after what they back, the marks gone", () => {
    const builder = new AnswerBuilder();
    const base = { id: 'chatcmpl-2', object: 'chat.completion.chunk' as const, created: 1, model: 'perplexity/sonar', provider: 'perplexity' };
    const text = 'The tunnel is 57.1 km long[1]. It opened in 2016[2].';
    const mark = (n: number, url: string, title: string) => ({ type: 'url_citation', url_citation: { url, title, start_index: text.indexOf(`[${n}]`), end_index: text.indexOf(`[${n}]`) + 3 } });
    builder.add({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
    builder.add({ ...base, choices: [{ index: 0, delta: { annotations: [mark(1, 'https://tunnels.example/gotthard', 'Gotthard'), mark(2, 'https://rail.example/history', 'History')] }, finish_reason: null }] });
    builder.settleMarks();
    expect(builder.text).toBe('The tunnel is 57.1 km long. It opened in 2016.');
    expect(withCitationMarks(builder.text, builder.meta!.citations!)).toBe('The tunnel is 57.1 km long [1](https://tunnels.example/gotthard). It opened in 2016 [2](https://rail.example/history).');
  });
});

