import { useState, type FormEvent } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { requestSiteAccess } from '@/lib/page-api/host-permissions';
import { siteOf, withSite, type PagePresence } from '@/lib/page-api/presence';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';

const MODES: { value: PagePresence['mode']; label: string; hint: string }[] = [
  { value: 'off', label: 'Off', hint: 'No page can find Switchyard. Recommended unless a site you use is built for it.' },
  { value: 'sites', label: 'Only on sites I choose', hint: 'window.switchyard exists on these sites alone.' },
  { value: 'all', label: 'On every site', hint: 'Every site you visit can tell that you run Switchyard, and may ask to use your models.' },
];

/** Where `window.switchyard` exists: off by default, on for chosen sites or all. */
export function PresenceSettings() {
  const presence = useLoad(() => callBackground('pageApi.presence', {}));
  const action = useAction();
  const [site, setSite] = useState('');
  const current = presence.data;

  const save = async (next: PagePresence, message: string) => {
    await callBackground('pageApi.setPresence', next);
    presence.reload();
    return message;
  };

  /** Host access is asked for first, inside the click, as browsers require. */
  function choose(mode: PagePresence['mode']) {
    if (!current) return;
    const ask = mode === 'all' ? requestSiteAccess('all') : Promise.resolve(true);
    void action.run(async () => {
      if (!(await ask)) throw new Error('The browser did not grant access to all sites, so nothing changed.');
      return save({ ...current, mode }, mode === 'off' ? 'The page API is off on every site.' : 'Saved. Reload open pages to use it there.');
    });
  }

  function add(e: FormEvent) {
    e.preventDefault();
    if (!current) return;
    const origin = siteOf(site.includes('://') ? site : `https://${site}`);
    if (!origin) {
      action.setMessage({ tone: 'error', text: `“${site}” is not a web address (https://example.com).` });
      return;
    }
    const ask = requestSiteAccess(origin);
    void action.run(async () => {
      if (!(await ask)) throw new Error(`The browser did not grant access to ${origin}, so it was not added.`);
      setSite('');
      return save({ ...withSite(current, origin, true), mode: 'sites' }, `Added ${origin}. Reload its open pages to use the page API there.`);
    });
  }

  return (
    <fieldset className="sy-card sy-presence" data-testid="page-presence">
      <legend>Where pages can find Switchyard</legend>
      <p className="sy-small sy-muted">
        With the page API on, a site can use your models through <code>window.switchyard</code>: it still has to ask you first and never sees a key. But any
        page where it exists can tell that you run Switchyard, so it is off until you turn it on.
      </p>
      {current &&
        MODES.map((m) => (
          <label key={m.value} className="sy-choice">
            <input type="radio" name="page-presence" value={m.value} checked={current.mode === m.value} onChange={() => choose(m.value)} />
            <span>
              <strong>{m.label}</strong> <span className="sy-small sy-muted">{m.hint}</span>
            </span>
          </label>
        ))}
      {current?.mode === 'sites' && (
        <>
          {current.sites.length === 0 ? (
            <p className="sy-small sy-muted">No site yet.</p>
          ) : (
            <ul className="sy-site-list" aria-label="Sites with the page API">
              {current.sites.map((s) => (
                <li key={s}>
                  <code>{s}</code>
                  <Button onClick={() => void action.run(() => save(withSite(current, s, false), `Removed ${s}.`))}>Remove</Button>
                </li>
              ))}
            </ul>
          )}
          <form className="sy-row" onSubmit={add}>
            <input aria-label="Site to allow" placeholder="https://example.com" value={site} onChange={(e) => setSite(e.target.value)} />
            <Button type="submit" disabled={!site.trim()}>
              Add site
            </Button>
          </form>
        </>
      )}
      <Notice message={action.message} testId="presence-result" />
    </fieldset>
  );
}
