import { ReasoningDetail } from '../reasoning';
import * as z from 'zod/mini';
import { decodeOpaque, encodeOpaque } from './opaque';

/**
 * A reasoning item's encrypted_content is opaque to clients, who send it back as it came. Here it
 * carries the reasoning details a provider needs to go on (Claude's signed thinking, Gemini's
 * thought signatures), so a Responses client keeps them across turns with any provider.
 */
const PREFIX = 'sy1.';

export function encodeReasoning(details: ReasoningDetail[]): string {
  return encodeOpaque(PREFIX, details);
}

/** The details carried by encrypted_content Switchyard wrote; none for anything else (OpenAI's own). */
export function decodeReasoning(encrypted: string | null | undefined): ReasoningDetail[] {
  const parsed = z.array(ReasoningDetail).safeParse(decodeOpaque(PREFIX, encrypted));
  return parsed.success ? parsed.data : [];
}
