import { callBackground } from '@/lib/messaging/browser';
import { requestSiteAccess } from '@/lib/page-api/host-permissions';
import { isPresent, siteOf, withSite } from '@/lib/page-api/presence';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';

/** The page API on the site of the current tab: off by default, turned on or off here in one click. */
export function SitePresence({ tab }: { tab: { id?: number; url?: string } | undefined }) {
  const presence = useLoad(() => callBackground('pageApi.presence', {}));
  const action = useAction();
  const origin = siteOf(tab?.url);
  const current = presence.data;
  if (!origin || !current) return null;
  const on = isPresent(current, origin);
  const host = new URL(origin).host;

  function toggle() {
    if (!current || !origin) return;
    // Asked inside the click: browsers grant host access only during a user gesture.
    const ask = on ? Promise.resolve(true) : requestSiteAccess(origin);
    void action.run(async () => {
      if (!(await ask)) throw new Error(`The browser did not grant access to ${host}.`);
      await callBackground('pageApi.setPresence', withSite(current, origin, !on));
      if (!on && tab?.id !== undefined) await callBackground('pageApi.injectTab', { tabId: tab.id }).catch(() => undefined);
      presence.reload();
      return on ? `${host} can no longer see Switchyard (after a reload).` : `${host} can now ask to use your models.`;
    });
  }

  return (
    <div className="sy-card sy-site-presence" data-testid="site-presence">
      <div className="sy-row">
        <span>
          Page API on <strong>{host}</strong>: {on ? 'on' : 'off'}
        </span>
        <span className="sy-spacer" />
        {current.mode !== 'all' && (
          <Button onClick={toggle} disabled={action.busy}>
            {on ? 'Turn off' : 'Turn on'}
          </Button>
        )}
      </div>
      <p className="sy-small sy-muted">
        {current.mode === 'all'
          ? 'On for every site (change it in Settings → Web pages).'
          : on
            ? 'This site can see Switchyard and ask to use your models.'
            : 'This site cannot tell that you run Switchyard. Turn it on only for sites built to use it.'}
      </p>
      <Notice message={action.message} />
    </div>
  );
}
