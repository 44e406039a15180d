import { callBackground } from '@/lib/messaging/browser';
import { CaptureAccessCard } from './CaptureAccessCard';
import { ConsentPrompts } from '../pageapi/ConsentPrompts';
import { PresenceSettings } from '../pageapi/PresenceSettings';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

/** Sites allowed (or refused) to use `window.switchyard`, and what they may do. */
export function PagesPanel() {
  const permissions = useLoad(() => callBackground('pageApi.permissions', {}));
  const entries = Object.entries(permissions.data ?? {});
  return (
    <section aria-labelledby="pages-title" className="sy-panel">
      <h2 id="pages-title">Web pages</h2>
      <p className="sy-muted">
        Where you turn it on, pages can ask to use your models through <code>window.switchyard</code> (an OpenAI-compatible API). Each site needs your
        permission first; it never sees a key, and its requests appear in the ledger as “page-api” and count against your budgets.
      </p>
      <PresenceSettings />
      <ConsentPrompts />
      <h3>Sites that asked</h3>
      {entries.length === 0 ? (
        <p className="sy-muted">No site has asked yet.</p>
      ) : (
        <table className="sy-table" data-testid="page-permissions">
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Decision</th>
              <th scope="col">Model</th>
              <th scope="col">Cost cap per request</th>
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {entries.map(([origin, p]) => (
              <tr key={origin}>
                <td>{origin}</td>
                <td>{p.decision === 'always' ? 'allowed' : 'denied'}</td>
                <td>{p.model ?? 'any'}</td>
                <td>{p.costCap === null ? 'budgets only' : `$${p.costCap}`}</td>
                <td>
                  <Button onClick={() => void callBackground('pageApi.revoke', { origin }).then(permissions.reload)}>Forget</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CaptureAccessCard />
    </section>
  );
}
