import * as z from 'zod/mini';

/** What a content script hands over about its page. */
export const PageContent = z.object({
  url: z.string(),
  title: z.string(),
  text: z.string(),
  selection: z.string(),
  byline: z.nullable(z.string()),
  lang: z.nullable(z.string()),
  extractedWith: z.enum(['readability', 'body-text']),
});
export type PageContent = z.infer<typeof PageContent>;
