/** A frame: the receiving page pays for each port message more than for the chunks in it. */
export const CHUNK_INTERVAL_MS = 16;

/** What the batcher sends: a chunk alone, or those that arrived within one interval. */
export type ChunkFrame = { t: 'chunk'; data: unknown } | { t: 'chunks'; data: unknown[] };

export interface ChunkBatcher {
  add(chunk: unknown): void;
  /** Sends what is held now: before the stream's end or error, which must come after it. */
  flush(): void;
}

/**
 * Sends a stream's chunks at most once per interval, those that arrived meanwhile together. Until
 * the first chunk that shows the user something has gone, each chunk goes alone and at once, so
 * batching never delays the first token. Three answers streaming into a compare sent ~1,900
 * messages in 3.5 s, one per token, and their handling kept the side panel's main thread busy.
 */
export function chunkBatcher(
  send: (frame: ChunkFrame) => void,
  shown: (chunk: unknown) => boolean,
  { intervalMs = CHUNK_INTERVAL_MS, now = () => performance.now() }: { intervalMs?: number; now?: () => number } = {},
): ChunkBatcher {
  let held: unknown[] = [];
  let batching = false;
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (held.length === 0) return;
    const chunks = held;
    held = [];
    lastSent = now();
    send(chunks.length === 1 ? { t: 'chunk', data: chunks[0] } : { t: 'chunks', data: chunks });
  };
  return {
    add(chunk) {
      held.push(chunk);
      if (!batching) {
        batching = shown(chunk);
        flush();
        return;
      }
      timer ??= setTimeout(flush, Math.max(0, lastSent + intervalMs - now()));
    },
    flush,
  };
}
