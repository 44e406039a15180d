/** Width and height of a PNG, JPEG, GIF or WebP given as a data URL, read from its header; null when unknown. */
export function imageSize(url: string): { width: number; height: number } | null {
  const match = /^data:image\/[\w.+-]+;base64,/.exec(url);
  if (!match) return null;
  // The header is in the first few kilobytes (a JPEG's SOF may follow its EXIF block); a multiple of 4 base64 characters.
  let head: string;
  try {
    head = atob(url.slice(match[0].length, match[0].length + 87_384));
  } catch {
    return null;
  }
  const byte = (i: number) => head.charCodeAt(i);
  const u16 = (i: number) => (byte(i) << 8) | byte(i + 1);
  const u32 = (i: number) => ((byte(i) << 24) >>> 0) + (byte(i + 1) << 16) + (byte(i + 2) << 8) + byte(i + 3);
  if (head.startsWith('\x89PNG')) return { width: u32(16), height: u32(20) };
  if (head.startsWith('GIF8')) return { width: byte(6) | (byte(7) << 8), height: byte(8) | (byte(9) << 8) };
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') {
    const chunk = head.slice(12, 16);
    if (chunk === 'VP8X') return { width: 1 + (byte(24) | (byte(25) << 8) | (byte(26) << 16)), height: 1 + (byte(27) | (byte(28) << 8) | (byte(29) << 16)) };
    if (chunk === 'VP8 ') return { width: (byte(26) | (byte(27) << 8)) & 0x3fff, height: (byte(28) | (byte(29) << 8)) & 0x3fff };
    if (chunk === 'VP8L') {
      const b = (i: number) => byte(21 + i);
      return { width: 1 + (((b(1) & 0x3f) << 8) | b(0)), height: 1 + (((b(3) & 0xf) << 10) | (b(2) << 2) | ((b(1) & 0xc0) >> 6)) };
    }
    return null;
  }
  if (byte(0) === 0xff && byte(1) === 0xd8) {
    let i = 2;
    while (i + 9 < head.length) {
      if (byte(i) !== 0xff) return null;
      const marker = byte(i + 1);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16(i + 7), height: u16(i + 5) };
      i += 2 + u16(i + 2);
    }
  }
  return null;
}

/** An image's prompt tokens: (width × height) / 750 as Anthropic documents it, at most what a 1.15-megapixel image costs; 765 when the size is unknown. */
export function imageTokens(url: string): number {
  const size = imageSize(url);
  if (!size) return 765;
  return Math.min(1_600, Math.max(1, Math.ceil((size.width * size.height) / 750)));
}
