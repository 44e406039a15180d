import { expect, test } from '@playwright/test';
import { launchUnattached } from '../support/unattached-chromium';
import { extensionPath } from './fixtures';

const STARTED_AT = "chrome.runtime.sendMessage({ channel: 'switchyard', type: 'app.status', payload: {} }).then((reply) => reply.data.startedAt)";

test('an open side panel keeps the background worker running past Chrome’s 30 idle seconds; the options page alone does not', async () => {
  test.setTimeout(120_000);
  const [withPanel, withOptions] = await Promise.all([launchUnattached(extensionPath), launchUnattached(extensionPath)]);
  try {
    const [panel, options] = await Promise.all([withPanel.open('sidepanel.html'), withOptions.open('options.html')]);
    const before = await Promise.all([panel(STARTED_AT), options(STARTED_AT)]);
    await new Promise((resolve) => setTimeout(resolve, 45_000));
    const after = await Promise.all([panel(STARTED_AT), options(STARTED_AT)]);
    // The same worker answers the panel; the options page's was stopped meanwhile and a new one answers.
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  } finally {
    await Promise.all([withPanel.close(), withOptions.close()]);
  }
});
