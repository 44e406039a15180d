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

/** An image (a file, a paste, a capture) as a PNG data URL at the size it is sent at (JPEG when a PNG would be too big). */
export async function preparedImage(source: Blob): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source);
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
