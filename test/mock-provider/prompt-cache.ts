import { createHash } from 'node:crypto';
import { tokensOf, type Answer } from './behavior';
import type { MockRequest } from './wire';

type Block = { type?: string; text?: string; cache_control?: unknown };

/**
 * Claude's prompt caching, as https://docs.claude.com/en/docs/build-with-claude/prompt-caching
 * describes it: the prompt up to a block marked `cache_control` is written to the cache when it is
 * long enough (1024 tokens for Sonnet and Opus, 2048 for Haiku); a later request reads the longest
 * cached prefix it shares, found at a breakpoint or up to 20 blocks before one. Reads are reported
 * as cache_read_input_tokens, the rest up to the last breakpoint as cache_creation_input_tokens.
 */
export function applyPromptCache(answer: Answer, req: MockRequest, cache: Set<string>): Answer {
  if (answer.usage.cached || answer.usage.cacheWrite) return answer; // a test asked for exact figures
  const minimum = /haiku/.test(answer.model) ? 2048 : 1024;
  const pieces: string[] = [JSON.stringify(req.body.tools ?? [])];
  const boundaries: { key: string; tokens: number; marked: boolean }[] = [];
  const add = (piece: string, marked: boolean) => {
    pieces.push(piece);
    // The marks themselves are not part of what is cached.
    const prefix = pieces.join('|').replace(/,?"cache_control":\{[^}]*\}/g, '');
    boundaries.push({ key: createHash('sha256').update(prefix).digest('hex'), tokens: tokensOf(prefix), marked });
  };
  const system = req.body.system;
  if (Array.isArray(system)) for (const block of system as Block[]) add(JSON.stringify(block), Boolean(block.cache_control));
  else if (typeof system === 'string') add(system, false);
  for (const message of (req.body.messages ?? []) as { role: string; content: unknown }[]) {
    if (Array.isArray(message.content)) for (const block of message.content as Block[]) add(`${message.role}:${JSON.stringify(block)}`, Boolean(block.cache_control));
    else add(`${message.role}:${String(message.content)}`, false);
  }
  const lastMark = boundaries.findLastIndex((b) => b.marked);
  if (lastMark < 0) return answer;
  const readable = boundaries.slice(0, lastMark + 1).filter((b, i) => lastMark - i <= 20 && b.tokens >= minimum && cache.has(b.key));
  const read = Math.max(0, ...readable.map((b) => b.tokens));
  const written = boundaries.filter((b, i) => b.marked && i <= lastMark && b.tokens >= minimum);
  for (const b of written) cache.add(b.key);
  const end = written.at(-1)?.tokens ?? read;
  const prompt = Math.max(answer.usage.prompt, end);
  return { ...answer, usage: { ...answer.usage, prompt, cached: read, cacheWrite: Math.max(0, end - read) } };
}
