import { useState } from 'react';
import type { DetailsSettings } from '@/lib/ledger/details-store';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { sizeText } from './size-text';

/** Whether, how long and how much of what requests sent and answered is kept for the inspector. */
export function DetailsStorage() {
  const loaded = useLoad(() => callBackground('details.get', {}));
  const [draft, setDraft] = useState<DetailsSettings | null>(null);
  const saving = useAction();
  const current = draft ?? loaded.data;
  if (!current) return loaded.error ? <p className="sy-alert">{loaded.error}</p> : null;
  const change = (patch: Partial<DetailsSettings>) => setDraft({ keep: current.keep, keepDays: current.keepDays, maxMb: current.maxMb, ...patch });
  return (
    <fieldset className="sy-fieldset" data-testid="details-storage">
      <legend>Request details for the inspector</legend>
      <label>
        <input type="checkbox" checked={current.keep} onChange={(e) => change({ keep: e.target.checked })} /> Keep request details: what each request sent to its providers and what they answered
      </label>
      <div className="sy-row">
        <Field id="details-days" label="For (days)">
          <input id="details-days" type="number" min={1} max={365} value={current.keepDays} disabled={!current.keep} onChange={(e) => change({ keepDays: Number(e.target.value) })} />
        </Field>
        <Field id="details-mb" label="Up to (MB)">
          <input id="details-mb" type="number" min={1} max={10000} value={current.maxMb} disabled={!current.keep} onChange={(e) => change({ maxMb: Number(e.target.value) })} />
        </Field>
      </div>
      <p className="sy-small sy-muted" data-testid="details-used">
        {loaded.data ? `${loaded.data.count.toLocaleString('en')} requests kept, ${sizeText(loaded.data.bytes)}, sealed with this device’s key; images as their size and hash, not their bytes.` : ''}
      </p>
      <Button
        disabled={saving.busy || draft === null}
        onClick={() =>
          void saving.run(async () => {
            const saved = await callBackground('details.save', current);
            loaded.setData(saved);
            setDraft(null);
            return saved.dropped ? `Saved. Details of ${saved.dropped.toLocaleString('en')} requests were dropped.` : 'Saved.';
          })
        }
      >
        Save details setting
      </Button>
      <Notice message={saving.message} />
    </fieldset>
  );
}
