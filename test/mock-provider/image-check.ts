import { inflateSync } from 'node:zlib';

/**
 * Whether base64 image data really is an image of its media type: a PNG is decoded in full (its
 * chunks, their CRCs skipped, the inflated pixel data sized to the header), a JPEG, GIF or WebP
 * must at least start as one. Providers refuse undecodable images with a 400; so does the mock.
 */
export function decodesAs(mediaType: string, base64: string): boolean {
  const bytes = Buffer.from(base64, 'base64');
  if (mediaType === 'image/png') return decodesAsPng(bytes);
  if (mediaType === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9;
  if (mediaType === 'image/gif') return bytes.subarray(0, 4).toString('latin1') === 'GIF8';
  if (mediaType === 'image/webp') return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return false;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function decodesAsPng(bytes: Buffer): boolean {
  if (bytes.length < 33 || bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') return false;
  let at = 8;
  let width = 0;
  let height = 0;
  let bitsPerPixel = 0;
  const data: Buffer[] = [];
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length !== length) return false;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const channels = CHANNELS[body[9]!];
      if (!channels || body[12] !== 0) return false; // interlaced images are valid, but none are made here
      bitsPerPixel = channels * body[8]!;
    }
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!width || !height || !data.length) return false;
  try {
    return inflateSync(Buffer.concat(data)).length === height * (1 + Math.ceil((width * bitsPerPixel) / 8));
  } catch {
    return false;
  }
}
