import { CODE, MATH } from './auto-router';

/** What a prompt asks for, in the few kinds a user's votes and `auto` are kept per. */
export const PROMPT_KINDS = ['code', 'math', 'writing', 'analysis', 'summary', 'translation', 'general'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const PROMPT_KIND_LABELS: Record<PromptKind, string> = {
  code: 'Code',
  math: 'Math',
  writing: 'Writing',
  analysis: 'Analysis',
  summary: 'Summaries',
  translation: 'Translation',
  general: 'General',
};

const TRANSLATION = /\b(translat(e|ion|ing)|into (english|french|german|spanish|italian|portuguese|dutch|polish|russian|ukrainian|chinese|japanese|korean|arabic|hindi|turkish))\b/i;
const SUMMARY = /\b(summari[sz]e|summary|tl;?dr|key (points|takeaways)|in (a few|three|3|two|2) (sentences|bullets|bullet points))\b/i;
const WRITING = /\b(write|draft|rewrite|reword|compose|proofread|polish|essay|e-?mail|letter|story|poem|blog post|tweet|cover letter|slogan|tagline|headline)\b/i;
const ANALYSIS = /\b(analy[sz]e|analysis|evaluate|critique|assess|compare|contrast|trade-?offs?|pros and cons|why|root cause|explain|reason about)\b/i;

/**
 * The kind of a prompt, by its words: translation and summaries first (they name themselves),
 * then code and math (their marks are unmistakable), then writing, then analysis.
 */
export function promptKind(text: string): PromptKind {
  if (TRANSLATION.test(text)) return 'translation';
  if (SUMMARY.test(text)) return 'summary';
  if (CODE.some((pattern) => pattern.test(text))) return 'code';
  if (MATH.some((pattern) => pattern.test(text))) return 'math';
  if (WRITING.test(text)) return 'writing';
  if (ANALYSIS.test(text)) return 'analysis';
  return 'general';
}
