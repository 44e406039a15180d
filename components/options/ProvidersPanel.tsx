import { useState } from 'react';
import { PROVIDER_PRESETS } from '@/lib/gateway/providers/presets';
import { callBackground } from '@/lib/messaging/browser';
import { HealthLine } from '../HealthLine';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { StatusDot } from '../ui/StatusDot';
import { useAction, useLoad } from '../ui/useCall';
import { draftFromPreset, ProviderForm, type ProviderDraft } from './ProviderForm';
import { SearchServiceCard } from './SearchServiceCard';

const CHROME_AI_STATE = {
  available: 'ready on this device',
  downloadable: 'Chrome can download it',
  downloading: 'Chrome is downloading it',
  unavailable: 'not available in this browser',
} as const;

/** Configured providers: add from a preset, edit, enable or disable, test, remove. */
export function ProvidersPanel() {
  const providers = useLoad(() => callBackground('providers.list', {}));
  const chromeAi = useLoad(() => callBackground('chromeAi.status', {}));
  const health = useLoad(() => callBackground('health.status', {}));
  const vault = useLoad(() => callBackground('vault.status', {}));
  const [editing, setEditing] = useState<{ draft: ProviderDraft; isNew: boolean } | null>(null);
  const [tests, setTests] = useState<Record<string, { tone: 'ok' | 'error'; text: string }>>({});
  const action = useAction();
  const list = providers.data ?? [];
  const healthOf = (id: string) => health.data?.find((h) => h.provider === id && (h.circuit !== 'unknown' || h.models.length > 0));

  async function test(id: string) {
    setTests((t) => ({ ...t, [id]: { tone: 'ok', text: 'Testing…' } }));
    try {
      const { models } = await callBackground('providers.test', { id });
      const names = models.slice(0, 6).map((m) => m.id).join(', ');
      setTests((t) => ({ ...t, [id]: { tone: 'ok', text: `Connected: ${models.length} models (${names}${models.length > 6 ? ', …' : ''})` } }));
    } catch (e) {
      setTests((t) => ({ ...t, [id]: { tone: 'error', text: e instanceof Error ? e.message : String(e) } }));
    }
  }

  return (
    <section aria-labelledby="providers-title" className="sy-panel">
      <h2 id="providers-title">Providers and keys</h2>
      <p className="sy-muted">Keys are kept encrypted in this browser and used only by Switchyard's background; pages, websites and content scripts never see them.</p>
      {providers.error && <p className="sy-alert">{providers.error}</p>}
      {vault.data?.unreadable && (
        <div className="sy-alert sy-cut" role="alert" data-testid="vault-unreadable">
          <p>
            <strong>Your saved keys cannot be read.</strong> The key that encrypts them is gone from this browser (its site data was cleared) or the stored keys
            are damaged. Provider settings are kept; enter each key again to go on. The unreadable keys are set aside, not deleted.
          </p>
          <Button
            variant="primary"
            onClick={() =>
              void action.run(async () => {
                await callBackground('vault.setAsideUnreadable', {});
                vault.reload();
                providers.reload();
                return 'Enter each provider’s key again with Edit.';
              })
            }
          >
            Enter keys again
          </Button>
        </div>
      )}
      <ul className="sy-provider-list">
        {list.map((p) => (
          <li key={p.id} className="sy-card" data-testid={`provider-${p.id}`}>
            <div className="sy-row">
              <StatusDot tone={!p.enabled ? 'idle' : tests[p.id]?.tone === 'error' ? 'danger' : tests[p.id] ? 'ok' : 'idle'} />
              <strong>{p.name}</strong>
              <span className="sy-small sy-muted">
                {p.id} · {p.baseUrl} · {p.keySet ? `key ${p.keyHint}` : 'no key'}
              </span>
              <span className="sy-spacer" />
              <label className="sy-small">
                <input
                  type="checkbox"
                  checked={p.enabled}
                  onChange={(e) =>
                    void action.run(async () => {
                      const { keySet: _k, keyHint: _h, ...settings } = p;
                      await callBackground('providers.save', { settings: { ...settings, enabled: e.target.checked } });
                      providers.reload();
                    })
                  }
                />{' '}
                Enabled
              </label>
              <Button onClick={() => void test(p.id)} disabled={!p.enabled}>
                Test connection
              </Button>
              <Button onClick={() => setEditing({ draft: { ...p, headers: p.headers ?? {} }, isNew: false })}>Edit</Button>
              <Button
                onClick={() => {
                  if (confirm(`Remove ${p.name} and its key?`)) void action.run(async () => void (await callBackground('providers.remove', { id: p.id }), providers.reload()));
                }}
              >
                Remove
              </Button>
            </div>
            {tests[p.id] && <Notice message={tests[p.id]!} testId={`test-result-${p.id}`} />}
            {healthOf(p.id) && <HealthLine health={healthOf(p.id)!} label="Host" />}
          </li>
        ))}
      </ul>
      <Notice message={action.message} />
      {editing ? (
        <ProviderForm
          key={editing.draft.id}
          initial={editing.draft}
          isNew={editing.isNew}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            providers.reload();
          }}
        />
      ) : (
        <div className="sy-card">
          <h3>Add a provider</h3>
          <div className="sy-preset-grid">
            {PROVIDER_PRESETS.map((preset) => (
              <button
                key={preset.id}
                type="button"
                className="sy-preset"
                onClick={() => setEditing({ draft: draftFromPreset(preset, list.map((p) => p.id)), isNew: true })}
              >
                <strong>{preset.name}</strong>
                <span className="sy-small sy-muted">
                  {preset.id === 'chrome-ai'
                    ? CHROME_AI_STATE[chromeAi.data?.availability ?? 'unavailable']
                    : preset.local
                      ? 'on this computer, no key'
                      : preset.id === 'custom'
                        ? 'any OpenAI-compatible host'
                        : preset.baseUrl.replace(/^https?:\/\//, '')}
                </span>
              </button>
            ))}
          </div>
        </div>
      )}
      <SearchServiceCard />
    </section>
  );
}
