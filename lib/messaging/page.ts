import * as z from 'zod/mini';

/** What a content script hands over about its page. */
export const PageContent = z.lazy(() =>
  z.object({
    url: z.string(),
    title: z.string(),
    text: z.string(),
    selection: z.string(),
    byline: z.nullable(z.string()),
    lang: z.nullable(z.string()),
    extractedWith: z.enum(['readability', 'body-text', 'pdf']),
    /** A PDF's bytes (base64), for the side panel to read with pdf.js: the page shows it in the browser's viewer. */
    pdfBase64: z.optional(z.string().check(z.maxLength(41_000_000))),
  }),
);
export type PageContent = z.infer<typeof PageContent>;
