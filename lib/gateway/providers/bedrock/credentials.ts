import { AwsV4Signer } from 'aws4fetch';
import type { ProviderConfig } from '../types';

/** AWS credentials, kept in the vault as the provider's key (JSON), or a Bedrock API key. */
export type BedrockCredentials =
  | { kind: 'aws'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { kind: 'api-key'; token: string };

/** What a Bedrock provider's key holds: access key id, secret and session token as JSON, or a Bedrock API key. */
export function bedrockCredentials(apiKey: string | undefined): BedrockCredentials | undefined {
  if (!apiKey) return undefined;
  if (!apiKey.trimStart().startsWith('{')) return { kind: 'api-key', token: apiKey.trim() };
  try {
    const parsed = JSON.parse(apiKey) as { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown };
    if (typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string') return undefined;
    return { kind: 'aws', accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey, ...(typeof parsed.sessionToken === 'string' && parsed.sessionToken ? { sessionToken: parsed.sessionToken } : {}) };
  } catch {
    return undefined;
  }
}

/** The region of a provider: set on it, or read from its bedrock-runtime.<region>.amazonaws.com endpoint. */
export function bedrockRegion(provider: ProviderConfig): string {
  return provider.region ?? /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(provider.baseUrl)?.[1] ?? 'us-east-1';
}

/**
 * Headers for a Bedrock call: SigV4 signed with aws4fetch (a kept library, not hand-rolled) for
 * AWS credentials, or the API key as a bearer token.
 */
export async function bedrockHeaders(provider: ProviderConfig, url: string, body: string | undefined, accept: string): Promise<Record<string, string>> {
  const base = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), accept, ...provider.headers };
  const credentials = bedrockCredentials(provider.apiKey);
  if (!credentials) return base;
  if (credentials.kind === 'api-key') return { ...base, authorization: `Bearer ${credentials.token}` };
  const signer = new AwsV4Signer({
    url,
    method: body !== undefined ? 'POST' : 'GET',
    headers: base,
    ...(body !== undefined ? { body } : {}),
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    service: 'bedrock',
    region: bedrockRegion(provider),
  });
  const signed = await signer.sign();
  return Object.fromEntries(signed.headers.entries());
}
