import { describe, expect, it } from 'vitest';
import { imageSize, imageTokens } from '../../../lib/gateway/image-size';
import { makePng } from '../../support/png';

const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('image sizes from their headers', () => {
  it('reads a PNG’s, and prices it by its pixels', () => {
    const png = dataUrl('image/png', makePng(640, 480));
    expect(imageSize(png)).toEqual({ width: 640, height: 480 });
    expect(imageTokens(png)).toBe(Math.ceil((640 * 480) / 750));
  });

  it('reads a JPEG’s from its frame header, past other segments', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(imageSize(dataUrl('image/jpeg', jpeg))).toEqual({ width: 800, height: 600 });
  });

  it('caps a huge image at what a provider scales it to, and guesses for what it cannot read', () => {
    expect(imageTokens(dataUrl('image/png', makePng(4000, 3000)))).toBe(1600);
    expect(imageTokens('https://example.com/cat.png')).toBe(765);
    expect(imageSize('data:image/png;base64,@@@@')).toBeNull();
  });
});
