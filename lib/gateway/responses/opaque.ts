/**
 * Content Switchyard hands a client to send back unread (reasoning state, a compaction's summary):
 * JSON, base64-encoded behind a prefix that says which kind it is. Opaque, not secret.
 */
export function encodeOpaque(prefix: string, value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return prefix + btoa(binary);
}

/** The value behind a prefix Switchyard wrote; undefined for anything else (another service's content). */
export function decodeOpaque(prefix: string, content: unknown): unknown {
  if (typeof content !== 'string' || !content.startsWith(prefix)) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(content.slice(prefix.length)), (c) => c.charCodeAt(0)))) as unknown;
  } catch {
    return undefined;
  }
}
