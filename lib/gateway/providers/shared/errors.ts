import type { ProviderErrorDetails } from '../types';

/**
 * The message and code in a provider's error body, whatever its shape:
 * {error:{message,code|type|status}}, {error:"…"}, {message:"…"}, [{error:{…}}], or plain text.
 */
export function readErrorBody(status: number, text: string): ProviderErrorDetails {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const trimmed = text.trim().slice(0, 500);
    return { message: trimmed || `HTTP ${status} with an empty body` };
  }
  if (Array.isArray(json)) json = json[0];
  const record = (json ?? {}) as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return { message: error };
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(e).slice(0, 500);
    const code = [e.code, e.type, e.status].find((v): v is string => typeof v === 'string');
    return { message, code };
  }
  if (typeof record.message === 'string') return { message: record.message };
  if (typeof record.detail === 'string') return { message: record.detail };
  return { message: text.slice(0, 500) };
}
