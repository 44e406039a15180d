import type { ChatRequest } from './openai-schema';
import { contentText } from './providers/shared/content';

export type Tier = 'cheap' | 'balanced' | 'strong';
export type AutoTiers = Record<Tier, string[]>;

export interface RequestFeatures {
  promptTokens: number;
  code: boolean;
  math: boolean;
  /** Signals of multi-step reasoning, with the words that triggered them. */
  reasoning: string[];
  tools: boolean;
  images: boolean;
  json: boolean;
}

export const CODE = [
  /```/,
  /\b(function|const|let|var|def|class|import|return|async|await|public static|#include|SELECT .* FROM|INSERT INTO)\b/,
  /\b(typescript|javascript|python|rust|golang|java|c\+\+|sql|regex|bash|dockerfile|kubernetes|react|api endpoint|json|yaml|xml|csv|html|css)\b/i,
  /\b(stack trace|traceback|exception|segfault|compile|compiler|refactor|unit test|bug|debug)\b/i,
  /[{};]\s*\n.*[{};]/s,
];
export const MATH = [
  /\b(prove|proof|theorem|lemma|integral|derivative|differentiate|integrate|equation|matrix|eigen\w*|probability|expected value|combinatorics?|modulo|prime factor\w*)\b/i,
  /\\(frac|sum|int|sqrt)|[∑∫√π≤≥]/,
  /\d+\s*[*/^]\s*\d+\s*[-+*/^=]\s*\d+/,
  /\b(solve for|how many ways)\b/i,
];
const REASONING: [RegExp, string][] = [
  [/\bstep[- ]by[- ]step\b/i, 'step by step'],
  [/\b(trade-?offs?|pros and cons)\b/i, 'trade-offs'],
  [/\b(design|architect\w*)\b/i, 'design'],
  [/\b(plan|strategy|roadmap)\b/i, 'planning'],
  [/\b(analy[sz]e|analysis|evaluate|critique|assess)\b/i, 'analysis'],
  [/\b(compare|contrast|versus|vs\.?)\b/i, 'comparison'],
  [/\b(why|root cause|explain (in detail|how|why))\b/i, 'explanation'],
  [/\b(optimi[sz]e|performance|scal(e|ability)|concurren\w*|race condition)\b/i, 'optimisation'],
  [/\b(first|then|finally|after that)\b.*\b(then|finally|after that)\b/is, 'multi-step instructions'],
];

export function lastUserText(request: ChatRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return last ? contentText(last.content) : '';
}

export function requestFeatures(request: ChatRequest, promptTokens: number): RequestFeatures {
  const text = lastUserText(request);
  const everything = request.messages.map((m) => contentText(m.content)).join('\n');
  const reasoning = REASONING.filter(([pattern]) => pattern.test(text)).map(([, label]) => label);
  const questions = (text.match(/\?/g) ?? []).length;
  if (questions >= 3) reasoning.push(`${questions} questions`);
  return {
    promptTokens,
    code: CODE.some((pattern) => pattern.test(everything)),
    math: MATH.some((pattern) => pattern.test(text)),
    reasoning,
    tools: Boolean(request.tools?.length),
    images: request.messages.some((m) => Array.isArray(m.content) && m.content.some((p) => p.type === 'image_url')),
    json: request.response_format?.type === 'json_schema' || request.response_format?.type === 'json_object',
  };
}

const LONG_PROMPT = 6_000;
const SHORT_PROMPT = 400;

/** The tier a request needs, and why, in words a user can read in the ledger. */
export function chooseTier(features: RequestFeatures): { tier: Tier; reason: string } {
  const signals: string[] = [];
  if (features.code) signals.push('code');
  if (features.math) signals.push('math');
  if (features.reasoning.length) signals.push(`reasoning (${features.reasoning.join(', ')})`);
  if (features.tools) signals.push('tools');
  if (features.images) signals.push('images');
  if (features.json) signals.push('structured output');
  const size = `${features.promptTokens.toLocaleString('en-US')} prompt tokens`;
  const why = (tier: Tier, because: string) => ({ tier, reason: `${tier}: ${because}; ${size}` });

  const deepReasoning = features.reasoning.length >= 2;
  if (features.math && (deepReasoning || /proof|prove/.test(features.reasoning.join()) || features.reasoning.length >= 1)) {
    return why('strong', signals.join(' + '));
  }
  if (features.code && (features.reasoning.length >= 1 || features.promptTokens > 1_500)) return why('strong', signals.join(' + '));
  if (deepReasoning) return why('strong', signals.join(' + '));
  if (features.promptTokens > LONG_PROMPT) return why('strong', `long context${signals.length ? ` + ${signals.join(' + ')}` : ''}`);
  if (features.math && features.promptTokens <= 60 && !features.code) return why('balanced', 'math');
  if (signals.length > 0) return why('balanced', signals.join(' + '));
  if (features.promptTokens <= SHORT_PROMPT) return why('cheap', 'a short, simple request');
  return why('balanced', 'a longer plain-text request');
}
