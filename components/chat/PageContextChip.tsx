import { useEffect, useRef, useState } from 'react';
import { pageFromFile, pageFromPdf, ScannedPdf } from '@/lib/page/file-context';
import { fromBase64 } from '@/lib/page/pdf-bytes';
import type { PageContext } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import type { PageContent } from '@/lib/messaging/page';
import { errorMessage } from '../errorMessage';
import { cutNote, noRoomMessage, pageAmount, type PageFitResult } from '@/lib/chat/page-fit-text';
import { Icon } from '../ui/Icon';
import { MAX_TABS, tabsContext } from '@/lib/page/tabs';
import type { PageTab } from '@/lib/ledger/db';
import { TabChips } from './TabChips';
import { TabPicker } from './TabPicker';

interface Props {
  /** Prefix of the test ids, so two chips (chat and compare) can be told apart. */
  testIdPrefix?: string;
  page: PageContext | undefined;
  /** How much of the page goes to the model chosen (asked of the background as the choice changes). */
  fit?: PageFitResult;
  /** The chosen model's name, for the notes about the fit. */
  modelName?: string;
  /** Offered when the model has no room for the page: switch to one that has. */
  onUseModel?(id: string): void;
  disabled?: boolean;
  onChange(page: PageContext | undefined): void;
  /** An image dropped on the composer goes with the question instead. */
  onImage?(file: File): void;
  /** A scanned PDF's pages, as images for the question. */
  onImages?(images: Blob[]): void;
}

function contextOf(content: PageContent, kind: 'page' | 'selection'): PageContext {
  return { url: content.url, title: content.title, text: kind === 'selection' ? content.selection : content.text, kind };
}

/**
 * "Use this page": reads the active tab through the content script (a PDF in the browser's viewer
 * with pdf.js, by page) and shows what the model will get; or a PDF or text file attached or dropped.
 */
