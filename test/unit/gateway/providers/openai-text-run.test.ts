import { describe, expect, it } from 'vitest';
import { parseOpenAiStream } from '../../../../lib/gateway/providers/openai/stream';
import { envelopeOf, plainTextRun } from '../../../../lib/gateway/providers/openai/text-run';
import { sseEventText } from '../../../../lib/gateway/providers/shared/sse-text';
import { mergeDeltas } from '../../../../lib/gateway/providers/shared/streams';
import { collectParts, foldParts, textStream } from '../../../support/fixtures';

const HEAD = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{';
const ENVELOPE = `data: ${HEAD}`;
const textEvent = (content: string, end = ',"logprobs":null,"finish_reason":null}]}') => `data: ${HEAD}"content":${JSON.stringify(content)}}${end}\n\n`;

/** A whole OpenAI-format stream: a role chunk, the pieces, a finish chunk, usage and [DONE]. */
function wholeStream(pieces: string[], lineEnd = '\n'): string {
  const events = [
    `data: ${HEAD}"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}\n\n`,
    ...pieces.map((piece) => textEvent(piece)),
    `data: ${HEAD}},"logprobs":null,"finish_reason":"stop"}]}\n\n`,
    'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9,"total_tokens":12}}\n\n',
    'data: [DONE]\n\n',
  ];
  return events.join('').replaceAll('\n', lineEnd);
}

describe('plain text runs', () => {
  it('learns the envelope from a plain text event and refuses anything else', () => {
    expect(envelopeOf(textEvent('hi').slice(6, -2))).toBe(`${ENVELOPE}`);
    expect(envelopeOf('{"error":{"message":"x"},"choices":[{"index":0,"delta":{"content":"x"}}]}')).toBeUndefined();
    expect(envelopeOf(`${HEAD}"tool_calls":[]}}]}`)).toBeUndefined();
    expect(envelopeOf('{"usage":{"prompt_tokens":1},"choices":[{"index":0,"delta":{"content":"x"}}]}')).toBeUndefined();
  });

  it('reads a run of plain events, escapes included, and stops at the first other event', () => {
    const run = [textEvent('Hello'), textEvent('say "hi"\\'), textEvent('\n\té'), textEvent('x', ',"finish_reason":null,"logprobs":null}],"usage":null,"obfuscation":"a-1"}')].join('');
    const finish = `data: ${HEAD}},"logprobs":null,"finish_reason":"stop"}]}\n\n`;
    const text = run + finish;
    const result = plainTextRun(text, 0, ENVELOPE);
    expect(result.end).toBe(run.length);
    expect(result.text).toBe('Hellosay "hi"\\\n\téx');
    expect(plainTextRun(text, result.end, ENVELOPE)).toEqual({ end: result.end, text: '' });
  });

  it('never runs past an event that is not exactly plain text', () => {
    const cases = [
      textEvent('x', ',"logprobs":null,"finish_reason":"length"}]}'),
      textEvent('x', ',"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":1}}'),
      textEvent('x', ',"logprobs":null,"finish_reason":null},{"index":1,"delta":{}}]}'),
      `data: ${HEAD}"content":"x","tool_calls":[]},"logprobs":null,"finish_reason":null}]}\n\n`,
      `data: ${HEAD}"content":"x\n"},"logprobs":null,"finish_reason":null}]}\n\n`,
      `data: ${HEAD.replace('chatcmpl-1', 'chatcmpl-2')}"content":"x"},"logprobs":null,"finish_reason":null}]}\n\n`,
      `data: ${HEAD}"content":"unterminated`,
    ];
    for (const odd of cases) expect(plainTextRun(textEvent('a') + odd, 0, ENVELOPE).end).toBe(textEvent('a').length);
  });

  it('leaves a run with a bad escape to the full parser', () => {
    const bad = `data: ${HEAD}"content":"\\x41"},"logprobs":null,"finish_reason":null}]}\n\n`;
    expect(plainTextRun(textEvent('a') + bad, 0, ENVELOPE)).toEqual({ end: 0, text: '' });
  });
});

describe('reading OpenAI-format streams whole or in pieces', () => {
  const pieces = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `"q${i}" é 🎉 \\ ` : `w${i} `));
  const expected = pieces.join('');

  for (const lineEnd of ['\n', '\r\n']) {
    for (const size of [1, 3, 64, 1000, 1_000_000]) {
      it(`gives the same answer read ${size} bytes at a time${lineEnd === '\r\n' ? ' with CRLF line ends' : ''}`, async () => {
        const parts = await collectParts(parseOpenAiStream(textStream(wholeStream(pieces, lineEnd), size)));
        const folded = foldParts(parts);
        expect(folded.text).toBe(expected);
        expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
        expect(folded.usage).toMatchObject({ type: 'usage', usage: { prompt: 3, completion: 9 } });
        // Deltas that arrive in one read go on as one, after the first token (which goes on before
        // the rest of its read is parsed): a whole-body read gives two text parts.
        if (size === 1_000_000) expect(parts.filter((p) => p.type === 'text')).toHaveLength(2);
      });
    }
  }

  it('says the stream is malformed when an event has a bad escape', async () => {
    const bad = `data: ${HEAD}"content":"\\x41"},"logprobs":null,"finish_reason":null}]}\n\n`;
    await expect(collectParts(parseOpenAiStream(textStream(wholeStream(['a ', 'b ']).replace('data: [DONE]', bad + 'data: [DONE]'), 1000)))).rejects.toThrow(/malformed stream/);
  });

  it('cuts text only after whole events, and hands on a half event at the end', async () => {
    for (const [source, size] of [['data: a\n\ndata: bb\n\ndata: c', 4], ['data: a\n\ndata: b\r\n\r\ndata: c', 4], ['data: a\n\ndata: bb\n\ndata: c', 1], ['data: a\n\ndata: bb\n\ndata: c', 100], ['data: a\r\n\r\ndata: bb\r\n\r\ndata: c', 1], ['data: a\r\n\r\ndata: bb\r\n\r\ndata: c', 3], ['data: a\r\rdata: bb\r\rdata: c', 2]] as const) {
      const texts: string[] = [];
      for await (const text of sseEventText(textStream(source, size))) texts.push(text);
      expect(texts.join('')).toBe(source.replaceAll('\r\n', '\n').replaceAll('\r', '\n'));
      expect(texts.slice(0, -1).every((t) => t.endsWith('\n\n'))).toBe(true);
      expect(texts.at(-1)).toBe('data: c');
    }
  });
});

describe('deltas that arrive together', () => {
  it('are joined, text with text and reasoning with reasoning, in order', () => {
    const merged = mergeDeltas([
      { type: 'model', model: 'm' },
      { type: 'reasoning', text: 'a' },
      { type: 'reasoning', text: 'b' },
      { type: 'text', text: 'c' },
      { type: 'text', text: 'd' },
      { type: 'tool-call', index: 0, name: 'f' },
      { type: 'text', text: 'e' },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(merged).toEqual([
      { type: 'model', model: 'm' },
      { type: 'reasoning', text: 'ab' },
      { type: 'text', text: 'cd' },
      { type: 'tool-call', index: 0, name: 'f' },
      { type: 'text', text: 'e' },
      { type: 'finish', reason: 'stop' },
    ]);
  });
});
