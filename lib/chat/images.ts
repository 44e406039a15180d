/**
 * What every provider accepts: Anthropic scales anything over 1568 px on its long side (or about
 * 1.15 megapixels) down itself, and charges for what it keeps; OpenAI's and Gemini's limits are
 * larger. Scaling here first makes the upload small and the estimate exact.
 */
export const MAX_IMAGE_SIDE = 1568;
export const MAX_IMAGE_PIXELS = 1_150_000;
/** Anthropic refuses base64 images over 5 MB; screenshots that big become JPEG. */
const MAX_PNG_BYTES = 3_750_000;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** The size an image is sent at: within both limits, its aspect kept. */
export function scaledSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height), Math.sqrt(MAX_IMAGE_PIXELS / (width * height)));
  // Rounded down: rounding up could land a pixel row over the limit.
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A region the user dragged out (CSS pixels of a viewport `viewportWidth` wide) in the pixels of
 * a capture `imageWidth` × `imageHeight` (device pixels: 2× on a high-density screen), kept inside it.
 */
export function regionInPixels(region: PixelRect & { viewportWidth: number }, imageWidth: number, imageHeight: number): PixelRect {
  const scale = imageWidth / region.viewportWidth;
  const x = Math.max(0, Math.min(imageWidth - 1, Math.round(region.x * scale)));
  const y = Math.max(0, Math.min(imageHeight - 1, Math.round(region.y * scale)));
  return { x, y, width: Math.max(1, Math.min(imageWidth - x, Math.round(region.width * scale))), height: Math.max(1, Math.min(imageHeight - y, Math.round(region.height * scale))) };
}

/** An image (a file, a paste, a capture or a part of one) as a PNG data URL at the size it is sent at (JPEG when a PNG would be too big). */
export async function preparedImage(source: Blob, crop?: PixelRect & { viewportWidth: number }): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    if (crop) {
      const whole = await createImageBitmap(source);
      const part = regionInPixels(crop, whole.width, whole.height);
      whole.close();
      bitmap = await createImageBitmap(source, part.x, part.y, part.width, part.height);
    } else {
      bitmap = await createImageBitmap(source);
    }
  } catch (error) {
    throw new Error('This image could not be opened (it may be damaged, or a format the browser cannot show).', { cause: error });
  }
  const { width, height } = scaledSize(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  let blob = await canvas.convertToBlob({ type: 'image/png' });
  if (blob.size > MAX_PNG_BYTES) blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return dataUrlOf(blob);
}
