import { defaultUrlTransform } from 'react-markdown';

/** Only web and mail links survive in answers; javascript:, data: and the like become inert text. */
export function safeUrl(url: string): string {
  const transformed = defaultUrlTransform(url);
  return /^(https?:|mailto:|#)/i.test(transformed) ? transformed : '';
}
