import { browser } from '@/lib/platform/browser';
import { CAPTURE_ORIGINS, hasCaptureAccess, requestCaptureAccess } from '@/lib/page/capture-access';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

/**
 * Chrome refuses to remove <all_urls> from an extension whose required sites it covers (ours:
 * the page reader, providers, localhost), so there the grant is taken back where Chrome keeps
 * it, under Site access in its extension settings. Firefox lets the extension remove it.
 */
async function takeBack() {
  if (import.meta.env.FIREFOX) await browser.permissions.remove({ origins: CAPTURE_ORIGINS });
  else await browser.tabs.create({ url: `chrome://extensions/?id=${browser.runtime.id}` });
}

/** Whether the side panel may capture any tab, or only the one it was opened from; and the switch. */
export function CaptureAccessCard() {
  const access = useLoad(hasCaptureAccess);
  return (
    <div className="sy-card" data-testid="capture-access">
      <h3>Capturing tabs</h3>
      <p className="sy-small">
        {access.data
          ? 'The side panel can capture any tab you ask it to. The browser lets Switchyard read every page for this; it captures only when you press Capture.'
          : 'The side panel can capture a tab after you open it from that tab (its toolbar button, shortcut or right-click menu). Allow it for any tab to capture without that step; the browser will ask, as this lets Switchyard read every page.'}
      </p>
      {access.data === undefined ? null : access.data ? (
        <Button onClick={() => void takeBack().then(access.reload)}>
          {import.meta.env.FIREFOX ? 'Only the tab it was opened from' : 'Change it in the browser’s settings for Switchyard'}
        </Button>
      ) : (
        <Button onClick={() => void requestCaptureAccess().then(access.reload)}>Allow capturing any tab</Button>
      )}
    </div>
  );
}
