import { useState } from 'react';
import { browser } from '@/lib/platform/browser';
import { AZURE_API_VERSION, bedrockControlPlane, PROVIDER_PRESETS, type ProviderPreset } from '@/lib/gateway/providers/presets';
import { callBackground } from '@/lib/messaging/browser';
import { PROVIDER_KEY_PAGES } from '@/lib/ui/provider-key-pages';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction } from '../ui/useCall';
import { textToWindows, windowsToText } from '@/lib/settings/context-windows-text';

export interface ProviderDraft {
  id: string;
  name: string;
  kind: ProviderPreset['kind'];
  preset?: string;
  baseUrl: string;
  headers: Record<string, string>;
  enabled: boolean;
  apiVersion?: string;
  deployments?: Record<string, string>;
  contextWindows?: Record<string, number>;
  region?: string;
  keySet?: boolean;
  keyHint?: string | null;
}

export function draftFromPreset(preset: ProviderPreset, taken: string[]): ProviderDraft {
  let id = preset.id;
  for (let n = 2; taken.includes(id); n++) id = `${preset.id}-${n}`;
  return { id, name: preset.name, kind: preset.kind, preset: preset.id === 'custom' ? undefined : preset.id, baseUrl: preset.baseUrl, headers: preset.headers ?? {}, enabled: true };
}

/** Azure deployments as the form shows them: one "catalog model = deployment" per line. */
function deploymentsToText(deployments: Record<string, string> | undefined): string {
  return Object.entries(deployments ?? {})
    .map(([model, deployment]) => `${model} = ${deployment}`)
    .join('\n');
}

function textToDeployments(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`Deployments, line ${n + 1}: write it as “openai/gpt-4o = my-deployment”.`);
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** Bedrock's runtime endpoint for a region, unless the user pointed it somewhere else (a proxy, a test server). */
function bedrockEndpoint(region: string, baseUrl: string): string {
  return /bedrock-runtime(-fips)?\.[a-z0-9-]+\.amazonaws\.com/.test(baseUrl) ? `https://bedrock-runtime.${region}.amazonaws.com` : baseUrl;
}

/** What a Bedrock provider keeps as its key: AWS credentials as JSON, or a Bedrock API key. */
function awsKey(aws: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, apiKey: string): string {
  if (!aws.accessKeyId && !aws.secretAccessKey) return apiKey;
  if (!aws.accessKeyId || !aws.secretAccessKey) throw new Error('Enter both the access key ID and the secret access key (or neither, with a Bedrock API key).');
  return JSON.stringify({ accessKeyId: aws.accessKeyId.trim(), secretAccessKey: aws.secretAccessKey.trim(), ...(aws.sessionToken.trim() ? { sessionToken: aws.sessionToken.trim() } : {}) });
}

function headersToText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function textToHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const BUILT_IN_HOSTS = /^(https:\/\/(api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|openrouter\.ai|api\.groq\.com|api\.deepseek\.com|api\.x\.ai|api\.together\.xyz|api\.fireworks\.ai|api\.perplexity\.ai|api\.cerebras\.ai)|http:\/\/(localhost|127\.0\.0\.1))(:\d+)?\//;

/** Custom hosts need the user's permission before the background may call them (all asked at once: one click grants one prompt). */
async function ensureHostPermission(...urls: string[]): Promise<void> {
  const origins = urls
    .filter((url) => /^https?:/i.test(url) && !BUILT_IN_HOSTS.test(url.endsWith('/') ? url : `${url}/`))
    .map((url) => `${new URL(url).origin}/*`);
  if (origins.length === 0) return;
  // Asked first thing: Firefox takes a request as the user's only before the click's handler awaits
  // anything. Origins already granted answer true without a prompt.
  const granted = await browser.permissions.request({ origins });
  if (!granted) throw new Error(`Switchyard needs permission to reach ${origins.map((o) => new URL(o.slice(0, -2)).host).join(' and ')} to use this provider.`);
}

