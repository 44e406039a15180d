import { useState } from 'react';
import { LEARN_AFTER_VOTES } from '@/lib/ranking/preferences';
import type { Tier } from '@/lib/gateway/auto-router';
import { autoTiersFrom } from '@/lib/gateway/auto-tiers';
import { callBackground } from '@/lib/messaging/browser';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { loadPreferences, savePreferences } from '@/lib/models/preferences';
import type { RoutingSettings } from '@/lib/settings/routing';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { OrderedList } from './OrderedList';

const TIERS: Tier[] = ['cheap', 'balanced', 'strong'];
const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));
const fromSeconds = (text: string) => (text.trim() === '' ? undefined : Math.round(Number(text) * 1000));

/** Routing defaults: default model, fallback chain, provider order and sort, auto tiers, timeouts and retries. */
export function RoutingPanel() {
  const loaded = useLoad(() =>
    Promise.all([callBackground('routing.get', {}), callBackground('catalog.models', {}), callBackground('providers.list', {}), loadPreferences()]),
  );
  if (!loaded.data) return <p className="sy-muted">{loaded.error ?? 'Loading…'}</p>;
  const [routing, catalog, providers, prefs] = loaded.data;
  return (
    <RoutingForm
      initial={routing}
      defaultModel={prefs.defaultModel ?? ''}
      models={catalog.models.filter((m) => m.providers.length > 0)}
      providers={providers.map((p) => ({ id: p.id, name: p.name }))}
    />
  );
}

function RoutingForm({ initial, defaultModel, models, providers }: { initial: RoutingSettings; defaultModel: string; models: ModelSummary[]; providers: { id: string; name: string }[] }) {
  const [draft, setDraft] = useState(initial);
  const [model, setModel] = useState(defaultModel);
  const action = useAction();
  const modelOptions = models.map((m) => ({ id: m.id, name: `${m.name} (${m.providers.join(', ')})` }));
  // Without the user's own lists, the tiers auto derives from the catalog for the models they can reach.
  const tiers = draft.autoTiers ?? autoTiersFrom(models);

  return (
    <section aria-labelledby="routing-title" className="sy-panel">
      <h2 id="routing-title">Routing</h2>
      <form
        className="sy-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await callBackground('routing.save', draft);
            await savePreferences((p) => ({ ...p, defaultModel: model || null }));
            return 'Routing saved.';
          });
        }}
      >
        <div className="sy-card">
          <Field id="routing-default" label="Default model" hint="What the side panel and “Summarize with” start with.">
            <select id="routing-default" value={model} onChange={(e) => setModel(e.target.value)}>
              <option value="">Automatic (a good all-round model you have a key for)</option>
              {modelOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="sy-grid-2">
          <div className="sy-card">
            <h3>Fallback chain</h3>
            <p className="sy-small sy-muted">When a request's model fails before answering, these are tried in order.</p>
            <OrderedList label="Fallback chain" items={draft.fallbackChain} options={modelOptions} onChange={(fallbackChain) => setDraft({ ...draft, fallbackChain })} />
          </div>
          <div className="sy-card">
            <h3>Provider order</h3>
            <p className="sy-small sy-muted">When several providers serve a model, these go first.</p>
            <OrderedList label="Provider order" items={draft.providerOrder} options={providers} onChange={(providerOrder) => setDraft({ ...draft, providerOrder })} />
            <Field id="routing-sort" label="Otherwise sort providers by">
              <select id="routing-sort" value={draft.sort} onChange={(e) => setDraft({ ...draft, sort: e.target.value as RoutingSettings['sort'] })}>
                <option value="none">catalog order</option>
                <option value="price">price</option>
                <option value="latency">latency (measured)</option>
                <option value="throughput">throughput (measured)</option>
              </select>
            </Field>
          </div>
        </div>
        <div className="sy-card">
          <h3>Auto router tiers</h3>
          <p className="sy-small sy-muted">Model “auto” picks a tier from the request (length, code, math, reasoning, tools, images); one catalog id per line, best first.</p>
          <div className="sy-grid-3">
            {TIERS.map((tier) => (
              <Field key={tier} id={`tier-${tier}`} label={tier}>
                <textarea
                  id={`tier-${tier}`}
                  rows={6}
                  value={tiers[tier].join('\n')}
                  onChange={(e) =>
                    setDraft({ ...draft, autoTiers: { ...tiers, [tier]: e.target.value.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 10) } })
                  }
                />
              </Field>
            ))}
          </div>
          <Field
            id="routing-learn"
            label="Learn from my votes"
            hint={`When you pick the best answer in a comparison, the kind of prompt (code, writing, math, …) is kept with your vote. With learning on, “auto” tries first, within the tier a request needs, the models your votes rate best for that kind. Automatic turns it on after ${LEARN_AFTER_VOTES} votes. Blind comparisons give the fairest votes.`}
          >
            <select id="routing-learn" value={draft.learnFromVotes} onChange={(e) => setDraft({ ...draft, learnFromVotes: e.target.value as RoutingSettings['learnFromVotes'] })}>
              <option value="auto">automatic (after {LEARN_AFTER_VOTES} votes)</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </Field>
        </div>
        <div className="sy-card">
          <h3>Timeouts and retries</h3>
          <div className="sy-grid-3">
            {(
              [
                ['connectMs', 'Connect (s)'],
                ['firstTokenMs', 'First token (s)'],
                ['idleMs', 'Silence between chunks (s)'],
                ['totalMs', 'Whole answer (s)'],
              ] as const
            ).map(([key, label]) => (
              <Field key={key} id={`timeout-${key}`} label={label}>
                <input
                  id={`timeout-${key}`}
                  type="number"
                  min="1"
                  placeholder="default"
                  value={seconds(draft.timeouts[key])}
                  onChange={(e) => setDraft({ ...draft, timeouts: { ...draft.timeouts, [key]: fromSeconds(e.target.value) } })}
                />
              </Field>
            ))}
            <Field id="retry-max" label="Retry rounds">
              <input
                id="retry-max"
                type="number"
                min="0"
                max="5"
                placeholder="2"
                value={draft.retry.maxRetries ?? ''}
                onChange={(e) => setDraft({ ...draft, retry: { ...draft.retry, maxRetries: e.target.value === '' ? undefined : Number(e.target.value) } })}
              />
            </Field>
          </div>
        </div>
        <Notice message={action.message} />
        <Button variant="primary" type="submit" disabled={action.busy}>
          Save routing
        </Button>
      </form>
    </section>
  );
}
