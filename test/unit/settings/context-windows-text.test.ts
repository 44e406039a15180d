import { describe, expect, it } from 'vitest';
import { textToWindows, windowsToText } from '../../../lib/settings/context-windows-text';

describe("the provider form's context windows", () => {
  it('reads one "model = tokens" per line, with k and M, and writes them back', () => {
    const windows = textToWindows('llama3.2:1b = 131072\nmy-model = 32k\n\nvendor/model=1M\nbig = 200,000');
    expect(windows).toEqual({ 'llama3.2:1b': 131_072, 'my-model': 32_768, 'vendor/model': 1_048_576, big: 200_000 });
    expect(textToWindows(windowsToText(windows))).toEqual(windows);
  });

  it('says which line is wrong', () => {
    expect(() => textToWindows('ok = 4096\nnonsense')).toThrow(/line 2/);
    expect(() => textToWindows('tiny = 12')).toThrow(/line 1: a window is between 256/);
  });
});
