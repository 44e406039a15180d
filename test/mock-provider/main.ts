import { startMockProvider } from './server';

/** The mock provider on its own: prints its URL, and serves until its parent goes. */
const mock = await startMockProvider();
process.stdout.write(`${mock.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
