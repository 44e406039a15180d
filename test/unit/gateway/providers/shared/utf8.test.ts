import { describe, expect, it } from 'vitest';
import { Utf8Decoder } from '../../../../../lib/gateway/providers/shared/utf8';

const decodeInReads = (bytes: Uint8Array, cuts: number[]) => {
  const utf8 = new Utf8Decoder();
  let text = '';
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += utf8.decode(bytes.subarray(from, cut));
    from = cut;
  }
  return text + utf8.decode();
};

describe('decoding a body read by read', () => {
  const text = 'ascii, é, 中文, 🎉, \uFEFF inside, end';
  const bytes = new TextEncoder().encode(text);

  it('gives the same text wherever the reads split the bytes', () => {
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInReads(bytes, [cut])).toBe(text);
    for (let cut = 1; cut < bytes.length - 1; cut++) expect(decodeInReads(bytes, [cut, cut + 1])).toBe(text);
  });

  it('drops a byte-order mark only at the very start', () => {
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    for (const cut of [1, 2, 3, 5]) expect(decodeInReads(marked, [cut])).toBe(text);
  });

  it('turns broken bytes into replacement characters, as TextDecoder does', () => {
    const broken = new Uint8Array([0x61, 0xff, 0x62, 0xe4, 0xb8]);
    expect(decodeInReads(broken, [2])).toBe(new TextDecoder().decode(broken));
  });
});
