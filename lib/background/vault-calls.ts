import type { ServiceContext } from './service-context';

/** The vault's calls: its lock and passphrase. Each that changes which keys are readable rebuilds the gateway. */
export function vaultCalls({ vault, gateways }: Pick<ServiceContext, 'vault' | 'gateways'>) {
  const status = () => vault.status();
  const thenRebuild = async () => {
    gateways.invalidate();
    return status();
  };
  return {
    'vault.status': status,
    'vault.unlock': async ({ passphrase }: { passphrase: string }) => {
      await vault.unlock(passphrase);
      return thenRebuild();
    },
    'vault.setAsideUnreadable': async () => {
      await vault.setAsideUnreadable();
      return thenRebuild();
    },
    'vault.lock': async () => {
      await vault.lock();
      return thenRebuild();
    },
    'vault.setPassphrase': async ({ passphrase }: { passphrase: string }) => {
      await vault.setPassphrase(passphrase);
      return status();
    },
    'vault.changePassphrase': async ({ current, next }: { current: string; next: string }) => {
      await vault.changePassphrase(current, next);
      return thenRebuild();
    },
    'vault.removePassphrase': async ({ current }: { current: string }) => {
      await vault.removePassphrase(current);
      return thenRebuild();
    },
  };
}
