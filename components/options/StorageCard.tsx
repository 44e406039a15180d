import { useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { browser } from '@/lib/platform/browser';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { DetailsStorage } from './DetailsStorage';
import { sizeText } from './size-text';

const KEEP = [null, 3, 6, 12, 24] as const;
/** What Switchyard stores here, whether the browser may evict it, and how long request details are kept. */
export function StorageCard() {
  const usage = useLoad(async () => {
    // Browsers never evict the data of an extension that holds unlimitedStorage (Firefox also makes
    // its IndexedDB persistent); persistence is asked for as well, in case the permission was removed.
    const unlimited = await browser.permissions.contains({ permissions: ['unlimitedStorage'] });
    const persisted = unlimited || (await navigator.storage.persisted()) || (await navigator.storage.persist());
    return { ...(await navigator.storage.estimate()), persisted };
  });
  const retention = useLoad(() => callBackground('retention.get', {}));
  const [keep, setKeep] = useState<string | null>(null);
  const saving = useAction();
  const current = keep ?? String(retention.data?.keepMonths ?? 'forever');

  return (
    <div className="sy-card" data-testid="storage-card">
      <h3>Storage</h3>
      <p className="sy-small" data-testid="storage-used">
        {sizeText(usage.data?.usage)} used on this device{usage.data?.quota ? ` (room for ${sizeText(usage.data.quota)})` : ''}.{' '}
        {usage.data && (usage.data.persisted ? 'The browser will not clear it to free space.' : 'The browser may clear it when the disk is full.')}
      </p>
      <Field id="retention" label="Keep the request list" hint="Daily totals (the charts above, and budgets) are kept for ever either way.">
        <select id="retention" value={current} onChange={(e) => setKeep(e.target.value)}>
          {KEEP.map((months) => (
            <option key={String(months)} value={String(months ?? 'forever')}>
              {months === null ? 'for ever' : `for ${months} months`}
            </option>
          ))}
        </select>
      </Field>
      <Button
        disabled={saving.busy || keep === null}
        onClick={() =>
          void saving.run(async () => {
            const saved = await callBackground('retention.save', { keepMonths: current === 'forever' ? null : Number(current) });
            retention.setData(saved);
            setKeep(null);
            usage.reload();
            return saved.deleted ? `Saved. ${saved.deleted.toLocaleString('en')} older requests were removed.` : 'Saved.';
          })
        }
      >
        Save
      </Button>
      <Notice message={saving.message} />
      <DetailsStorage />
    </div>
  );
}
