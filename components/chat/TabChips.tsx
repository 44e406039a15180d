import type { PageContext, PageTab } from '@/lib/ledger/db';
import { pageAmount, type PageFitResult } from '@/lib/chat/page-fit-text';
import { siteOf, tabsContext } from '@/lib/page/tabs';

interface Props {
  testIdPrefix: string;
  page: PageContext & { tabs: PageTab[] };
  fit?: PageFitResult;
  disabled?: boolean;
  onChange(page: PageContext | undefined): void;
}

/** Several tabs in the question: a chip each (numbered as the answer cites them), with how much of it goes, each removable. */
export function TabChips({ testIdPrefix, page, fit, disabled, onChange }: Props) {
  const remove = (index: number) => onChange(tabsContext(page.tabs.filter((_, i) => i !== index)));
  return (
    <ul className="sy-tab-chips" aria-label="Tabs in the question" data-testid={`${testIdPrefix}tab-chips`}>
      {page.tabs.map((tab, i) => {
        const part = fit?.parts?.[i];
        const partFit = part && fit ? { ...fit, ...part } : undefined;
        return (
          <li key={`${i}-${tab.url}`} className="sy-tab-chip" data-testid={`${testIdPrefix}tab-chip`} title={tab.url}>
            <span className="sy-tab-number" aria-label={`Source ${i + 1}`}>
              {i + 1}
            </span>
            {tab.favIconUrl && <img src={tab.favIconUrl} alt="" width={14} height={14} />}
            <span className="sy-tab-title">{tab.title || siteOf(tab.url)}</span>
            <span className={`sy-small ${part?.trimmed ? 'sy-warn-text' : 'sy-muted'}`} data-testid={`${testIdPrefix}tab-amount`}>
              {pageAmount(tab.text, partFit)}
            </span>
            <button type="button" className="sy-link-button" aria-label={`Remove ${tab.title || tab.url} from the question`} onClick={() => remove(i)} disabled={disabled}>
              ✕
            </button>
          </li>
        );
      })}
    </ul>
  );
}
