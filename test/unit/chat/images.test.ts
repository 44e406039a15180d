import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, scaledSize } from '../../../lib/chat/images';

describe('the size an image is sent at', () => {
  it.each([
    [2400, 1600],
    [4032, 3024],
    [1568, 20],
    [20_000, 300],
    [1071, 1071],
  ])('%i × %i stays within the side and pixel limits, its aspect kept', (width, height) => {
    const size = scaledSize(width, height);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
    // The aspect is kept to the pixel.
    expect(Math.abs(size.height - (size.width * height) / width)).toBeLessThanOrEqual(1);
  });

  it('leaves a small image as it is', () => {
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
