import { useState, type ClipboardEvent } from 'react';
import { preparedImage } from '@/lib/chat/images';
import { callBackground } from '@/lib/messaging/browser';
import { MessagingError } from '@/lib/messaging/rpc';
import { requestCaptureAccess } from '@/lib/page/capture-access';
import { errorMessage } from '../errorMessage';

const MAX_IMAGES = 4;

/** Images for the next question: attached, pasted, dropped or captured from the tab, each scaled to what providers accept. */
export function useImageAttachments() {
  const [images, setImages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  /** The capture the browser refused for want of access, to run again once the user allows it. */
  const [refusedCapture, setRefusedCapture] = useState<{ region: boolean } | null>(null);

  async function add(sources: (() => Promise<{ blob: Blob; crop?: Parameters<typeof preparedImage>[1] } | null>)[]) {
    setError(null);
    setRefusedCapture(null);
    setWorking(true);
    try {
      const room = MAX_IMAGES - images.length;
      if (sources.length > room) throw new Error(`At most ${MAX_IMAGES} images go with one question.`);
      const prepared = await Promise.all(
        sources.map(async (source) => {
          const image = await source();
          return image ? preparedImage(image.blob, image.crop) : null;
        }),
      );
      setImages((all) => [...all, ...prepared.filter((url): url is string => url !== null)].slice(0, MAX_IMAGES));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setWorking(false);
    }
  }

  /** The visible tab, or a region of it the user drags out first (nothing when they cancel). */
  function capture(region = false) {
    return add([
      async () => {
        try {
          const shot = await callBackground('page.capture', { region });
          return shot ? { blob: await (await fetch(shot.dataUrl)).blob(), crop: shot.region } : null;
        } catch (e) {
          if (e instanceof MessagingError && e.code === 'capture_not_allowed') setRefusedCapture({ region });
          throw e;
        }
      },
    ]);
  }

  return {
    images,
    error,
    working,
    addFiles: (files: Blob[]) => add(files.map((blob) => async () => ({ blob }))),
    refusedCapture,
    capture,
    /** Asks the browser for access to every tab (from the click), then runs the refused capture again. */
    async allowCaptureAndRetry() {
      const refused = refusedCapture;
      if (!refused) return;
      if (await requestCaptureAccess()) await capture(refused.region);
      else setError('The browser did not allow it. Open the side panel from the tab (its toolbar button or shortcut) to capture that tab.');
    },
    remove: (index: number) => setImages((all) => all.filter((_, i) => i !== index)),
    clear: () => setImages([]),
  };
}

export type ImageAttachmentsState = ReturnType<typeof useImageAttachments>;

/** A paste handler for a composer: images pasted go with the question (text pastes as usual). */
export function pasteImagesInto(state: ImageAttachmentsState) {
  return (e: ClipboardEvent) => {
    const pasted = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
    if (!pasted.length) return;
    e.preventDefault();
    void state.addFiles(pasted);
  };
}

export function ImageAttachments({ state, disabled }: { state: ImageAttachmentsState; disabled?: boolean }) {
  return (
    <div className="sy-context" data-testid="image-attachments">
      <button type="button" className="sy-chip-button" disabled={disabled || state.working} onClick={() => void state.capture()}>
        {state.working ? 'Preparing the image…' : 'Capture the tab'}
      </button>
      <button type="button" className="sy-chip-button" disabled={disabled || state.working} onClick={() => void state.capture(true)} title="Drag over the part of the page to ask about (Esc to cancel)">
        Capture a region
      </button>
      <label className="sy-chip-button">
        Attach an image
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          aria-label="Attach an image"
          className="sy-visually-hidden"
          disabled={disabled || state.working}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void state.addFiles(files);
          }}
        />
      </label>
      {state.images.map((url, i) => (
        <span key={i} className="sy-thumb">
          <img src={url} alt={`Attached image ${i + 1}`} />
          <button type="button" className="sy-link-button" aria-label={`Remove image ${i + 1}`} onClick={() => state.remove(i)} disabled={disabled}>
            ✕
          </button>
        </span>
      ))}
      {state.error && (
        <p className="sy-alert sy-small" role="alert" data-testid="image-error">
          {state.error}
          {state.refusedCapture && (
            <>
              {' '}
              <button type="button" className="sy-link-button" onClick={() => void state.allowCaptureAndRetry()}>
                Allow capturing any tab
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
