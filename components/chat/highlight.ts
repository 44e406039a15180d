import rehypeHighlight from 'rehype-highlight';
import type { RehypePlugins } from './MarkdownRenderer';

/** Code highlighting for answers with fenced code; its own chunk, loaded on the first such answer. */
const highlight: RehypePlugins = [[rehypeHighlight, { detect: false }]];
export default highlight;
