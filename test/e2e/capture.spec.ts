import type { Page } from '@playwright/test';
import { imageSize } from '../../lib/gateway/image-size';
import { addProvider, dropPendingJob, expect, ownExtension, screenshotPath, test as base, type Extension } from './fixtures';

// This browser's profile holds the user's grant of "capture any tab" (<all_urls>), recorded as
// Chrome records an accepted permission prompt: headless Chromium cannot show the prompt, nor
// give the toolbar gesture that grants activeTab. Everything after the grant is the real path.
const test = base.extend<object, { extension: Extension }>({
  extension: ownExtension({ grantedOrigins: ['<all_urls>'] }),
});

const BLUE = [0x2a, 0x5b, 0xd7];
const RED = [0xd7, 0x2a, 0x2a];
const CHART = `<!doctype html><title>Quarterly chart</title>
<body style="margin:0;height:2000px;background:#2a5bd7">
<div style="position:absolute;left:100px;top:80px;width:300px;height:220px;background:#d72a2a"></div></body>`;

/** The colour of one pixel of an image, read by the browser's own decoder. */
function pixel(page: Page, base64: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    async ([data, px, py]) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return [...context.getImageData(px, py, 1, 1).data.slice(0, 3)];
    },
    [base64, x, y] as const,
  );
}

function near(actual: number[], expected: number[]) {
  expect(actual.every((v, i) => Math.abs(v - expected[i]!) <= 3), `pixel ${actual} is not ${expected}`).toBe(true);
}

test('a captured tab and a captured region reach Claude as valid PNG parts showing what was on the page', async ({ extension, mock, pageServer }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-capture-1');
  await dropPendingJob(options);
  await options.close();

  const panel = await extension.open('sidepanel');
  const chat = panel.locator('section.sy-chat');
  const tab = await extension.context.newPage();
  await tab.goto(pageServer.serve(CHART));
  await tab.bringToFront();
  const viewport = await tab.evaluate(() => ({ width: innerWidth * devicePixelRatio, height: innerHeight * devicePixelRatio, ratio: devicePixelRatio }));

  await chat.getByRole('button', { name: 'Capture the tab' }).click();
  await expect(chat.getByRole('img', { name: 'Attached image 1' })).toBeVisible();

  await chat.getByRole('button', { name: 'Capture a region' }).click();
  await expect.poll(() => tab.evaluate(() => [...document.documentElement.children].filter((e) => e instanceof HTMLDivElement && e.style.zIndex === '2147483647').length)).toBe(1);
  await tab.mouse.move(100, 80);
  await tab.mouse.down();
  await tab.mouse.move(400, 300, { steps: 5 });
  await tab.mouse.up();
  await expect(chat.getByRole('img', { name: 'Attached image 2' })).toBeVisible();
  await expect(panel.getByTestId('image-error')).toHaveCount(0);

  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill('sonnet 4.5');
  await panel.getByRole('option', { name: /Claude Sonnet 4\.5/ }).first().click();
  mock.script('anthropic', { text: 'A red box on blue.' });
  await panel.getByLabel('Message').fill('What is in these two pictures?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('A red box on blue.');
  await panel.screenshot({ path: screenshotPath('sidepanel-captured'), fullPage: true });

  // The mock decoded both in full (an undecodable image is Anthropic's 400); here they are looked at.
  const sent = mock.requests.at(-1)!.body as { messages: { content: { type: string; source?: { media_type: string; data: string } }[] }[] };
  const [whole, region] = sent.messages.at(-1)!.content.filter((b) => b.type === 'image').map((b) => b.source!);
  expect(whole!.media_type).toBe('image/png');
  expect(region!.media_type).toBe('image/png');
  expect(imageSize(`data:image/png;base64,${whole!.data}`)).toEqual({ width: viewport.width, height: viewport.height });
  near(await pixel(panel, whole!.data, 150 * viewport.ratio, 100 * viewport.ratio), RED);
  near(await pixel(panel, whole!.data, 600 * viewport.ratio, 500 * viewport.ratio), BLUE);
  // The region is the dragged rectangle, in device pixels, and nothing of the overlay.
  expect(imageSize(`data:image/png;base64,${region!.data}`)).toEqual({ width: 300 * viewport.ratio, height: 220 * viewport.ratio });
  near(await pixel(panel, region!.data, 2, 2), RED);
  near(await pixel(panel, region!.data, 150 * viewport.ratio, 110 * viewport.ratio), RED);
  near(await pixel(panel, region!.data, 300 * viewport.ratio - 2, 220 * viewport.ratio - 2), RED);

  // Options says what the grant allows, and where Chrome takes it back (Site access in its
  // extension settings: Chrome refuses to let an extension remove <all_urls> itself).
  const pages = await extension.open('options');
  await pages.getByRole('link', { name: 'Web pages' }).click();
  await expect(pages.getByTestId('capture-access')).toContainText('can capture any tab');
  await pages.getByTestId('capture-access').screenshot({ path: screenshotPath('options-capture-access') });
  const settings = extension.context.waitForEvent('page');
  await pages.getByRole('button', { name: 'Change it in the browser’s settings for Switchyard' }).click();
  expect((await settings).url()).toBe(`chrome://extensions/?id=${extension.id}`);
  await pages.close();
  await tab.close();
});
