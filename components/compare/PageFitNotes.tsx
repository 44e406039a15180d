import { cutNote, noRoomMessage, type PageFitResult } from '@/lib/chat/page-fit-text';

interface Props {
  models: readonly string[];
  fits: ReadonlyMap<string, PageFitResult>;
  nameOf(id: string): string;
  /** Puts the model offered in place of the one at `index`. */
  onReplace(index: number, id: string): void;
  disabled?: boolean;
}

/** Before a comparison: which models get the page cut, and which have no room for it at all. */
export function PageFitNotes({ models, fits, nameOf, onReplace, disabled }: Props) {
  const notes = models.flatMap((id, index) => {
    const fit = fits.get(id);
    return fit && (fit.noRoom || fit.trimmed) ? [{ id, index, fit }] : [];
  });
  if (notes.length === 0) return null;
  return (
    <ul className="sy-plain-list" aria-label="How much of the page each model gets">
      {notes.map(({ id, index, fit }) =>
        fit.noRoom ? (
          <li key={index} className="sy-alert sy-small" role="alert" data-testid="compare-page-no-room">
            {noRoomMessage(nameOf(id), fit)}{' '}
            {fit.roomier && (
              <button type="button" className="sy-link-button" disabled={disabled} onClick={() => onReplace(index, fit.roomier!.id)}>
                Compare {fit.roomier.name} instead
              </button>
            )}
          </li>
        ) : (
          <li key={index} className="sy-small sy-warn-text" data-testid="compare-page-trimmed">
            {cutNote(nameOf(id), fit)}
          </li>
        ),
      )}
    </ul>
  );
}
