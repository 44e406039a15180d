/**
 * Small line icons drawn in the text colour. Emoji depend on the system's fonts (a bare Linux
 * install shows empty boxes); these look the same everywhere and follow the theme.
 */
const PATHS = {
  page: 'M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13 M6.5 8h4 M6.5 10.5h4',
  selection: 'M4.5 12.5a2 2 0 1 0 0-.01z M11.5 12.5a2 2 0 1 0 0-.01z M5.9 11 12 2.5 M10.1 11 4 2.5',
  lock: 'M3.5 7.5h9v7h-9z M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  unlock: 'M3.5 7.5h9v7h-9z M5.5 7.5V5a2.5 2.5 0 0 1 4.9-.7',
  image: 'M2 3h12v10H2z M2 11l3.5-3.5 3 3 2-2L14 12 M10.5 6.2a.01.01 0 1 0 0 .01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="sy-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
