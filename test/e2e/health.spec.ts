import { addProvider, call, expect, screenshotPath, streamChat, test } from './fixtures';

test('an overloaded model is paused alone: its sibling still answers, and the popup and options say which model is paused', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'oai-health', name: 'OpenAI (health)', kind: 'openai', preset: 'openai', baseUrl: `${mock.url}/openai/v1` }, 'sk-oai-health-1');
  await call(options, 'routing.save', { fallbackChain: [], providerOrder: [], sort: 'none', timeouts: {}, retry: { maxRetries: 0 } });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });

  for (let i = 0; i < 3; i++) {
    mock.script('openai', { model: 'gpt-4o', fault: { type: 'status', status: 503, message: 'The model is overloaded' } });
    await expect(streamChat(options, { model: 'oai-health/gpt-4o', messages: [{ role: 'user', content: 'think hard' }] })).rejects.toThrow(/overloaded/);
  }
  const before = mock.requests.length;
  mock.script('openai', { text: 'The small model is fine.' });
  expect(await streamChat(options, { model: 'oai-health/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).toBe('The small model is fine.');
  expect(mock.requests.length).toBe(before + 1);

  const health = await call<{ provider: string; circuit: string; models: { model: string; circuit: string }[] }[]>(options, 'health.status');
  expect(health.data!.find((h) => h.provider === 'oai-health')).toMatchObject({ circuit: 'closed', models: [{ model: 'gpt-4o', circuit: 'open' }] });

  const popup = await extension.open('popup');
  const line = popup.getByTestId('health-oai-health');
  await expect(line).toHaveAttribute('data-circuit', 'closed');
  await expect(popup.getByTestId('health-oai-health-gpt-4o')).toContainText(/gpt-4o paused for \d+ s/);
  await popup.screenshot({ path: screenshotPath('popup-health-model-paused') });

  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.reload();
  await expect(options.getByTestId('provider-oai-health').getByTestId('health-oai-health-gpt-4o')).toContainText('paused');
  await options.getByTestId('provider-oai-health').screenshot({ path: screenshotPath('options-provider-health') });

  // A request to the paused model alone is still tried (nothing else could answer) rather than refused unsent.
  mock.script('openai', { model: 'gpt-4o', text: 'gpt-4o is back.' });
  expect(await streamChat(options, { model: 'oai-health/gpt-4o', messages: [{ role: 'user', content: 'again' }] })).toBe('gpt-4o is back.');
  await call(options, 'providers.remove', { id: 'oai-health' });
  await call(options, 'routing.save', { fallbackChain: [], providerOrder: [], sort: 'none', timeouts: {}, retry: {} });
  await popup.close();
  await options.close();
});
