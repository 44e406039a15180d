import type { Page } from '@playwright/test';
import { addProvider, dropPendingJob, expect, screenshotPath, test } from './fixtures';

/**
 * A year of use, written straight into the extension's IndexedDB as an older version would have
 * left it (no search index yet): 300 conversations of 10 messages, and one of 400.
 */
async function seedHistory(panel: Page) {
  await panel.evaluate(async () => {
    const open = indexedDB.open('switchyard');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // The panel indexes at idle after it opens: let that finish, so it does not mark our history done.
    for (let i = 0; i < 100; i++) {
      const read = db.transaction('meta').objectStore('meta').get('searchIndex');
      const state = await new Promise<{ done?: boolean } | undefined>((resolve) => (read.onsuccess = () => resolve(read.result as { done?: boolean } | undefined)));
      if (state?.done) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tx = db.transaction(['conversations', 'messages', 'searchTerms', 'meta'], 'readwrite');
    const topics = ['ballast', 'signals', 'sleepers', 'catenary', 'bogies', 'couplers'];
    const day = 86_400_000;
    const start = Date.now() - 365 * day;
    for (let c = 0; c < 300; c++) {
      const id = `conv_seed_${c}`;
      const topic = topics[c % topics.length];
      tx.objectStore('conversations').put({ id, title: `About ${topic} ${c}`, mode: 'chat', model: 'anthropic/claude-sonnet-4-5', createdAt: start + c * day, updatedAt: start + c * day });
      for (let m = 0; m < 10; m++) {
        const text = c === 123 && m === 7 ? 'The turntable at the old roundhouse still turns by hand.' : `Message ${m} on ${topic}: gauge, curves and maintenance windows.`;
        tx.objectStore('messages').put({ id: `msg_seed_${c}_${m}`, conversationId: id, role: m % 2 ? 'assistant' : 'user', content: text, createdAt: start + c * day + m });
      }
    }
    const long = 'conv_seed_long';
    tx.objectStore('conversations').put({ id: long, title: 'A very long planning session', mode: 'chat', model: 'anthropic/claude-sonnet-4-5', createdAt: Date.now() - day, updatedAt: Date.now() - day });
    for (let m = 0; m < 400; m++) {
      const content = m % 2 ? `Answer ${m}: **step ${m}** of the plan, with a list:\n\n- check the points\n- clear the block` : `Question ${m} about the timetable`;
      tx.objectStore('messages').put({ id: `msg_long_${String(m).padStart(3, '0')}`, conversationId: long, role: m % 2 ? 'assistant' : 'user', content, createdAt: Date.now() - day + m });
    }
    tx.objectStore('searchTerms').clear();
    tx.objectStore('meta').delete('searchIndex');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

test('a year of history: search finds one conversation among 300 (indexed in the background), and a 400-message conversation opens at its end', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-history');
  await dropPendingJob(options);
  await options.close();

  const panel = await extension.open('sidepanel');
  await expect(panel.getByLabel('Message')).toBeVisible();
  await seedHistory(panel);
  await panel.reload();

  await panel.getByRole('button', { name: 'History' }).click();
  await panel.getByLabel('Search conversations').fill('turntable roundh');
  const item = panel.getByTestId('history-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('history-snippet')).toContainText('turntable at the old roundhouse');
  await expect(item.locator('mark').first()).toHaveText(/turntable/i);
  await expect(panel.getByTestId('search-indexing')).toHaveCount(0);
  await panel.screenshot({ path: screenshotPath('history-search') });

  await panel.getByLabel('Search conversations').fill('planning session');
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: /^A very long planning session/ }).click();
  const answers = panel.getByTestId('message-assistant');
  await expect(answers).toHaveCount(200);
  await expect(answers.last()).toBeInViewport();
  await expect(answers.last().locator('strong')).toHaveText('step 399');
  // Answers far up render as plain text until scrolled near: far fewer parsed than there are.
  expect(await panel.locator('.sy-messages strong').count()).toBeLessThan(60);
  // Their text is still on the page, for find-in-page and copy.
  await expect(panel.getByText('Answer 1: **step 1** of the plan', { exact: false })).toHaveCount(1);
  await answers.first().scrollIntoViewIfNeeded();
  await expect(answers.first().locator('strong')).toHaveText('step 1');
  await panel.screenshot({ path: screenshotPath('long-conversation') });
});
