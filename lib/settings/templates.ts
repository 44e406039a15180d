import * as z from 'zod/mini';

/** Prompt templates for the context menu; {{selection}}, {{text}}, {{title}} and {{url}} are filled in. */
export const PromptTemplates = z.lazy(() =>
  z.object({
    summary: z.string().check(z.minLength(1), z.maxLength(4000)),
    keyPoints: z.string().check(z.minLength(1), z.maxLength(4000)),
    explain: z.string().check(z.minLength(1), z.maxLength(4000)),
    translate: z.string().check(z.minLength(1), z.maxLength(4000)),
    translateTo: z.string().check(z.minLength(1), z.maxLength(60)),
  }),
);
export type PromptTemplates = z.infer<typeof PromptTemplates>;
export type TemplateName = 'summary' | 'keyPoints' | 'explain' | 'translate';

export const DEFAULT_TEMPLATES: PromptTemplates = {
  summary: 'Summarize this in a short paragraph, then list the three most important points.\n\nFrom “{{title}}” ({{url}}):\n\n{{selection}}',
  keyPoints: 'List the key points of this as short bullets.\n\nFrom “{{title}}” ({{url}}):\n\n{{selection}}',
  explain: 'Explain this simply, as to a curious twelve-year-old.\n\nFrom “{{title}}” ({{url}}):\n\n{{selection}}',
  translate: 'Translate this into {{language}}. Keep the formatting.\n\n{{selection}}',
  translateTo: 'English',
};

export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  summary: 'Summarize',
  keyPoints: 'Key points',
  explain: 'Explain simply',
  translate: 'Translate',
};

/** Fills a template. {{selection}} falls back to the page text when nothing is selected. */
export function renderTemplate(template: string, vars: { selection?: string; text?: string; title?: string; url?: string; language?: string }): string {
  const values: Record<string, string> = {
    selection: vars.selection?.trim() || vars.text?.trim() || '',
    text: vars.text?.trim() ?? '',
    title: vars.title ?? '',
    url: vars.url ?? '',
    language: vars.language ?? 'English',
  };
  return template.replace(/\{\{\s*(selection|text|title|url|language)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}
