/** The part of Chrome's built-in Prompt API (`LanguageModel`) Switchyard uses. */
export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptSession {
  prompt(input: string, options?: { signal?: AbortSignal; responseConstraint?: unknown }): Promise<string>;
  promptStreaming(input: string, options?: { signal?: AbortSignal; responseConstraint?: unknown }): ReadableStream<string>;
  measureInputUsage?(input: string): Promise<number>;
  destroy(): void;
}

export interface PromptApi {
  availability(options?: Record<string, unknown>): Promise<Availability>;
  create(options?: { initialPrompts?: PromptMessage[]; temperature?: number; topK?: number; signal?: AbortSignal }): Promise<PromptSession>;
}

/** The browser's Prompt API, when this browser has one. */
export function browserPromptApi(): PromptApi | undefined {
  const api = (globalThis as { LanguageModel?: PromptApi }).LanguageModel;
  return api && typeof api.create === 'function' ? api : undefined;
}
