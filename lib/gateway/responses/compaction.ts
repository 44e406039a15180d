/**
 * A compaction item's content: the model's own summary of the conversation it replaces. OpenAI
 * encrypts its own; Switchyard's is opaque to clients (they send it back as it came) but not
 * secret: it is the summary, base64-encoded, readable by whoever holds the conversation anyway.
 */
import { decodeOpaque, encodeOpaque } from './opaque';

const PREFIX = 'syc1.';

export function encodeCompaction(summary: string): string {
  return encodeOpaque(PREFIX, { summary });
}

/** The summary a compaction item Switchyard wrote carries; undefined for anything else (OpenAI's own). */
export function decodeCompaction(content: unknown): string | undefined {
  const summary = (decodeOpaque(PREFIX, content) as { summary?: unknown } | undefined)?.summary;
  return typeof summary === 'string' ? summary : undefined;
}

/** How a compaction comes back into a conversation: the summary, said to be one. */
export const compactedMessage = (summary: string) => ({
  role: 'system',
  content: `Summary of the earlier part of this conversation, written by the assistant to carry it on:\n\n${summary}`,
});
