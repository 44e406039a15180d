import * as z from 'zod/mini';
import type { UsageRecord } from '../gateway/record';
import { DEFAULT_DETAILS, DETAILS_KEY, DetailsSettings, detailsUsage, pruneDetails, readDetails, saveDetails } from '../ledger/details-store';
import type { WorkerLedger } from '../ledger/worker-db';
import { deviceKeyOrNew, type DeviceKeyStore } from '../platform/device-key';
import type { KeyValueStore } from '../platform/key-value-store';
import { storedSetting } from './stored-setting';

/** Prune after this many saves, so the size cap holds between the daily retention runs. */
const PRUNE_EVERY = 50;

/**
 * Requests' bodies for the inspector: kept while the setting is on (images as their size and
 * hash), sealed with the device key, dropped past their period and size cap.
 */
export function detailsKeeper(deps: { local: KeyValueStore; db: () => Promise<WorkerLedger>; deviceKeys: DeviceKeyStore; now: () => number }) {
  const settings = storedSetting(deps.local, DETAILS_KEY, (stored) => z.catch(DetailsSettings, DEFAULT_DETAILS).parse(stored ?? DEFAULT_DETAILS));
  let saves = 0;
  const prune = async () => pruneDetails(await deps.db(), await settings.get(), deps.now());
  return {
    settings,
    /** Keeps a finished request's details, when it has them and the setting is on. */
    async keep(record: UsageRecord): Promise<void> {
      if (!record.details || !(await settings.get()).keep) return;
      await saveDetails(await deps.db(), await deviceKeyOrNew(deps.deviceKeys), record.id, record.startedAt, record.details);
      if (++saves % PRUNE_EVERY === 0) await prune();
    },
    async read(id: string) {
      return readDetails(await deps.db(), await deps.deviceKeys.load(), id);
    },
    prune,
    async usage() {
      return detailsUsage(await deps.db());
    },
  };
}

export type DetailsKeeper = ReturnType<typeof detailsKeeper>;
