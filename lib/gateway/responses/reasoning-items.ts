import { ReasoningDetail } from '../reasoning';
import * as z from 'zod/mini';

/**
 * A reasoning item's encrypted_content is opaque to clients, who send it back as it came. Here it
 * carries the reasoning details a provider needs to go on (Claude's signed thinking, Gemini's
 * thought signatures), so a Responses client keeps them across turns with any provider.
 */
const PREFIX = 'sy1.';

export function encodeReasoning(details: ReasoningDetail[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(details));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary);
}

/** The details carried by encrypted_content Switchyard wrote; none for anything else (OpenAI's own). */
export function decodeReasoning(encrypted: string | null | undefined): ReasoningDetail[] {
  if (!encrypted?.startsWith(PREFIX)) return [];
  try {
    const binary = atob(encrypted.slice(PREFIX.length));
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    const parsed = z.array(ReasoningDetail).safeParse(json);
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
