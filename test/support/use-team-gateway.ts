import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMockProvider } from '../mock-provider/server';
import { startTeamGateway, type TeamGateway, type TeamGatewayOptions } from './team-gateway';

export { ADMIN_KEY } from './team-gateway';

/** The team gateway for a Vitest file: started (with its own mock provider) before its tests, the mock reset before each. */
export function useTeamGateway(options: TeamGatewayOptions = {}): TeamGateway {
  const team = {} as TeamGateway & { close(): Promise<void> };
  beforeAll(async () => {
    // Descriptors, not values: the URL is a getter (a restart may move it).
    Object.defineProperties(team, Object.getOwnPropertyDescriptors(await startTeamGateway(await startMockProvider(), options)));
  }, 60_000);
  afterAll(async () => {
    await team.close?.();
    await team.mock?.close();
  });
  beforeEach(() => team.mock.reset());
  return team;
}