/** Adds or edits one provider: preset, base URL, key (write-only), extra headers. */
export function ProviderForm({ initial, isNew, onDone, onCancel }: { initial: ProviderDraft; isNew: boolean; onDone(): void; onCancel(): void }) {
  const [draft, setDraft] = useState(initial);
  const [key, setKey] = useState('');
  const [headers, setHeaders] = useState(headersToText(initial.headers));
  const [deployments, setDeployments] = useState(deploymentsToText(initial.deployments));
  const [windows, setWindows] = useState(windowsToText(initial.contextWindows));
  const azure = draft.kind === 'azure';
  const bedrock = draft.kind === 'bedrock';
  const [aws, setAws] = useState({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  const save = useAction();
  const preset = PROVIDER_PRESETS.find((p) => p.id === (draft.preset ?? 'custom'));
  const team = preset?.servesCatalog === true;
  const keyPage = preset ? PROVIDER_KEY_PAGES[preset.id] : undefined;

  return (
    <form
      className="sy-card sy-form"
      aria-label={isNew ? 'Add provider' : `Edit ${initial.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          const { keySet: _k, keyHint: _h, contextWindows: _w, ...settings } = draft;
          const contextWindows = textToWindows(windows);
          const azureSettings = azure ? { apiVersion: draft.apiVersion || AZURE_API_VERSION, deployments: textToDeployments(deployments) } : {};
          const bedrockSettings = bedrock ? { region: draft.region || 'us-east-1', baseUrl: bedrockEndpoint(draft.region || 'us-east-1', draft.baseUrl) } : {};
          const baseUrl = bedrockSettings.baseUrl ?? draft.baseUrl;
          // Bedrock's model list (the connection test) is on its control plane, beside the runtime.
          await ensureHostPermission(baseUrl, ...(bedrock ? [bedrockControlPlane(baseUrl)] : []));
          await callBackground('providers.save', { settings: { ...settings, ...azureSettings, ...bedrockSettings, headers: textToHeaders(headers), ...(Object.keys(contextWindows).length ? { contextWindows } : {}) }, apiKey: (bedrock ? awsKey(aws, key) : key) || undefined });
          // Its own model list makes a custom host's or a local server's models selectable; a
          // provider that is down now is still saved.
          await callBackground('providers.sync', { id: draft.id }).catch(() => undefined);
          onDone();
        });
      }}
    >
      <h3>{isNew ? `Add ${preset?.name ?? 'provider'}` : `Edit ${initial.name}`}</h3>
      <div className="sy-grid-2">
        <Field id="provider-name" label="Name">
          <input id="provider-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        </Field>
        <Field id="provider-id" label="Id" hint={`Models are named “${draft.id || 'id'}/model”.`}>
          <input id="provider-id" value={draft.id} disabled={!isNew} pattern="[a-z0-9][a-z0-9-]{0,39}" onChange={(e) => setDraft({ ...draft, id: e.target.value })} required />
        </Field>
      </div>
      {draft.preset === undefined && (
        <Field id="provider-kind" label="Wire format">
          <select id="provider-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as ProviderDraft['kind'] })}>
            <option value="openai">OpenAI-compatible</option>
            <option value="anthropic">Anthropic Messages</option>
            <option value="gemini">Google Gemini</option>
            <option value="ollama">Ollama</option>
          </select>
        </Field>
      )}
      <Field
        id="provider-url"
        label={azure ? 'Resource endpoint' : 'Base URL'}
        hint={
          azure
            ? 'As shown under Keys and Endpoint for the resource, e.g. https://contoso.openai.azure.com.'
            : team
              ? 'Your team gateway’s address with /v1, as your team’s admin gave it, e.g. https://switchyard-team.acme.workers.dev/v1.'
              : undefined
        }
      >
        <input id="provider-url" type="url" value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} required placeholder="https://example.com/v1" />
      </Field>
      {azure && (
        <>
          <Field id="provider-api-version" label="API version" hint={`Leave empty for ${AZURE_API_VERSION}.`}>
            <input id="provider-api-version" value={draft.apiVersion ?? ''} placeholder={AZURE_API_VERSION} onChange={(e) => setDraft({ ...draft, apiVersion: e.target.value || undefined })} />
          </Field>
          <Field id="provider-deployments" label="Deployments" hint="One per line: the catalog model, then the name you deployed it under, e.g. “openai/gpt-4o = gpt-4o-prod”.">
            <textarea id="provider-deployments" rows={3} value={deployments} onChange={(e) => setDeployments(e.target.value)} required />
          </Field>
        </>
      )}
      {bedrock && (
        <>
          <Field id="provider-region" label="Region" hint="Where your Bedrock models are enabled, e.g. us-east-1.">
            <input id="provider-region" value={draft.region ?? ''} placeholder="us-east-1" pattern="[a-z]{2}(-gov)?-[a-z]+-\d" onChange={(e) => setDraft({ ...draft, region: e.target.value || undefined })} />
          </Field>
          <div className="sy-grid-2">
            <Field id="aws-access-key" label="Access key ID">
              <input id="aws-access-key" autoComplete="off" value={aws.accessKeyId} onChange={(e) => setAws({ ...aws, accessKeyId: e.target.value })} placeholder={draft.keySet ? `••••${draft.keyHint ?? ''}` : 'AKIA…'} />
            </Field>
            <Field id="aws-secret" label="Secret access key">
              <input id="aws-secret" type="password" autoComplete="off" value={aws.secretAccessKey} onChange={(e) => setAws({ ...aws, secretAccessKey: e.target.value })} />
            </Field>
          </div>
          <Field id="aws-session-token" label="Session token" hint="Only for temporary credentials. Or leave these three empty and put a Bedrock API key below.">
            <input id="aws-session-token" type="password" autoComplete="off" value={aws.sessionToken} onChange={(e) => setAws({ ...aws, sessionToken: e.target.value })} />
          </Field>
        </>
      )}
      <Field
        id="provider-key"
        label={bedrock ? 'Bedrock API key' : team ? 'Member key' : 'API key'}
        hint={
          draft.keySet
            ? `A key is set (${draft.keyHint}). Leave empty to keep it.`
            : preset?.needsKey === false
              ? 'Not needed for a local server.'
              : team
                ? 'Your own key (sy-team-…), from your team’s admin: your requests count against your team budget. It stays in this browser.'
              : keyPage
                ? (
                    <>
                      Get one at{' '}
                      <a href={keyPage} target="_blank" rel="noopener noreferrer">
                        {new URL(keyPage).host}
                      </a>
                      . It stays in this browser.
                    </>
                  )
                : 'It stays in this browser.'
        }
      >
        <input id="provider-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder={draft.keySet ? '••••••••' : ''} />
      </Field>
      <Field id="provider-headers" label="Extra headers" hint="One per line, as “Name: value”.">
        <textarea id="provider-headers" rows={2} value={headers} onChange={(e) => setHeaders(e.target.value)} />
      </Field>
      <Field
        id="provider-windows"
        label="Context windows"
        hint="For models whose window this provider does not tell (or tells wrong): one per line, the model as the provider names it and its window in tokens, e.g. “llama3.2:1b = 131072” or “my-model = 32k”."
      >
        <textarea id="provider-windows" rows={2} value={windows} onChange={(e) => setWindows(e.target.value)} />
      </Field>
      <Notice message={save.message} testId="provider-form-error" />
      <div className="sy-row">
        <Button variant="primary" type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save provider'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
