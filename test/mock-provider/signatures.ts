import { createHash } from 'node:crypto';

/**
 * Signatures the mock issues for thinking it wrote and checks when they come back, as Claude's
 * thinking signatures and Gemini's thought signatures are checked by the real APIs: a block
 * changed or made up by a client is refused.
 */
export function signatureOf(kind: string, content: string): string {
  return `mock-${kind}-${createHash('sha256').update(`${kind}\n${content}`).digest('base64url').slice(0, 32)}`;
}

export const isSignatureOf = (signature: unknown, kind: string, content: string) => signature === signatureOf(kind, content);
