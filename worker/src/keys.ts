const encoder = new TextEncoder();

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The SHA-256 of a key, as D1 keeps it: a member key has 192 random bits, so a plain hash is enough. */
export async function hashKey(key: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(key)));
}

/** A new member key: "sy-team-" and 32 characters of base64url (192 random bits). */
export function newMemberKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `sy-team-${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_')}`;
}

/** The key a request carries as `Authorization: Bearer …` (or `x-api-key`, as Anthropic's clients send it). */
export function presentedKey(request: Request): string | undefined {
  const auth = request.headers.get('authorization');
  const key = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? request.headers.get('x-api-key')?.trim();
  return key || undefined;
}

/** Whether a presented secret is the expected one, comparing their hashes in constant time. */
export async function sameSecret(presented: string | undefined, expected: string | undefined): Promise<boolean> {
  if (!presented || !expected) return false;
  const [a, b] = await Promise.all([hashKey(presented), hashKey(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
