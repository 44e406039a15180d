import { useCallback, useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { useWebSearch, WebSearchToggle } from './WebSearchToggle';
import { browser } from '@/lib/platform/browser';
import { pagePrompt } from '@/lib/chat/page-prompt';
import { readTabsById } from '@/lib/page/read-tabs';
import type { PendingJob } from '@/lib/chat/jobs';
import type { LedgerDb } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { Composer } from './Composer';
import { CostEstimate } from './CostEstimate';
import { ExportMenu } from './ExportMenu';
import { HistoryView } from './HistoryView';
import { ImageAttachments, pasteImagesInto, useImageAttachments } from './ImageAttachments';
import { MessageList } from './MessageList';
import { ModelPicker } from './ModelPicker';
import { ThinkingSelect, useThinking } from './ThinkingSelect';
import { PageContextChip } from './PageContextChip';
import { conversationTokens, useConversation } from './useConversation';
import { usePageFits } from './usePageFits';
import { useModels } from './useModels';

/** The first thing a new user meets: a local model that is already running, or the way to add a key. */
function Onboarding() {
  const local = useLoad(() => callBackground('local.detect', {}));
  const adding = useAction();
  return (
    <section className="sy-card sy-empty" data-testid="no-models">
      <h2>Add a provider to start</h2>
      {local.data && local.data.length > 0 && (
        <div className="sy-local" data-testid="local-servers">
          {local.data.map((server) => (
            <div key={server.preset} className="sy-row">
              <span>
                <strong>{server.name}</strong>
                {server.preset === 'chrome-ai'
                  ? server.availability === 'available'
                    ? ' is ready in this browser. No key needed; answers stay on this device.'
                    : ' can be downloaded by Chrome for use on this device (it is not ready yet).'
                  : ` is running on this computer with ${server.models.length} ${server.models.length === 1 ? 'model' : 'models'}${server.models.length ? ` (${server.models.slice(0, 3).join(', ')}${server.models.length > 3 ? ', …' : ''})` : ''}. No key needed.`}
              </span>
              <Button
                variant="primary"
                disabled={adding.busy}
                onClick={() =>
                  void adding.run(async () => {
                    await callBackground('local.add', { preset: server.preset });
                    location.reload();
                  })
                }
              >
                Use {server.name}
              </Button>
            </div>
          ))}
          <Notice message={adding.message} />
        </div>
      )}
      <p className="sy-muted">
        Switchyard talks to models with your own keys. Add a key for OpenAI, Anthropic, Google, Groq, OpenRouter or any OpenAI-compatible host — or
        start Ollama or LM Studio on this computer, no key needed.
      </p>
      <Button variant={local.data?.length ? 'secondary' : 'primary'} onClick={() => void browser.runtime.openOptionsPage()}>
        Open settings
      </Button>
    </section>
  );
}

/** The side panel's chat: history, page context, model picker, streamed answers. */
export interface ChatHandle {
  take(job: PendingJob): void;
}

export function ChatView({ db, handle }: { db: LedgerDb; handle?: Ref<ChatHandle> }) {
  const models = useModels();
  const [thinking, setThinking] = useThinking();
  const [webSearch, setWebSearch] = useWebSearch();
  const reasons = (id: string) => Boolean(models.models?.find((m) => m.id === id)?.capabilities.reasoning);
  const nameOf = (id: string) => models.models?.find((m) => m.id === id)?.name ?? id;
  const chat = useConversation(db, 'sidepanel', { thinking, reasons, nameOf, webSearch });
  const [draft, setDraft] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  // Tabs the context menu's "Ask about these tabs…" could not read, and why.
  const [tabsNotRead, setTabsNotRead] = useState<string[]>([]);
  const model = chosen ?? chat.conversation?.model ?? models.defaultModel;
  const attachments = useImageAttachments();
  const images = attachments.images;
  // While an image is attached, only models that see images are offered; a text-only one cannot send.
  const current = models.models?.find((m) => m.id === model);
  const cannotSee = images.length > 0 && current !== undefined && !current.capabilities.vision;
  // How much of the page goes with the next question, shown before it is sent.
  const fitModels = useMemo(() => (model ? [model] : []), [model]);
  const pageFit = usePageFits(chat.page, fitModels, useMemo(() => conversationTokens(chat.messages), [chat.messages])).get(model ?? '');
  const noRoom = Boolean(pageFit?.noRoom);

  useImperativeHandle(handle, () => ({
    take(job) {
      setShowHistory(false);
      if (job.kind === 'chat') {
        chat.newChat();
        void chat.setPage(job.page);
        return;
      }
      if (job.kind === 'tabs') {
        chat.newChat();
        void readTabsById(job.tabIds ?? []).then(({ page, failed }) => {
          void chat.setPage(page);
          setTabsNotRead(failed.map((f) => `${f.tab.title || f.tab.url || 'A tab'}: ${f.error}`));
        });
        return;
      }
      const target = job.models[0] ?? model;
      setChosen(target);
      void chat.startWith(job.prompt, target, job.page, 'context-menu');
    },
  }));

  const { regenerate, editAndResend } = chat;
  const onRegenerate = useCallback(() => void regenerate(model), [regenerate, model]);
  const onEdit = useCallback((id: string, text: string) => void editAndResend(id, text, model), [editAndResend, model]);

  function submit() {
    const text = draft.trim();
    if (!text || chat.busy || !model || cannotSee || noRoom || attachments.working) return;
    setDraft('');
    attachments.clear();
    models.markUsed(model);
    void chat.send(text, model, images);
  }

  // The conversation as the estimate sees it, rebuilt when it changes, not at every keystroke.
  const history = useMemo(
    () => [...(chat.page ? [{ role: 'system', content: pagePrompt(chat.page) }] : []), ...chat.messages.map((m) => ({ role: m.role, content: m.content }))],
    [chat.page, chat.messages],
  );

  if (models.models && models.usable.length === 0) return <Onboarding />;

  const pending = [...history, { role: 'user', content: images.length ? [{ type: 'text', text: draft }, ...images.map((url) => ({ type: 'image_url', image_url: { url } }))] : draft }];

  return (
    <section className="sy-chat" aria-label="Chat" onKeyDown={(e) => e.key === 'Escape' && chat.busy && chat.stop()}>
      <div className="sy-toolbar">
        {models.models && (
          <ModelPicker
            models={images.length ? models.models.filter((m) => m.capabilities.vision) : models.models}
            value={model}
            prefs={models.prefs}
            onChange={setChosen}
            onToggleFavourite={models.toggleFavourite}
            onSetDefault={models.setDefault}
          />
        )}
        {model && reasons(model) && <ThinkingSelect value={thinking} onChange={setThinking} />}
        <WebSearchToggle on={webSearch} onChange={setWebSearch} />
        <ExportMenu db={db} conversationId={chat.messages.length ? chat.conversation?.id : undefined} />
        <Button onClick={() => setShowHistory(!showHistory)} aria-pressed={showHistory}>
          History
        </Button>
        <Button
          onClick={() => {
            chat.newChat();
            setChosen(null);
            setShowHistory(false);
          }}
          disabled={chat.busy}
        >
          New chat
        </Button>
      </div>
      {models.error && <p className="sy-alert">{models.error}</p>}

      {showHistory ? (
        <HistoryView
          db={db}
          currentId={chat.conversation?.id}
          onOpen={(id) => {
            setChosen(null);
            setShowHistory(false);
            void chat.open(id);
          }}
        />
      ) : (
        <>
          {chat.messages.length === 0 && (
            <p className="sy-muted sy-hint">Ask anything, or turn on “Use this page” to ask about the page you are on.</p>
          )}
          <MessageList messages={chat.messages} busy={chat.busy} onRegenerate={onRegenerate} onEdit={onEdit} />
          <div
            className="sy-composer-area"
            onPaste={pasteImagesInto(attachments)}
          >
            <PageContextChip page={chat.page} fit={pageFit} modelName={model ? nameOf(model) : undefined} onUseModel={setChosen} disabled={chat.busy} onChange={(p) => {
                setTabsNotRead([]);
                void chat.setPage(p);
              }} onImage={(file) => void attachments.addFiles([file])} onImages={(pages) => void attachments.addFiles(pages)} />
            {tabsNotRead.length > 0 && (
              <Notice testId="tabs-not-read" message={{ tone: 'error', text: `Not read: ${tabsNotRead.join('; ')}` }} />
            )}
            <ImageAttachments state={attachments} disabled={chat.busy} />
            {cannotSee && (
              <p className="sy-alert sy-small" role="alert" data-testid="vision-needed">
                {current?.name} cannot read images. Pick a model that can (only those are offered while an image is attached), or remove the image.
              </p>
            )}
            <Composer
              label="Message"
              placeholder="Ask anything… (Enter to send, Shift+Enter for a new line, Esc to stop)"
              value={draft}
              busy={chat.busy}
              canSend={Boolean(draft.trim() && model) && !cannotSee && !noRoom && !attachments.working}
              sendLabel="Send"
              stopLabel="Stop"
              onChange={setDraft}
              onSend={submit}
              onStop={chat.stop}
            />
            <CostEstimate model={model} messages={draft.trim() ? pending : []} />
          </div>
        </>
      )}
    </section>
  );
}
