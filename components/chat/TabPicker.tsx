import { useState } from 'react';
import type { PageTab } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import { browser } from '@/lib/platform/browser';
import { originsOf, readTabs, type TabReading } from '@/lib/page/read-tabs';
import { MAX_TABS, siteOf, type OpenTab } from '@/lib/page/tabs';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

interface Props {
  /** Tabs already in the question (by address): listed as such, not picked twice. */
  inQuestion: readonly string[];
  onAdd(tabs: PageTab[]): void;
  onClose(): void;
}

/**
 * "Add tabs…": the window's open tabs (title, site, favicon) to pick, each read with the page
 * reader. Tabs on sites the browser hides from Switchyard are shown once it may see tab titles
 * (the optional "tabs" permission, asked for only then); access to a picked tab's site is asked
 * for only when its page cannot be read without it.
 */
export function TabPicker({ inQuestion, onAdd, onClose }: Props) {
  const listed = useLoad(() => callBackground('tabs.list', {}));
  const tabs = listed.data;
  const [picked, setPicked] = useState<number[]>([]);
  const [reading, setReading] = useState(false);
  const [failed, setFailed] = useState<TabReading[]>([]);
  const [error, setError] = useState<string | null>(null);
  const room = MAX_TABS - inQuestion.length;

  const hidden = tabs?.filter((t) => !t.url).length ?? 0;
  const shown = tabs?.filter((t) => t.url) ?? [];
  const toggle = (id: number) => setPicked((now) => (now.includes(id) ? now.filter((p) => p !== id) : [...now, id]));

  async function seeAll() {
    if (await browser.permissions.request({ permissions: ['tabs'] })) listed.reload();
  }

  async function read(chosen: OpenTab[]) {
    setReading(true);
    setError(null);
    try {
      const readings = await readTabs(chosen);
      const pages = readings.flatMap((r) => (r.page ? [r.page] : []));
      const notRead = readings.filter((r) => !r.page);
      setFailed(notRead);
      if (pages.length) onAdd(pages);
      if (!notRead.length) onClose();
      else setPicked(notRead.map((r) => r.tab.id));
    } finally {
      setReading(false);
    }
  }

  async function allowAndRetry() {
    const chosen = failed.filter((f) => f.needsAccess).map((f) => f.tab);
    // One prompt for every site the picked tabs need, asked while the click still counts as the user's.
    if (!(await browser.permissions.request({ origins: originsOf(chosen) }))) {
      setError('Without access to these sites Switchyard cannot read their tabs.');
      return;
    }
    await read(chosen);
  }

  const chosenTabs = shown.filter((t) => picked.includes(t.id));
  return (
    <div className="sy-tab-picker" role="dialog" aria-label="Add tabs to the question" data-testid="tab-picker">
      <div className="sy-tab-picker-head">
        <strong>Add tabs to the question</strong>
        <button type="button" className="sy-link-button" aria-label="Close the tab list" onClick={onClose}>
          ✕
        </button>
      </div>
      {listed.error && (
        <p className="sy-alert sy-small" role="alert">
          {listed.error}
        </p>
      )}
      {!tabs && !listed.error && <p className="sy-small sy-muted">Listing this window's tabs…</p>}
      {tabs && (
        <ul className="sy-tab-list" aria-label="Open tabs">
          {shown.map((tab) => {
            const already = inQuestion.includes(tab.url);
            const full = !picked.includes(tab.id) && picked.length >= room;
            return (
              <li key={tab.id}>
                <label className={tab.unreadable || already ? 'sy-muted' : undefined} title={tab.unreadable ?? tab.url}>
                  <input type="checkbox" checked={picked.includes(tab.id) || already} disabled={Boolean(tab.unreadable) || already || full || reading} onChange={() => toggle(tab.id)} />
                  {tab.favIconUrl ? <img src={tab.favIconUrl} alt="" width={16} height={16} /> : <span className="sy-tab-icon" aria-hidden="true" />}
                  <span className="sy-tab-title">{tab.title || tab.url}</span>
                  <span className="sy-small sy-muted">
                    {siteOf(tab.url)}
                    {tab.active ? ' · this tab' : ''}
                    {already ? ' · in the question' : ''}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {hidden > 0 && (
        <p className="sy-small sy-muted">
          {hidden === 1 ? '1 tab is' : `${hidden} tabs are`} on sites whose tab titles the browser keeps from Switchyard.{' '}
          <button type="button" className="sy-link-button" onClick={() => void seeAll()}>
            Show all tabs
          </button>
        </p>
      )}
      {failed.length > 0 && (
        <div className="sy-alert sy-small" role="alert" data-testid="tab-read-errors">
          {failed.map((f) => (
            <p key={f.tab.id}>
              <strong>{f.tab.title || f.tab.url}</strong>: {f.error}
            </p>
          ))}
          {failed.some((f) => f.needsAccess) && (
            <button type="button" className="sy-link-button" onClick={() => void allowAndRetry()} disabled={reading}>
              Allow access to {originsOf(failed.filter((f) => f.needsAccess).map((f) => f.tab)).length === 1 ? 'this site' : 'these sites'} and read again
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="sy-alert sy-small" role="alert">
          {error}
        </p>
      )}
      <div className="sy-row">
        <Button variant="primary" disabled={!chosenTabs.length || reading} onClick={() => void read(chosenTabs)} data-testid="add-picked-tabs">
          {reading ? 'Reading…' : chosenTabs.length ? `Add ${chosenTabs.length} ${chosenTabs.length === 1 ? 'tab' : 'tabs'}` : 'Add tabs'}
        </Button>
        <span className="sy-small sy-muted">Up to {MAX_TABS} tabs in one question.</span>
      </div>
    </div>
  );
}
