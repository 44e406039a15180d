import { isCut } from '@/lib/chat/cut';
import { useLiveQuery } from 'dexie-react-hooks';
import { useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { listConversations } from '@/lib/conversations/store';
import type { LedgerDb, PageContext } from '@/lib/ledger/db';
import type { JobSource } from '@/lib/chat/jobs';
import { AnswerMetaLine } from '../chat/AnswerMetaLine';
import { Composer } from '../chat/Composer';
import { Markdown } from '../chat/Markdown';
import { ExportMenu } from '../chat/ExportMenu';
import { ImageAttachments, pasteImagesInto, useImageAttachments } from '../chat/ImageAttachments';
import { ImageStrip } from '../chat/ImageStrip';
import { ModelPicker } from '../chat/ModelPicker';
import { PageContextChip } from '../chat/PageContextChip';
import { useModels } from '../chat/useModels';
import { usePageFits } from '../chat/usePageFits';
import { PageFitNotes } from './PageFitNotes';
import { Button } from '../ui/Button';
import { Leaderboard } from './Leaderboard';
import { useCompare } from './useCompare';
import { ThinkingSelect, useThinking } from '../chat/ThinkingSelect';
import { Sources } from '../chat/Sources';
import { useWebSearch, WebSearchToggle } from '../chat/WebSearchToggle';
import { withCitationMarks } from '@/lib/chat/citations';
import { answerName, useBlind } from './useBlind';

export interface CompareHandle {
  start(prompt: string, models: string[], page: PageContext | undefined, from?: JobSource): void;
}

/** Compare mode: one prompt, 2–4 models side by side, a vote for the best, and past comparisons. */
export function CompareView({ db, handle }: { db: LedgerDb; handle?: Ref<CompareHandle> }) {
  const models = useModels();
  const [thinking, setThinking] = useThinking();
  const [blind, setBlind] = useBlind();
  const reasons = (id: string) => Boolean(models.models?.find((m) => m.id === id)?.capabilities.reasoning);
  const nameOf = (id: string) => models.models?.find((m) => m.id === id)?.name ?? id;
  const [webSearch, setWebSearch] = useWebSearch();
  const compare = useCompare(db, { thinking, reasons, nameOf, webSearch });
  const [picked, setPicked] = useState<string[] | null>(null);
  const [draft, setDraft] = useState('');
  const [page, setPage] = useState<PageContext | undefined>();
  const [showSaved, setShowSaved] = useState(false);
  const saved = useLiveQuery(() => listConversations(db, '', 30, 'compare'), [db]);
  const chosen = picked ?? [models.defaultModel, ...models.prefs.favourites, ...models.prefs.recent, ...models.usable.map((m) => m.id)].filter((id, i, all) => id && all.indexOf(id) === i).slice(0, 2);
  const attachments = useImageAttachments();
  const images = attachments.images;
  // With an image attached, every column's model must see images.
  const blindToImages = images.length ? chosen.filter((id) => models.models?.find((m) => m.id === id)?.capabilities.vision === false) : [];
  const chosenKey = chosen.join('\n');
  const fitModels = useMemo(() => (chosenKey ? chosenKey.split('\n') : []), [chosenKey]);
  const fits = usePageFits(page, fitModels, 0);
  const noRoom = chosen.some((id) => fits.get(id)?.noRoom);

  useImperativeHandle(handle, () => ({
    start(prompt, list, withPage, from = 'context-menu') {
      setPicked(list);
      setPage(withPage);
      void compare.run(prompt, list, withPage, from, blind);
    },
  }));

  const setAt = (index: number, id: string) => setPicked(chosen.map((m, i) => (i === index ? id : m)));
  const submit = () => {
    const text = draft.trim();
    if (!text || compare.busy || chosen.length < 2 || blindToImages.length || noRoom || attachments.working) return;
    setDraft('');
    attachments.clear();
    void compare.run(text, chosen, page, 'compare', blind, images);
  };

  return (
    <section className="sy-compare" aria-label="Compare models">
      <div className="sy-compare-models" role="group" aria-label="Models to compare">
        {chosen.map((id, index) => (
          <div key={index} className="sy-row" data-testid={`compare-model-${index}`}>
            {models.models && (
              <ModelPicker testId="compare-picker" models={images.length ? models.models.filter((m) => m.capabilities.vision) : models.models} value={id} prefs={models.prefs} onChange={(m) => setAt(index, m)} onToggleFavourite={models.toggleFavourite} onSetDefault={models.setDefault} />
            )}
            <Button aria-label={`Remove model ${index + 1}`} disabled={chosen.length <= 2} onClick={() => setPicked(chosen.filter((_, i) => i !== index))}>
              ✕
            </Button>
          </div>
        ))}
        <div className="sy-row">
          <Button disabled={chosen.length >= 4} onClick={() => setPicked([...chosen, models.usable.find((m) => !chosen.includes(m.id))?.id ?? chosen[0]!])}>
            Add a model
          </Button>
          {chosen.some(reasons) && <ThinkingSelect value={thinking} onChange={setThinking} />}
          <WebSearchToggle on={webSearch} onChange={setWebSearch} />
          <label title="The answers come in a shuffled order, named A, B, …; which model wrote which shows once you pick the best. Blind votes are free of brand bias.">
            <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind
          </label>
          <Button onClick={() => setShowSaved(!showSaved)} aria-pressed={showSaved}>
            Saved comparisons
          </Button>
          {/* A blind comparison's file would tell which column is which: exported after its vote. */}
          {!compare.busy && !compare.hidden && <ExportMenu db={db} conversationId={compare.conversation?.id} />}
        </div>
      </div>

      {showSaved && (
        <ul className="sy-history-list" aria-label="Saved comparisons">
          {saved?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="sy-history-open"
                onClick={() => {
                  setShowSaved(false);
                  // A blind comparison's column order is its secret until the vote.
                  setPicked(c.models ? (c.blind ? [...c.models].sort() : c.models) : null);
                  void compare.open(c.id);
                }}
              >
                <span>{c.title}</span>
                <span className="sy-small sy-muted">{(c.blind ? [...(c.models ?? [])].sort() : (c.models ?? [])).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {compare.prompt && <p className="sy-compare-prompt">{compare.prompt}</p>}
      <ImageStrip images={compare.promptImages} label={(i) => `Image ${i + 1} sent with this prompt`} />
      {compare.hidden && compare.columns.length > 0 && (
        <p className="sy-small sy-muted" role="status">
          Blind comparison: pick the best answer to see which model wrote each. {compare.busy ? 'Voting opens when every answer is done.' : ''}
        </p>
      )}
      {compare.columns.length > 0 && (
        <div className="sy-columns" style={{ gridTemplateColumns: `repeat(${compare.columns.length}, minmax(0, 1fr))` }}>
          {compare.columns.map((column, index) => {
            const name = compare.hidden ? answerName(index) : column.model;
            const citations = column.meta?.citations ?? [];
            return (
              <article key={index} className="sy-column" data-testid={`column-${index}`} data-winner={compare.winner === column.model || undefined}>
                <header className="sy-row">
                  <strong className="sy-small" data-testid="column-name">
                    {name}
                    {compare.conversation?.blind && !compare.hidden && <span className="sy-muted"> · {answerName(index)}</span>}
                  </strong>
                  <span className="sy-spacer" />
                  {column.streaming ? (
                    <Button onClick={() => compare.stop(index)} aria-label={`Stop ${name}`}>
                      Stop
                    </Button>
                  ) : (
                    <Button
                      variant={compare.winner === column.model ? 'primary' : 'secondary'}
                      aria-pressed={compare.winner === column.model}
                      aria-label={compare.winner === column.model ? `${name}: best` : `Pick ${name} as best`}
                      disabled={!column.content || (compare.hidden && compare.busy)}
                      onClick={() => void compare.pick(column.model)}
                    >
                      {compare.winner === column.model ? '★ Best' : 'Pick as best'}
                    </Button>
                  )}
                </header>
                {(column.content || column.streaming) && (
                  <div className="sy-bubble">{column.content ? <Markdown text={citations.length && !column.streaming ? withCitationMarks(column.content, citations) : column.content} /> : '…'}</div>
                )}
                {citations.length > 0 && !column.streaming && <Sources citations={citations} />}
                {column.error && (
                  <p className="sy-alert sy-small" role="alert">
                    {isCut(column.error) && <strong>Cut off. </strong>}
                    {/* An error names its provider: in a blind comparison it waits for the vote. */}
                    {compare.hidden ? 'This answer failed; what went wrong shows after your vote.' : column.error.message}
                  </p>
                )}
                {column.stopped && <p className="sy-small sy-muted">Stopped.</p>}
                {column.pageCut && (
                  <p className="sy-small sy-muted" data-testid="column-page-cut">
                    Given the first {column.pageCut.kept.toLocaleString('en-US')} of the page’s {column.pageCut.total.toLocaleString('en-US')} words, all its window holds.
                  </p>
                )}
                {column.meta && !column.streaming && !compare.hidden && <AnswerMetaLine meta={column.meta} />}
              </article>
            );
          })}
        </div>
      )}

      <div
        className="sy-composer-area"
        onPaste={pasteImagesInto(attachments)}
      >
        <PageContextChip
          testIdPrefix="compare-"
          page={page}
          fit={undefined}
          disabled={compare.busy}
          onChange={setPage}
          onImage={(file) => void attachments.addFiles([file])}
          onImages={(pages) => void attachments.addFiles(pages)}
        />
        <PageFitNotes models={chosen} fits={fits} nameOf={nameOf} onReplace={setAt} disabled={compare.busy} />
        <ImageAttachments state={attachments} disabled={compare.busy} />
        {blindToImages.length > 0 && (
          <p className="sy-alert sy-small" role="alert" data-testid="compare-vision-needed">
            {blindToImages.join(', ')} cannot read images. Pick models that can (only those are offered while an image is attached), or remove the image.
          </p>
        )}
        <Composer
          label="Compare prompt"
          placeholder="One prompt for every model…"
          rows={2}
          value={draft}
          busy={compare.busy}
          canSend={Boolean(draft.trim()) && chosen.length >= 2 && !blindToImages.length && !noRoom && !attachments.working}
          sendLabel="Compare"
          stopLabel="Stop all"
          onChange={setDraft}
          onSend={submit}
          onStop={() => compare.stop()}
        />
      </div>
      <Leaderboard db={db} />
    </section>
  );
}
