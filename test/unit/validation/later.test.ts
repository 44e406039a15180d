import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { later } from '../../../lib/validation/later';
import { ChatRequest } from '../../../lib/gateway/openai-schema';

describe('later: a schema built when a value first reaches it', () => {
  const build = vi.fn(() => z.object({ depth: z.int().check(z.minimum(1, 'depth is at least 1')) }));
  const Shape = z.object({ name: z.string(), extra: z.nullish(later(build)), more: z._default(later(build), { depth: 1 }) });

  it('is not built while objects holding it are parsed without it (zod asks every field whether it may be absent)', () => {
    expect(Shape.parse({ name: 'a' })).toEqual({ name: 'a', more: { depth: 1 } });
    expect(Shape.parse({ name: 'b', extra: null })).toEqual({ name: 'b', extra: null, more: { depth: 1 } });
    expect(build).not.toHaveBeenCalled();
  });

  it('is built once, on the first value, and checks it like the schema itself', () => {
    expect(Shape.parse({ name: 'c', extra: { depth: 2 } })).toEqual({ name: 'c', extra: { depth: 2 }, more: { depth: 1 } });
    const failed = Shape.safeParse({ name: 'd', extra: { depth: 0 } });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues).toMatchObject([{ path: ['extra', 'depth'], message: 'depth is at least 1' }]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps the chat request strict about the fields it builds later', () => {
    const base = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
    expect(ChatRequest.safeParse({ ...base, tools: [{ type: 'function', function: { name: 'bad name!' } }] }).error?.issues[0]).toMatchObject({
      path: ['tools', 0, 'function', 'name'],
      message: 'tool names are 1-64 letters, digits, _ or -',
    });
    expect(ChatRequest.safeParse({ ...base, response_format: { type: 'yaml' } }).success).toBe(false);
    expect(ChatRequest.safeParse({ ...base, timeouts: { idle_ms: -1 } }).error?.issues[0]?.path).toEqual(['timeouts', 'idle_ms']);
    expect(ChatRequest.parse({ ...base, messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 't', function: { name: 'f', arguments: '{}' } }] }] }).messages[0]).toMatchObject({
      tool_calls: [{ id: 't', type: 'function' }],
    });
  });
});
