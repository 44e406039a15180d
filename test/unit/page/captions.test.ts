import { describe, expect, it } from 'vitest';
import { captionTrackOf, readCaptions, transcriptOf, withTranscript } from '@/lib/page/captions';

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ada>Welcome to the <b>yard</b> tour.

00:00:04.000 --> 00:00:07.500
Cars roll over the hump &amp; onto their track.

01:02:03.000 --> 01:02:05.000
That is all.
`;

// Speech recognition's rolling captions: each cue repeats the line before it.
const ROLLING = `WEBVTT

00:00:00.000 --> 00:00:02.000
the hump sorts

00:00:02.000 --> 00:00:04.000
the hump sorts
freight cars by track
`;

/** Just enough of a Document for the YouTube path: no <video> tracks, the page's language and scripts. */
function docWithScripts(scripts: string, url = 'https://www.youtube.com/watch?v=abc123', lang = 'en'): Document {
  return {
    URL: url,
    baseURI: url,
    documentElement: { lang },
    querySelectorAll: (selector: string) => (selector.startsWith('script') ? [{ textContent: scripts }] : []),
  } as unknown as Document;
}

const playerResponse = (tracks: unknown[]) =>
  `var ytInitialPlayerResponse = {"videoDetails":{"videoId":"abc123"},"captions":{"playerCaptionsTracklistRenderer":{"captionTracks":${JSON.stringify(tracks)}}}};`;

describe('captions', () => {
  it('reads a WebVTT file as a transcript with timestamps, tags and entities gone', async () => {
    expect(await transcriptOf(VTT)).toBe('[0:01] Welcome to the yard tour.\n[0:04] Cars roll over the hump & onto their track.\n[1:02:03] That is all.');
  });

  it('says each line of rolling captions once', async () => {
    expect(await transcriptOf(ROLLING)).toBe('[0:00] the hump sorts\n[0:02] freight cars by track');
  });

  it("finds YouTube's caption tracks in the watch page: the page's language, people's captions over generated ones", () => {
    const scripts = playerResponse([
      { baseUrl: 'https://www.youtube.com/api/timedtext?v=abc123&lang=en&kind=asr', languageCode: 'en', kind: 'asr', name: { simpleText: 'English (auto-generated)' } },
      { baseUrl: 'https://www.youtube.com/api/timedtext?v=abc123&lang=de', languageCode: 'de', name: { simpleText: 'German' } },
      { baseUrl: 'https://www.youtube.com/api/timedtext?v=abc123&lang=en', languageCode: 'en', name: { simpleText: 'English' } },
    ]);
    const track = captionTrackOf(docWithScripts(scripts));
    expect(track).toEqual({ url: 'https://www.youtube.com/api/timedtext?v=abc123&lang=en&fmt=vtt', lang: 'en', label: 'English' });
    // Only generated ones: the generated one it is.
    const generated = captionTrackOf(docWithScripts(playerResponse([{ baseUrl: '/api/timedtext?v=abc123&kind=asr', languageCode: 'en', kind: 'asr' }])));
    expect(generated?.url).toBe('https://www.youtube.com/api/timedtext?v=abc123&kind=asr&fmt=vtt');
    expect(captionTrackOf(docWithScripts('var nothing = 1;'))).toBeUndefined();
  });

  it("fetches the watch page afresh when the page's scripts name an earlier video (YouTube moves without loading)", async () => {
    const stale = docWithScripts(playerResponse([{ baseUrl: '/api/timedtext?v=old', languageCode: 'en' }]).replace('abc123', 'old'));
    const fetched: string[] = [];
    const result = await readCaptions(stale, async (url) => {
      fetched.push(url);
      return url.includes('timedtext') ? VTT : `<script>${playerResponse([{ baseUrl: '/api/timedtext?v=abc123', languageCode: 'en', name: { simpleText: 'English' } }])}</script>`;
    });
    expect(fetched).toEqual(['https://www.youtube.com/watch?v=abc123', 'https://www.youtube.com/api/timedtext?v=abc123&fmt=vtt']);
    expect(withTranscript({ text: 'About the yard.' }, result!).text).toBe(`About the yard.\n\nTranscript of the video (captions: English):\n${await transcriptOf(VTT)}`);
  });
});