export function PageContextChip({ testIdPrefix = '', page, fit, modelName = 'the model', onUseModel, disabled, onChange, onImage, onImages }: Props) {
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<PageContent | null>(null);
  const [scan, setScan] = useState<ScannedPdf | null>(null);
  const [picking, setPicking] = useState(false);

  // Tabs added to what is in the question already (a page read before becomes the first tab).
  const addTabs = (added: PageTab[]) => {
    const before: PageTab[] = page?.tabs ?? (page ? [{ url: page.url, title: page.title, text: page.text }] : []);
    onChange(tabsContext([...before, ...added.filter((t) => !before.some((b) => b.url === t.url))]));
  };
  const addTabsButton = (
    <button type="button" className="sy-chip-button" onClick={() => setPicking(true)} disabled={disabled || reading || picking} data-testid={`${testIdPrefix}add-tabs`}>
      Add tabs…
    </button>
  );
  const picker = picking && <TabPicker inQuestion={page?.tabs?.map((t) => t.url) ?? (page ? [page.url] : [])} onAdd={addTabs} onClose={() => setPicking(false)} />;

  async function read() {
    setReading(true);
    setError(null);
    setScan(null);
    try {
      const content = await callBackground('page.read', {});
      if (content.pdfBase64) {
        setLast(null);
        onChange(await pageFromPdf(fromBase64(content.pdfBase64), content.url, content.title));
        return;
      }
      setLast(content);
      if (!content.text && !content.selection) throw new Error('This page has no readable text.');
      onChange(contextOf(content, content.selection ? 'selection' : 'page'));
    } catch (e) {
      setError(errorMessage(e));
      setScan(e instanceof ScannedPdf ? e : null);
    } finally {
      setReading(false);
    }
  }

  async function sendPages() {
    if (!scan || !onImages) return;
    setReading(true);
    try {
      onImages(await scan.pages());
      setError(null);
      setScan(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setReading(false);
    }
  }

  async function attach(file: File) {
    setReading(true);
    setError(null);
    try {
      setLast(null);
      onChange(await pageFromFile(file));
    } catch (e) {
      setError(errorMessage(e));
      setScan(e instanceof ScannedPdf ? e : null);
    } finally {
      setReading(false);
    }
  }

  // A file dropped anywhere on the composer (the chip, the text box, the send button) is read like a picked one.
  const row = useRef<HTMLDivElement>(null);
  const attachLatest = useRef(attach);
  const onImageLatest = useRef(onImage);
  useEffect(() => {
    attachLatest.current = attach;
    onImageLatest.current = onImage;
  });
  useEffect(() => {
    const area = row.current?.closest('.sy-composer-area') ?? row.current;
    if (!area || disabled) return;
    const over = (e: Event) => {
      if ((e as globalThis.DragEvent).dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const dropped = (e: Event) => {
      const file = (e as globalThis.DragEvent).dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (file.type.startsWith('image/') && onImageLatest.current) onImageLatest.current(file);
      else void attachLatest.current(file);
    };
    area.addEventListener('dragover', over);
    area.addEventListener('drop', dropped);
    return () => {
      area.removeEventListener('dragover', over);
      area.removeEventListener('drop', dropped);
    };
  }, [disabled]);

  if (!page) {
    return (
      <div className="sy-context" ref={row}>
        <button type="button" className="sy-chip-button" onClick={() => void read()} disabled={disabled || reading} data-testid={`${testIdPrefix}use-page`}>
          {reading ? 'Reading the page…' : (
            <>
              <Icon name="page" />
              Use this page
            </>
          )}
        </button>
        {addTabsButton}
        <label className="sy-chip-button" data-testid={`${testIdPrefix}attach-file`}>
          Attach a file
          <input
            type="file"
            accept=".pdf,application/pdf,text/*,.md,.csv,.json,.txt"
            aria-label="Attach a PDF or text file"
            className="sy-visually-hidden"
            disabled={disabled || reading}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void attach(file);
            }}
          />
        </label>
        {error && (
          <p className="sy-alert sy-small" role="alert" data-testid={`${testIdPrefix}page-error`}>
            {error}
            {scan && onImages && (
              <>
                {' '}
                <button type="button" className="sy-link-button" onClick={() => void sendPages()} disabled={reading}>
                  Send its pages as images
                </button>
              </>
            )}
          </p>
        )}
        {picker}
      </div>
    );
  }

  return (
    <div className="sy-context" ref={row}>
      {page.tabs ? (
        <TabChips testIdPrefix={testIdPrefix} page={{ ...page, tabs: page.tabs }} fit={fit} disabled={disabled} onChange={onChange} />
      ) : (
        <details className="sy-chip" data-testid={`${testIdPrefix}page-chip`}>
          <summary>
            <Icon name={page.kind === 'selection' ? 'selection' : 'page'} />
            {page.kind === 'selection' ? 'Selection from ' : ''}
            <strong>{page.title || page.url}</strong> · <span data-testid={`${testIdPrefix}page-amount`}>{pageAmount(page.text, fit)}</span>
          </summary>
          <p className="sy-small sy-muted">{page.url}</p>
          <pre className="sy-preview">{page.text.slice(0, 2000)}{page.text.length > 2000 ? '…' : ''}</pre>
          {page.kind === 'selection' && last?.text && (
            <button type="button" className="sy-link-button" onClick={() => onChange(contextOf(last, 'page'))}>
              Use the whole page instead
            </button>
          )}
        </details>
      )}
      {page.kind !== 'selection' && (page.tabs?.length ?? 1) < MAX_TABS && addTabsButton}
      <button type="button" className="sy-link-button" aria-label={page.tabs ? 'Stop using these tabs' : 'Stop using this page'} onClick={() => onChange(undefined)} disabled={disabled}>
        ✕
      </button>
      {fit?.noRoom ? (
        <p className="sy-alert sy-small" role="alert" data-testid={`${testIdPrefix}page-no-room`}>
          {noRoomMessage(modelName, fit)}{' '}
          {fit.roomier && onUseModel && (
            <button type="button" className="sy-link-button" onClick={() => onUseModel(fit.roomier!.id)} disabled={disabled}>
              Use {fit.roomier.name}
            </button>
          )}{' '}
          <button type="button" className="sy-link-button" onClick={() => onChange(undefined)} disabled={disabled}>
            Ask without the page
          </button>
        </p>
      ) : (
        (fit?.trimmed || page.clipped) && (
          <p className="sy-small sy-warn-text" data-testid={`${testIdPrefix}page-trimmed`}>
            {fit?.trimmed ? cutNote(modelName, fit) : 'This page is very long; only its first 2 million characters are used.'}
          </p>
        )
      )}
      {picker}
    </div>
  );
}
