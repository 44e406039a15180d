import * as z from 'zod/mini';
import { later } from '../validation/later';

/**
 * Reasoning as OpenRouter carries it: `reasoning_details` on the assistant message (and in stream
 * deltas), typed entries a client sends back unchanged so each provider gets its own blocks again.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
 */
export const REASONING_FORMATS = {
  anthropic: 'anthropic-claude-v1',
  gemini: 'google-gemini-v1',
  openaiResponses: 'openai-responses-v1',
  unknown: 'unknown',
} as const;

// Built on first use: most requests and answers carry no reasoning entries.
export const ReasoningDetail = later(() =>
  z.looseObject({
    type: z.enum(['reasoning.text', 'reasoning.encrypted', 'reasoning.summary']),
    /** reasoning.text: the thinking, as shown. */
    text: z.nullish(z.string()),
    /** reasoning.text: the provider's proof that the text is its own (Claude's signature). */
    signature: z.nullish(z.string()),
    /** reasoning.encrypted: opaque data (Claude's redacted thinking, Gemini's thought signature). */
    data: z.nullish(z.string()),
    summary: z.nullish(z.string()),
    /** The tool call the entry belongs to (Gemini ties a thought signature to a function call). */
    id: z.nullish(z.string()),
    format: z.nullish(z.string()),
    index: z.nullish(z.number()),
  }),
);
export type ReasoningDetail = z.infer<typeof ReasoningDetail>;

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** OpenRouter's `reasoning` request parameter. */
export const ReasoningParam = later(() =>
  z.object({
    effort: z.optional(z.enum(REASONING_EFFORTS)),
    max_tokens: z.optional(z.int().check(z.positive())),
    exclude: z.optional(z.boolean()),
    enabled: z.optional(z.boolean()),
  }),
);
export type ReasoningParam = z.infer<typeof ReasoningParam>;

/** What a request asks of reasoning, from `reasoning` or `reasoning_effort`, in one shape. */
export interface ReasoningWish {
  /** False when the request turns reasoning off (effort "none", enabled: false). */
  on: boolean;
  effort?: Exclude<ReasoningEffort, 'none'>;
  maxTokens?: number;
  /** Do not return the reasoning text (it is still used, and still paid for). */
  exclude: boolean;
  /** The parameter the wish came from, for error messages. */
  param: 'reasoning' | 'reasoning_effort';
}

export function reasoningWish(request: { reasoning?: ReasoningParam | null; reasoning_effort?: ReasoningEffort | null }): ReasoningWish | undefined {
  const r = request.reasoning;
  if (r) {
    const off = r.enabled === false || r.effort === 'none';
    const effort = r.effort && r.effort !== 'none' ? r.effort : undefined;
    // `exclude` alone asks for nothing but hiding what the model does by default.
    if (!off && !effort && r.max_tokens === undefined && r.enabled !== true) return r.exclude ? { on: true, exclude: true, param: 'reasoning' } : undefined;
    return { on: !off, ...(effort ? { effort } : {}), ...(r.max_tokens !== undefined ? { maxTokens: r.max_tokens } : {}), exclude: r.exclude === true, param: 'reasoning' };
  }
  const effort = request.reasoning_effort;
  if (!effort) return undefined;
  return effort === 'none' ? { on: false, exclude: false, param: 'reasoning_effort' } : { on: true, effort, exclude: false, param: 'reasoning_effort' };
}

/** Thinking budgets per effort, as Google maps OpenAI's efforts to Gemini 2.5's budgets. */
export const EFFORT_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = { minimal: 1024, low: 1024, medium: 8192, high: 24576 };

/** The nearest effort for a token budget, for providers that only take an effort. */
export function effortForBudget(tokens: number): 'low' | 'medium' | 'high' {
  return tokens <= 2048 ? 'low' : tokens <= 12_000 ? 'medium' : 'high';
}

/** Entries a provider made, of the given format (and those that name none, which any may carry). */
export function detailsOf(details: readonly ReasoningDetail[] | null | undefined, format: string): ReasoningDetail[] {
  return (details ?? []).filter((d) => d.format === format || d.format == null || d.format === REASONING_FORMATS.unknown);
}
