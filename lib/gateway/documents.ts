import { badRequest } from './errors';
import type { ChatRequest, ContentPart } from './openai-schema';
import { downloadInline, parseDataUrl, type InlineImage } from './providers/shared/images';
import type { ProviderConfig } from './providers/types';

/**
 * Documents (PDFs) in a prompt: which providers read them, what they cost in tokens, and their
 * bytes for formats that take documents inline. A provider without documents is passed over for
 * a request that has one, rather than sent a prompt it would answer without reading.
 */
export type FilePart = Extract<ContentPart, { type: 'file' }>;

export const isFilePart = (part: ContentPart): part is FilePart => part.type === 'file';

export const hasDocuments = (request: Pick<ChatRequest, 'messages'>) => request.messages.some((m) => Array.isArray(m.content) && m.content.some(isFilePart));

/** OpenAI's own API and OpenRouter take file parts; other OpenAI-compatible hosts do not. */
const OPENAI_HOSTS_WITH_FILES = new Set(['openai', 'openrouter', 'team']);

export function takesDocuments(provider: ProviderConfig): boolean {
  if (provider.kind === 'anthropic' || provider.kind === 'gemini' || provider.kind === 'bedrock') return true;
  return provider.kind === 'openai' && OPENAI_HOSTS_WITH_FILES.has(provider.preset ?? provider.id);
}

const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** A document's bytes as base64 with its media type: a data URL split, an http(s) URL downloaded. */
export async function inlineDocument(part: FilePart, fetchImpl: typeof fetch): Promise<InlineImage & { name: string }> {
  const name = part.file.filename ?? 'document';
  const source = part.file.file_data;
  if (!source) throw badRequest(`The document "${name}" is given by file_id, and Switchyard keeps no uploaded files: send its bytes as file_data.`, 'messages', 'file_id_not_supported');
  const inline = parseDataUrl(source);
  if (inline) return { ...inline, name };
  if (!/^https?:\/\//i.test(source)) throw badRequest(`The document "${name}" must be a base64 data: URL or an http(s) URL.`, 'messages');
  return { ...(await downloadInline(source, fetchImpl, { noun: 'document', maxBytes: MAX_DOCUMENT_BYTES, fallbackType: 'application/pdf' })), name };
}

/** Tokens a page costs at the providers that read PDFs as text and image (Anthropic's upper figure). */
const TOKENS_PER_PAGE = 3_000;
/** A page's size when the page objects cannot be counted (compressed object streams). */
const BYTES_PER_PAGE = 50_000;

/** A document's cost in prompt tokens, from its page count (or its size when pages cannot be counted). */
export function documentTokens(part: FilePart): number {
  const inline = part.file.file_data ? parseDataUrl(part.file.file_data) : undefined;
  if (!inline) return TOKENS_PER_PAGE;
  const bytes = Math.floor((inline.data.length * 3) / 4);
  if (!inline.mimeType.includes('pdf')) return Math.ceil(bytes / 4);
  const text = atob(inline.data.slice(0, 4_000_000));
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return Math.max(1, pages || Math.ceil(bytes / BYTES_PER_PAGE)) * TOKENS_PER_PAGE;
}
