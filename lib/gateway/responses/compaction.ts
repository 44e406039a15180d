/**
 * A compaction item's content: the model's own summary of the conversation it replaces. OpenAI
 * encrypts its own; Switchyard's is opaque to clients (they send it back as it came) but not
 * secret: it is the summary, base64-encoded, readable by whoever holds the conversation anyway.
 */
const PREFIX = 'syc1.';

export function encodeCompaction(summary: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ summary }));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary);
}

/** The summary a compaction item Switchyard wrote carries; undefined for anything else (OpenAI's own). */
export function decodeCompaction(content: unknown): string | undefined {
  if (typeof content !== 'string' || !content.startsWith(PREFIX)) return undefined;
  try {
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(content.slice(PREFIX.length)), (c) => c.charCodeAt(0)))) as { summary?: unknown };
    return typeof json.summary === 'string' ? json.summary : undefined;
  } catch {
    return undefined;
  }
}

/** How a compaction comes back into a conversation: the summary, said to be one. */
export const compactedMessage = (summary: string) => ({
  role: 'system',
  content: `Summary of the earlier part of this conversation, written by the assistant to carry it on:\n\n${summary}`,
});
