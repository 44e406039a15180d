/** Local calendar day of a timestamp, YYYY-MM-DD. */
export function dayOf(timestamp: number): string {
  const d = new Date(timestamp);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** First and last day of the local month containing a timestamp. */
export function monthOf(timestamp: number): { first: string; last: string } {
  const d = new Date(timestamp);
  const first = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getTime();
  return { first: dayOf(first), last: dayOf(last) };
}
