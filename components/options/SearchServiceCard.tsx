import { useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { canReadAnySite, READ_ANY_SITE } from '@/lib/page/any-site';
import { browser } from '@/lib/platform/browser';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';

type Kind = 'brave' | 'tavily' | 'exa';

/** Each service's name, where its keys are made, and the address the background calls (asked for when it is chosen). */
const SERVICES: Record<Kind, { name: string; keys: string; origin: string }> = {
  brave: { name: 'Brave Search', keys: 'api-dashboard.search.brave.com', origin: 'https://api.search.brave.com/*' },
  tavily: { name: 'Tavily', keys: 'app.tavily.com', origin: 'https://api.tavily.com/*' },
  exa: { name: 'Exa', keys: 'dashboard.exa.ai', origin: 'https://api.exa.ai/*' },
};

/**
 * "Search the web" for models without search of their own: a search service the user adds, whose
 * results go to the model as numbered sources it cites. Its key is kept in the vault with the
 * providers' keys.
 */
export function SearchServiceCard() {
  const current = useLoad(() => callBackground('search.get', {}));
  const access = useLoad(canReadAnySite);
  const [kind, setKind] = useState<Kind | ''>('');
  const [key, setKey] = useState('');
  const [readPages, setReadPages] = useState<boolean | undefined>(undefined);
  const action = useAction();
  const chosen: Kind | '' = kind || current.data?.kind || '';
  const reading = readPages ?? current.data?.readPages ?? false;

  const save = () =>
    action.run(async () => {
      if (!chosen) {
        await callBackground('search.save', { service: null });
        current.reload();
        return 'No search service: models without their own search answer without the web.';
      }
      // The service's address (and every site, to read the results), allowed now while the click still counts as the user's.
      const origins = [SERVICES[chosen].origin, ...(reading ? READ_ANY_SITE : [])];
      // Asked before anything is awaited (Firefox takes a request as the user's only then); origins already granted answer true without a prompt.
      if (!(await browser.permissions.request({ origins }))) {
        throw new Error(reading ? `Switchyard needs permission to reach ${SERVICES[chosen].name} and the pages it finds to read them.` : `Switchyard needs permission to reach ${SERVICES[chosen].name} to search with it.`);
      }
      const baseUrl = current.data?.kind === chosen ? current.data.baseUrl : undefined;
      await callBackground('search.save', { service: { kind: chosen, ...(baseUrl ? { baseUrl } : {}), readPages: reading }, ...(key.trim() ? { apiKey: key.trim() } : {}) });
      setKey('');
      setReadPages(undefined);
      current.reload();
      access.reload();
      return `${SERVICES[chosen].name} searches for models without search of their own${reading ? ', and Switchyard reads the pages it finds' : ''}.`;
    });

  return (
    <div className="sy-card" data-testid="search-service">
      <h3>Web search for every model</h3>
      <p className="sy-small sy-muted">
        Claude, Gemini, OpenAI, OpenRouter and Perplexity search with their own search when you turn on “Search the web”. For every other model, a search service finds the pages
        and the model answers from them, citing each by number.
      </p>
      {current.data && (
        <p className="sy-small" data-testid="search-service-current">
          {SERVICES[current.data.kind].name} · key {current.data.keyHint ?? 'not set'}
          {current.data.readPages ? (access.data === false ? ' · reads the result pages once access to every site is granted again (save to ask)' : ' · reads the result pages') : ''}
        </p>
      )}
      <Field id="search-service-kind" label="Search service">
        <select id="search-service-kind" value={chosen} onChange={(e) => setKind(e.target.value as Kind | '')}>
          <option value="">None</option>
          {(Object.keys(SERVICES) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {SERVICES[k].name}
            </option>
          ))}
        </select>
      </Field>
      {chosen && (
        <Field id="search-service-key" label={`${SERVICES[chosen].name} API key`} hint={`Made at ${SERVICES[chosen].keys}. ${current.data?.kind === chosen ? 'Leave empty to keep the saved key.' : ''}`}>
          <input id="search-service-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </Field>
      )}
      {chosen && (
        <p className="sy-small">
          <label>
            <input type="checkbox" checked={reading} onChange={(e) => setReadPages(e.target.checked)} /> Read the result pages: the model gets each page’s article, read in this
            browser (without your cookies, a few seconds at most), instead of the service’s snippets. Needs access to every site.
          </label>
        </p>
      )}
      <Button variant="primary" onClick={() => void save()} disabled={action.busy}>
        Save search service
      </Button>
      <Notice message={action.message} testId="search-service-notice" />
    </div>
  );
}
