import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, regionInPixels, scaledSize } from '../../../lib/chat/images';

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

describe('a dragged region in the capture’s pixels', () => {
  it('scales CSS pixels to the capture’s device pixels', () => {
    expect(regionInPixels({ x: 100, y: 50, width: 300, height: 200, viewportWidth: 1280 }, 2560, 1440)).toEqual({ x: 200, y: 100, width: 600, height: 400 });
  });

  it('keeps the rectangle inside the image', () => {
    expect(regionInPixels({ x: 1200, y: 700, width: 300, height: 200, viewportWidth: 1280 }, 1280, 720)).toEqual({ x: 1200, y: 700, width: 80, height: 20 });
    expect(regionInPixels({ x: -20, y: -5, width: 50, height: 50, viewportWidth: 1280 }, 1280, 720)).toEqual({ x: 0, y: 0, width: 50, height: 50 });
  });
});
